// The listener and the server's life: bind, accept, and the graceful stop (see server.hpp).
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <future>

#include "http/server_core.hpp"

namespace village::http {

namespace {

using detail::ServerCore;
using detail::tcp;
using detail::asio::awaitable;
using detail::asio::use_awaitable;
namespace asio = detail::asio;

// Accepts until the acceptor closes. Each connection gets its own strand.
awaitable<void> accept_loop(ServerCore* core) {
    for (;;) {
        boost::system::error_code ec;
        auto socket = co_await core->acceptor.async_accept(asio::make_strand(core->ioc),
                                                           asio::redirect_error(use_awaitable, ec));
        if (ec) {
            if (core->stopping || !core->acceptor.is_open()) co_return;
            // Out of file descriptors and the like: pause rather than spin.
            spdlog::warn("accept failed: {}", ec.message());
            asio::steady_timer pause(core->accept_strand, std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        if (core->stopping) continue;  // closed as it goes out of scope
        detail::start_session(*core, std::move(socket));
    }
}

tcp::endpoint resolve_listen(asio::io_context& ioc, std::string const& host, std::uint16_t port) {
    boost::system::error_code ec;
    auto const address = asio::ip::make_address(host, ec);
    if (!ec) return tcp::endpoint(address, port);
    tcp::resolver resolver(ioc);
    auto const results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
        if (!ec) ec = asio::error::host_not_found;
        throw boost::system::system_error(ec, "cannot resolve listen address '" + host + "'");
    }
    return results.begin()->endpoint();
}

// Sessions still registered, as strong references, taken under the lock.
std::vector<std::shared_ptr<detail::SessionHandle>> live_sessions(ServerCore& core) {
    std::vector<std::shared_ptr<detail::SessionHandle>> out;
    std::lock_guard lock(core.sessions_mutex);
    for (auto const& [id, weak] : core.sessions) {
        if (auto session = weak.lock()) out.push_back(std::move(session));
    }
    return out;
}

// Waits until every session is gone or the deadline passes; true when all are gone.
bool wait_for_sessions(ServerCore& core, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(core.sessions_mutex);
    return core.sessions_changed.wait_until(lock, deadline, [&] { return core.sessions.empty(); });
}

}  // namespace

Server::Server(ServerOptions options, Router const& router, store::Database& database)
    : core_(std::make_unique<detail::ServerCore>(std::move(options), router, database)) {}

Server::~Server() {
    stop();
}

std::uint16_t Server::port() const {
    return core_->port;
}

std::uint16_t Server::start() {
    std::lock_guard stop_lock(core_->stop_mutex);
    if (core_->started) return core_->port;
    auto& core = *core_;
    try {
        auto const endpoint = resolve_listen(core.ioc, core.options.listen, core.options.port);
        core.acceptor.open(endpoint.protocol());
        core.acceptor.set_option(asio::socket_base::reuse_address(true));
        core.acceptor.bind(endpoint);
        core.acceptor.listen(asio::socket_base::max_listen_connections);
        core.port = core.acceptor.local_endpoint().port();
    } catch (boost::system::system_error const& e) {
        boost::system::error_code ignored;
        core.acceptor.close(ignored);
        throw std::system_error(std::error_code(e.code()), e.what());
    }

    core.work.emplace(core.ioc.get_executor());
    asio::co_spawn(core.accept_strand, accept_loop(&core), asio::detached);
    if (core.options.handle_signals) {
        core.signals.emplace(core.accept_strand, SIGINT, SIGTERM);
        core.signals->async_wait([&core](boost::system::error_code ec, int signal) {
            if (ec) return;
            spdlog::info("received {}, stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
            core.request_stop();
        });
    }
    auto const threads = std::max(1, core.options.threads);
    for (int i = 0; i < threads; ++i) {
        core.io_threads.emplace_back([&core] { core.ioc.run(); });
    }
    core.started = true;
    return core.port;
}

void Server::wait() {
    {
        std::unique_lock lock(core_->request_mutex);
        core_->stop_requested_changed.wait(lock, [&] { return core_->stop_requested; });
    }
    stop();
}

void Server::stop() {
    auto& core = *core_;
    core.request_stop();
    std::lock_guard stop_lock(core.stop_mutex);
    if (!core.started || core.stopped) return;
    auto const began = std::chrono::steady_clock::now();
    core.stopping = true;

    // 1. Refuse new connections; a second signal now takes the default action (exit).
    std::promise<void> closed;
    asio::post(core.accept_strand, [&core, &closed] {
        boost::system::error_code ignored;
        core.acceptor.close(ignored);
        if (core.signals) core.signals->clear(ignored);
        closed.set_value();
    });
    closed.get_future().wait();

    // 2. Close the connections that wait between requests; the busy ones close after answering.
    for (auto const& session : live_sessions(core)) session->close(true);

    // 3. Let requests in flight finish, within bounds, then cut what is left.
    auto const deadline = began + core.options.drain_timeout;
    if (!wait_for_sessions(core, deadline)) {
        auto const left = live_sessions(core);
        spdlog::warn("stopping: {} connection(s) still busy after {} ms, closing them", left.size(),
                     core.options.drain_timeout.count());
        for (auto const& session : left) session->close(false);
        (void)wait_for_sessions(core, std::chrono::steady_clock::now() + std::chrono::seconds(2));
    }

    // 4. Stop the threads. Handlers still running finish on the worker pool before join returns.
    core.work.reset();
    core.ioc.stop();
    for (auto& thread : core.io_threads) thread.join();
    core.io_threads.clear();
    core.workers.join();
    core.stopped = true;
    spdlog::info("server stopped in {} ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - began)
                                                .count());
}

}  // namespace village::http
