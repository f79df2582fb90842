// LISTEN for one channel on a libpq connection of its own, on a thread of its own. When the
// connection is lost (server restarted, network gone) it is made again with a growing pause,
// and a `resync` notice tells the handler that notices may have been missed meanwhile.
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <memory>
#include <system_error>
#include <thread>

#include "store/postgres/postgres_database.hpp"

namespace village::store::postgres {

namespace {

constexpr std::chrono::milliseconds kFirstRetry{100};
constexpr std::chrono::milliseconds kMaxRetry{2000};
// How often an idle listener asks the server whether it is still there, so a connection that
// died silently is noticed within seconds rather than at the next TCP keepalive.
constexpr std::chrono::milliseconds kIdleCheck{5000};

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// LISTEN takes an identifier, not a parameter: only plain names are accepted.
bool plain_identifier(std::string const& name) {
    return !name.empty() && name.size() < 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9');
    });
}

class PostgresListening : public Listening {
  public:
    PostgresListening(ConnectParams params, std::string channel, NoticeHandler handler)
        : params_(std::move(params)), channel_(std::move(channel)), handler_(std::move(handler)) {
        if (!plain_identifier(channel_)) {
            throw DbError(Error{Errc::internal, "Bad channel name", {}, "listen: " + channel_});
        }
        if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
            throw std::system_error(errno, std::generic_category(), "pipe2");
        }
        thread_ = std::thread([this] { run(); });
    }

    ~PostgresListening() override {
        stopping_ = true;
        char const byte = 1;
        (void)!::write(wake_[1], &byte, 1);
        thread_.join();
        PQfinish(conn_);
        ::close(wake_[0]);
        ::close(wake_[1]);
    }

  private:
    void run() {
        auto retry = kFirstRetry;
        while (!stopping_) {
            if (conn_ == nullptr && !connect()) {
                wait_for(retry);
                retry = std::min(retry * 2, kMaxRetry);
                continue;
            }
            retry = kFirstRetry;
            // A notice may have been sent while no connection listened: re-read.
            if (needs_resync_) {
                needs_resync_ = false;
                deliver(Notice{channel_, {}, true});
            }
            if (!serve()) drop();
        }
    }

    bool connect() {
        std::vector<char const*> keywords;
        std::vector<char const*> values;
        for (std::size_t i = 0; i < params_.keywords.size(); ++i) {
            keywords.push_back(params_.keywords[i].c_str());
            values.push_back(params_.values[i].c_str());
        }
        keywords.push_back(nullptr);
        values.push_back(nullptr);
        conn_ = PQconnectdbParams(keywords.data(), values.data(), 1);
        if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
            if (!reported_down_) {
                spdlog::warn("live: cannot listen on PostgreSQL ({}); retrying",
                             conn_ ? first_line(PQerrorMessage(conn_)) : "out of memory");
                reported_down_ = true;
            }
            drop();
            return false;
        }
        PQsetNoticeProcessor(
            conn_, [](void*, char const*) {}, nullptr);
        ResultPtr result(PQexec(conn_, ("LISTEN " + channel_).c_str()), &PQclear);
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            spdlog::warn("live: LISTEN failed: {}", first_line(PQerrorMessage(conn_)));
            drop();
            return false;
        }
        if (reported_down_) spdlog::info("live: listening on PostgreSQL again");
        reported_down_ = false;
        needs_resync_ = true;
        return true;
    }

    // Waits for notices and hands them over; false when the connection is lost.
    bool serve() {
        pollfd fds[2] = {{PQsocket(conn_), POLLIN, 0}, {wake_[0], POLLIN, 0}};
        int const ready = ::poll(fds, 2, static_cast<int>(kIdleCheck.count()));
        if (stopping_) return true;
        if (ready < 0) return errno == EINTR;
        if (ready == 0) {
            // Quiet for a while: a round trip proves the connection still works.
            ResultPtr result(PQexec(conn_, "SELECT 1"), &PQclear);
            return PQresultStatus(result.get()) == PGRES_TUPLES_OK;
        }
        if (PQconsumeInput(conn_) == 0) return false;
        while (PGnotify* notify = PQnotifies(conn_)) {
            Notice notice{notify->relname, notify->extra ? notify->extra : ""};
            PQfreemem(notify);
            deliver(notice);
        }
        return PQstatus(conn_) == CONNECTION_OK;
    }

    void deliver(Notice const& notice) {
        try {
            handler_(notice);
        } catch (std::exception const& e) {
            spdlog::error("live: notice handler failed: {}", e.what());
        }
    }

    void drop() {
        if (conn_ != nullptr && !reported_down_ && !stopping_) {
            spdlog::warn("live: lost the PostgreSQL listening connection; reconnecting");
            reported_down_ = true;
        }
        PQfinish(conn_);
        conn_ = nullptr;
        needs_resync_ = true;
    }

    void wait_for(std::chrono::milliseconds pause) {
        pollfd fd{wake_[0], POLLIN, 0};
        (void)::poll(&fd, 1, static_cast<int>(pause.count()));
    }

    static std::string first_line(char const* text) {
        std::string line(text ? text : "");
        auto const end = line.find('\n');
        return end == std::string::npos ? line : line.substr(0, end);
    }

    ConnectParams params_;
    std::string channel_;
    NoticeHandler handler_;
    PGconn* conn_ = nullptr;
    int wake_[2] = {-1, -1};
    std::atomic<bool> stopping_{false};
    bool needs_resync_ = true;
    bool reported_down_ = false;
    std::thread thread_;
};

}  // namespace

std::unique_ptr<Listening> PostgresDatabase::listen_remote(std::string const& channel,
                                                           NoticeHandler handler) {
    // Named apart from the pool's connections, so operators (and tests) can tell it in
    // pg_stat_activity. Before the URL, which comes last and may override it.
    auto params = params_;
    params.keywords.insert(params.keywords.end() - 1, "application_name");
    params.values.insert(params.values.end() - 1, "village-live");
    return std::make_unique<PostgresListening>(std::move(params), channel, std::move(handler));
}

}  // namespace village::store::postgres
