// A real WebSocket client for integration tests (Beast). It reads only when asked to, so a test
// can play a client that never reads; every wait has a deadline, so a silent server fails the
// test instead of hanging it.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace village::testing {

struct WsOptions {
    std::string target = "/api/v1/live";
    std::optional<std::string> origin;  // sent as Origin when set
    std::map<std::string, std::string> cookies;
    std::optional<std::string> bearer;
    int receive_buffer_bytes = 0;  // SO_RCVBUF before connecting; 0 leaves the system's
};

// The server answered the upgrade with HTTP instead of switching protocols.
struct WsRefused : std::runtime_error {
    WsRefused(int status, std::string body)
        : std::runtime_error("upgrade refused with " + std::to_string(status)),
          status(status),
          body(std::move(body)) {}
    int status;
    std::string body;
};

class WsClient {
  public:
    // Connects and upgrades; throws WsRefused when the server says no.
    WsClient(std::uint16_t port, WsOptions options = {});
    ~WsClient();
    WsClient(WsClient&&) noexcept;
    WsClient& operator=(WsClient&&) noexcept;

    void send(boost::json::value const& message);
    void send_text(std::string const& text);
    // The next message as JSON, or nullopt if none comes within `timeout` (or the socket ends).
    std::optional<boost::json::object> receive(
        std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // The next message whose "type" is `type`, dropping others; throws if none comes in time.
    boost::json::object expect(std::string const& type,
                               std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // True when the server closed the connection (read until `timeout` to find out).
    bool closed_within(std::chrono::milliseconds timeout);
    // True once the connection has ended (found while receiving; reads nothing itself).
    [[nodiscard]] bool ended() const;
    // The close code the server sent, once closed (0: the connection ended without one).
    [[nodiscard]] int close_code() const;
    void close();

    // Subscribes and waits for the answer ("subscribed" or "unsubscribed"), returning it;
    // events replayed before it are kept for receive().
    boost::json::object subscribe(std::int64_t board, std::optional<std::int64_t> after = {});

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace village::testing
