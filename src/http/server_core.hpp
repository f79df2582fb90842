// What the listener and the HTTP sessions share: the I/O context, the worker pool and the
// registry of open connections that a graceful stop walks. Internal to src/http/.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/server.hpp"

namespace village::http::detail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A connection as the server sees it when stopping.
class SessionHandle {
  public:
    virtual ~SessionHandle() = default;
    // Closes the connection now, or only if it is between requests when `idle_only`.
    virtual void close(bool idle_only) = 0;
};

struct ServerCore {
    ServerCore(ServerOptions opts, Router const& r, store::Database& db)
        : options(std::move(opts)),
          router(r),
          database(db),
          workers(static_cast<std::size_t>(std::max(1, options.threads))),
          accept_strand(asio::make_strand(ioc)),
          acceptor(accept_strand) {}

    ServerOptions options;
    Router const& router;
    store::Database& database;

    // Declared before the I/O context: sessions still queued in it deregister here while it is
    // destroyed.
    std::mutex sessions_mutex;
    std::condition_variable sessions_changed;
    std::unordered_map<std::uint64_t, std::weak_ptr<SessionHandle>> sessions;
    std::uint64_t next_session_id = 1;

    std::mutex stop_mutex;  // serialises stop()
    std::mutex request_mutex;
    std::condition_variable stop_requested_changed;
    bool stop_requested = false;
    bool started = false;
    bool stopped = false;
    std::atomic<bool> stopping{false};
    std::uint16_t port = 0;

    asio::io_context ioc;
    asio::thread_pool workers;
    asio::strand<asio::io_context::executor_type> accept_strand;
    tcp::acceptor acceptor;
    std::optional<asio::signal_set> signals;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::vector<std::thread> io_threads;

    std::uint64_t add_session(std::weak_ptr<SessionHandle> session) {
        std::lock_guard lock(sessions_mutex);
        auto const id = next_session_id++;
        sessions.emplace(id, std::move(session));
        return id;
    }
    void remove_session(std::uint64_t id) {
        {
            std::lock_guard lock(sessions_mutex);
            sessions.erase(id);
        }
        sessions_changed.notify_all();
    }
    void request_stop() {
        {
            std::lock_guard lock(request_mutex);
            stop_requested = true;
        }
        stop_requested_changed.notify_all();
    }
};

// Serves one accepted connection until it closes (session.cpp).
void start_session(ServerCore& core, tcp::socket socket);

}  // namespace village::http::detail
