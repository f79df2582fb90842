// PostgreSQL goes away while members post cards (a crash: pg_ctl -m immediate) and comes back:
// requests in between fail fast with 503 in the error shape, the server reconnects by itself,
// and every card it acknowledged is there afterwards. A live socket open through it all stays open
// and carries every acknowledged card once, in order. The test runs its own PostgreSQL server
// (scripts/postgres-for-tests, with commits that wait for the WAL as on a real server), since
// crashing the one the rest of the suite shares would fail the tests running beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <thread>

#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_database.hpp"
#include "support/test_server.hpp"
#include "support/ws_client.hpp"

namespace village::testing {
namespace {

namespace bj = boost::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string run_script(std::string const& arguments) {
    auto const command = std::string(VILLAGE_SOURCE_DIR "/scripts/postgres-for-tests ") + arguments;
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        std::array<char, 256> chunk{};
        while (std::fgets(chunk.data(), chunk.size(), pipe) != nullptr) out += chunk.data();
        if (::pclose(pipe) != 0) throw std::runtime_error(command + " failed");
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

// A PostgreSQL server of this test's own, gone when the test ends.
class OwnPostgres {
  public:
    OwnPostgres() : url_(run_script("start 2>/dev/null")) {
        if (!url_.starts_with("postgresql://")) throw std::runtime_error("no server: " + url_);
    }
    ~OwnPostgres() {
        try {
            run_script("stop '" + url_ + "' 2>/dev/null");
        } catch (...) {  // the folder may already be gone
        }
    }
    OwnPostgres(OwnPostgres const&) = delete;
    OwnPostgres& operator=(OwnPostgres const&) = delete;

    [[nodiscard]] std::string const& url() const { return url_; }
    void crash() { run_script("crash '" + url_ + "' 2>/dev/null"); }
    void resume() { run_script("resume '" + url_ + "' 2>/dev/null"); }

  private:
    std::string url_;
};

struct Outcomes {
    std::mutex mutex;
    std::vector<std::string> acknowledged;  // titles answered 201
    std::vector<std::string> unexpected;    // anything but 201 or a 503 in the error shape
    int refused = 0;                        // 503 "unavailable"
    milliseconds slowest_refusal{0};
};

TEST(PostgresRestart, AcknowledgedWritesSurviveACrashAndTheServerReconnectsByItself) {
    if (!test_postgres_url()) GTEST_SKIP() << "PostgreSQL only (VILLAGE_TEST_DATABASE_URL unset)";
    ::setenv("PG_DURABLE", "1", 1);
    OwnPostgres postgres;
    ::unsetenv("PG_DURABLE");
    TestServer server([&](Config& c) {
        c.database = postgres.url();
        c.threads = 4;
    });
    create_community(server.database());
    auto admin = sign_in(server, "admin@example.org");
    auto const board = admin.post("/api/v1/boards", bj::object{{"name", "Rota"},
                                                                {"visibility", "community"}});
    ASSERT_EQ(board.status, 201) << board.body;
    auto const board_id = board.json().at("id").as_int64();
    auto const list = admin.post("/api/v1/boards/" + std::to_string(board_id) + "/lists",
                                 bj::object{{"name", "This week"}});
    ASSERT_EQ(list.status, 201) << list.body;
    auto const cards_path =
        "/api/v1/lists/" + std::to_string(list.json().at("id").as_int64()) + "/cards";

    constexpr int kWriters = 3;
    std::vector<HttpClient> writers;
    for (int i = 0; i < kWriters; ++i) writers.push_back(sign_in(server, "trainee@example.org"));

    // A member watching the board live, reading everything as a browser would.
    WsClient watcher(server.port(),
                     WsOptions{.origin = "http://127.0.0.1:" + std::to_string(server.port()),
                               .cookies = admin.cookies()});
    (void)watcher.expect("welcome");
    ASSERT_EQ(watcher.subscribe(board_id).at("type").as_string(), "subscribed");
    std::vector<std::int64_t> event_ids;
    std::multiset<std::string> titles_live;
    std::atomic<bool> stop_watching{false};
    std::mutex watched;  // guards event_ids and titles_live
    std::atomic<bool> watcher_closed{false};
    std::thread watching([&] {
        while (!stop_watching) {
            auto message = watcher.receive(milliseconds(200));
            if (!message) {
                if (watcher.ended()) {
                    watcher_closed = true;
                    return;
                }
                continue;
            }
            if (message->at("type").as_string() != "event") continue;
            if (message->at("event").as_string() != "card.created") continue;
            std::lock_guard lock(watched);
            event_ids.push_back(message->at("id").as_int64());
            titles_live.emplace(message->at("data").at("title").as_string());
        }
    });

    Outcomes outcomes;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int w = 0; w < kWriters; ++w) {
        threads.emplace_back([&, w] {
            for (int i = 0; !stop; ++i) {
                auto const title = "card " + std::to_string(w) + "-" + std::to_string(i);
                auto const started = Clock::now();
                HttpResponse response;
                try {
                    response = writers[w].post(cards_path, bj::object{{"title", title}});
                } catch (std::exception const& e) {
                    std::lock_guard lock(outcomes.mutex);
                    outcomes.unexpected.push_back(std::string("no answer: ") + e.what());
                    continue;
                }
                auto const took = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
                std::lock_guard lock(outcomes.mutex);
                if (response.status == 201) {
                    outcomes.acknowledged.push_back(title);
                } else if (response.status == 503 && response.error_code() == "unavailable") {
                    ++outcomes.refused;
                    outcomes.slowest_refusal = std::max(outcomes.slowest_refusal, took);
                    std::this_thread::sleep_for(milliseconds(20));  // as a client would back off
                } else {
                    outcomes.unexpected.push_back(std::to_string(response.status) + " " +
                                                  response.body);
                }
            }
        });
    }

    std::this_thread::sleep_for(milliseconds(1500));
    postgres.crash();
    std::this_thread::sleep_for(milliseconds(1500));  // requests keep coming while it is away
    postgres.resume();
    // Back to normal by itself: the first card acknowledged after the restart.
    auto const resumed = Clock::now();
    std::size_t const before_resume = [&] {
        std::lock_guard lock(outcomes.mutex);
        return outcomes.acknowledged.size();
    }();
    bool recovered = false;
    while (Clock::now() - resumed < std::chrono::seconds(20)) {
        {
            std::lock_guard lock(outcomes.mutex);
            if (outcomes.acknowledged.size() > before_resume + kWriters) {
                recovered = true;
                break;
            }
        }
        std::this_thread::sleep_for(milliseconds(50));
    }
    auto const recovery =
        std::chrono::duration_cast<milliseconds>(Clock::now() - resumed).count();
    std::this_thread::sleep_for(milliseconds(500));
    stop = true;
    for (auto& t : threads) t.join();

    EXPECT_TRUE(recovered) << "writes did not succeed again within 20 s of the restart";
    EXPECT_LT(recovery, 10'000) << "ms from the database's return to writes succeeding";
    EXPECT_TRUE(outcomes.unexpected.empty())
        << outcomes.unexpected.size() << " unexpected answers, first: "
        << (outcomes.unexpected.empty() ? "" : outcomes.unexpected.front());
    EXPECT_GT(outcomes.refused, 0) << "no request noticed the database was away";
    // Failing fast: a refusal while the database is away does not wait on it.
    EXPECT_LT(outcomes.slowest_refusal.count(), 5'000);

    // Every acknowledged card is on the board, once.
    auto const read = admin.get("/api/v1/boards/" + std::to_string(board_id));
    ASSERT_EQ(read.status, 200) << read.body;
    std::multiset<std::string> on_board;
    auto const doc = read.json();
    for (auto const& card : doc.at("cards").as_array()) {
        on_board.emplace(card.at("title").as_string());
    }
    ASSERT_GT(outcomes.acknowledged.size(), 0u);
    std::size_t missing = 0;
    for (auto const& title : outcomes.acknowledged) {
        if (on_board.count(title) != 1) ++missing;
    }
    EXPECT_EQ(missing, 0u) << "of " << outcomes.acknowledged.size() << " acknowledged cards";

    // The live socket: still open, and every acknowledged card arrived on it once, in order.
    auto const all_live = [&] {
        std::lock_guard lock(watched);
        for (auto const& title : outcomes.acknowledged) {
            if (titles_live.count(title) == 0) return false;
        }
        return true;
    };
    auto const waiting_since = Clock::now();
    while (!all_live() && !watcher_closed && Clock::now() - waiting_since < std::chrono::seconds(10)) {
        std::this_thread::sleep_for(milliseconds(100));
    }
    stop_watching = true;
    watching.join();
    EXPECT_FALSE(watcher_closed) << "the live socket was closed by the database's restart";
    std::size_t missing_live = 0;
    for (auto const& title : outcomes.acknowledged) {
        if (titles_live.count(title) != 1) ++missing_live;
    }
    EXPECT_EQ(missing_live, 0u) << "acknowledged cards not delivered live exactly once";
    EXPECT_TRUE(std::is_sorted(event_ids.begin(), event_ids.end()) &&
                std::adjacent_find(event_ids.begin(), event_ids.end()) == event_ids.end())
        << "live events out of order or repeated";
    std::printf("restart under load: %zu cards acknowledged, %d refused with 503 (slowest %lld ms), "
                "writes back %lld ms after the database; %zu delivered live\n",
                outcomes.acknowledged.size(), outcomes.refused,
                static_cast<long long>(outcomes.slowest_refusal.count()),
                static_cast<long long>(recovery), event_ids.size());
}

}  // namespace
}  // namespace village::testing
