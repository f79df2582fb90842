// The HTTP/1.1 server: accepts connections, reads requests within limits, runs the router on a
// worker pool (handlers block on SQLite and argon2) and writes the answers back. No Beast here:
// the networking lives in server.cpp and session.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "http/router.hpp"
#include "store/database.hpp"

namespace village::http {

namespace detail {
struct ServerCore;
}

struct ServerOptions {
    std::string listen = "127.0.0.1";
    std::uint16_t port = 0;                 // 0: any free port; Server::start() says which
    int threads = 1;                        // I/O threads, and as many worker threads for handlers
    std::chrono::seconds idle_timeout{60};  // between requests on a keep-alive connection
    std::chrono::seconds request_timeout{30};  // to receive one request, and to send its answer
    std::chrono::milliseconds drain_timeout{10'000};  // how long shutdown waits for requests
    bool trust_proxy = false;                         // client address from X-Forwarded-For
    bool handle_signals = false;                      // SIGINT/SIGTERM start a graceful stop
};

class Server {
  public:
    // The router and database must outlive the server.
    Server(ServerOptions options, Router const& router, store::Database& database);
    ~Server();  // stops, if still running
    Server(Server const&) = delete;
    Server& operator=(Server const&) = delete;

    // Binds, listens and starts the I/O and worker threads; returns the bound port.
    // Throws std::system_error when the address cannot be bound.
    std::uint16_t start();
    [[nodiscard]] std::uint16_t port() const;

    // Graceful stop: refuses new connections, closes idle ones, lets requests in flight finish
    // (up to drain_timeout, then closes the rest), and joins every thread. Idempotent; call it
    // from any thread but the server's own.
    void stop();
    // Blocks until a stop is asked for (a signal, or stop() on another thread), then stops.
    void wait();

  private:
    std::unique_ptr<detail::ServerCore> core_;
};

}  // namespace village::http
