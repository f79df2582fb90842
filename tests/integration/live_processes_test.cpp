// Several real `village serve` processes on one PostgreSQL database behave as one: a card posted
// through process B reaches a live socket on process A (LISTEN/NOTIFY), also after A's
// listening connection was cut. Skipped on SQLite, which one process owns.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_database.hpp"
#include "support/ws_client.hpp"

extern char** environ;

namespace village::testing {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;

std::uint16_t free_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor acceptor(
        ioc, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();
}

// One `village serve` child process, stopped with SIGTERM when the test ends.
class ServeProcess {
  public:
    ServeProcess(std::string const& database_url, std::filesystem::path const& dir)
        : port_(free_port()), log_(dir / ("serve-" + std::to_string(port_) + ".log")) {
        std::filesystem::create_directories(dir / std::to_string(port_));
        std::vector<std::string> args{VILLAGE_BINARY, "serve",
                                      "--database",   database_url,
                                      "--listen",     "127.0.0.1",
                                      "--port",       std::to_string(port_),
                                      "--data-dir",   (dir / std::to_string(port_)).string(),
                                      "--log-level",  "debug"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        int const rc = posix_spawn(&pid_, VILLAGE_BINARY, &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) throw std::runtime_error("cannot start " + std::string(VILLAGE_BINARY));
        // Ready once /healthz answers.
        for (int i = 0; i < 200; ++i) {
            try {
                if (HttpClient(port_).get("/healthz").status == 200) return;
            } catch (std::exception const&) {
            }
            std::this_thread::sleep_for(50ms);
        }
        throw std::runtime_error("village serve did not become ready:\n" + log());
    }
    ~ServeProcess() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] std::string log() const {
        std::ifstream in(log_);
        std::stringstream out;
        out << in.rdbuf();
        return out.str();
    }

  private:
    std::uint16_t port_;
    std::filesystem::path log_;
    pid_t pid_ = 0;
};

std::int64_t created_id(HttpResponse const& r) {
    if (r.status != 201) throw std::runtime_error("expected 201, got: " + r.body);
    return r.json().at("id").as_int64();
}

TEST(LiveProcesses, ACardPostedThroughOneProcessReachesASocketOnAnother) {
    if (!test_postgres_url()) GTEST_SKIP() << "needs PostgreSQL (VILLAGE_TEST_DATABASE_URL)";
    auto const url = create_postgres_database();
    {
        auto database = store::open_database(url, {});
        ASSERT_TRUE(database) << database.error().detail;
        (*database)->migrate();
        create_member(**database, "admin@example.org", Role::admin, "Ada Admin");
        create_member(**database, "trainee@example.org", Role::trainee, "Tess Trainee");
        (*database)->close();
    }
    auto const dir = std::filesystem::temp_directory_path() /
                     ("village-live-processes-" + std::to_string(::getpid()));
    ServeProcess a(url, dir);
    ServeProcess b(url, dir);

    auto sign_in_on = [](std::uint16_t port, std::string const& email) {
        HttpClient client(port);
        auto r =
            client.post("/api/v1/session", bj::object{{"email", email}, {"password", kPassword}});
        if (r.status != 200) throw std::runtime_error("sign-in: " + r.body);
        client.set_csrf_token(std::string(r.json().at("csrf_token").as_string()));
        return client;
    };
    auto admin_on_b = sign_in_on(b.port(), "admin@example.org");
    auto const board = created_id(admin_on_b.post(
        "/api/v1/boards", bj::object{{"name", "Regional"}, {"visibility", "community"}}));
    auto const list = created_id(admin_on_b.post(
        "/api/v1/boards/" + std::to_string(board) + "/lists", bj::object{{"name", "News"}}));

    // The trainee's session, made through B, opens a socket on A: one database, one community.
    auto trainee = sign_in_on(b.port(), "trainee@example.org");
    WsOptions options;
    options.cookies = trainee.cookies();
    WsClient socket(a.port(), options);
    socket.expect("welcome");
    ASSERT_EQ(socket.subscribe(board).at("type").as_string(), "subscribed");

    auto post_card = [&](std::string const& title) {
        return created_id(admin_on_b.post("/api/v1/lists/" + std::to_string(list) + "/cards",
                                          bj::object{{"title", title}}));
    };
    auto const card = post_card("Posted through B");
    auto event = socket.receive(5s);
    ASSERT_TRUE(event) << "nothing reached A; its log:\n" << a.log();
    EXPECT_EQ(event->at("event").as_string(), "card.created");
    EXPECT_EQ(event->at("card_id").as_int64(), card);

    // Cut every listening connection: A makes its own again, re-reads what it missed, and the
    // socket stays open throughout.
    {
        auto database = store::open_database(url, {});
        ASSERT_TRUE(database);
        {
            store::Db db(**database);  // gives its connection back before close() below
            auto const cut = db.query_one(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = 'village-live'");
            EXPECT_GE(cut->i64(0), 2) << "each process listens on a connection of its own";
        }
        (*database)->close();
    }
    auto const after_cut = post_card("Posted while A was reconnecting");
    event = socket.receive(10s);
    ASSERT_TRUE(event) << "A did not catch up after losing its listening connection; log:\n"
                       << a.log();
    EXPECT_EQ(event->at("card_id").as_int64(), after_cut);
    auto const last = post_card("And after");
    event = socket.receive(5s);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->at("card_id").as_int64(), last);
    EXPECT_FALSE(socket.receive(500ms)) << "an event came twice";
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

}  // namespace
}  // namespace village::testing
