// What modules see of a WebSocket (no Beast here): a route accepts an upgrade by answering with
// a SocketHandler (Response::upgrade); the server then speaks WebSocket on the connection and
// gives the handler a SocketPeer to send text through.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace village::http {

// Limits of one socket (websocket_session.cpp enforces them).
inline constexpr std::size_t kMaxSocketMessageBytes = 64 * 1024;  // one message from a client
// What may wait to be sent to one socket. A client that does not read fast enough to stay under
// both is disconnected: it catches up with a resubscribe (or over REST) instead of growing the
// server's memory.
inline constexpr std::size_t kMaxQueuedMessages = 512;
inline constexpr std::size_t kMaxQueuedBytes = 256 * 1024;
// The kernel's send buffer per socket, so that a client that stops reading runs into the queue
// limit above rather than parking megabytes in the kernel.
inline constexpr int kSocketSendBufferBytes = 64 * 1024;
// With nothing received for half this long the server pings; with nothing at all for this long
// (not even the pong) it closes the socket.
inline constexpr std::chrono::seconds kSocketIdleTimeout{60};
// For the opening and closing handshakes.
inline constexpr std::chrono::seconds kSocketHandshakeTimeout{10};

// WebSocket close codes (RFC 6455 §7.4.1) the server uses.
enum class CloseCode : std::uint16_t {
    normal = 1000,
    going_away = 1001,  // the server is stopping
    policy = 1008,      // e.g. a binary frame where text was expected
    too_big = 1009,     // a message over kMaxSocketMessageBytes
    internal = 1011,
    try_again_later = 1013,  // the client fell too far behind
};

// One open socket, as its handler holds it. Safe to use from any thread.
class SocketPeer {
  public:
    virtual ~SocketPeer() = default;
    // Queues one text message; a broadcast shares one serialised buffer between sockets.
    // Returns false, and closes the socket, when its queue would go over the limits above;
    // false also when the socket is already closed.
    virtual bool send(std::shared_ptr<std::string const> text) = 0;
    bool send(std::string text) {
        return send(std::make_shared<std::string const>(std::move(text)));
    }
    // Sends a close frame after what is queued, then closes.
    virtual void close(CloseCode code, std::string reason) = 0;
};

// What a module does with the socket. Calls come one at a time, on the socket's own thread:
// they must not block (hand slow work to a thread of your own).
class SocketHandler {
  public:
    virtual ~SocketHandler() = default;
    // The socket is open; `peer` stays usable (sends after on_close are dropped).
    virtual void on_open(std::shared_ptr<SocketPeer> peer) = 0;
    // A text message from the client, at most kMaxSocketMessageBytes.
    virtual void on_message(std::string_view text) = 0;
    // The socket is closed, whoever closed it; the last call.
    virtual void on_close() = 0;
};

// Bytes waiting in every socket's queue in this process; lets tests and benchmarks see that
// a slow client cannot make memory grow.
[[nodiscard]] std::size_t socket_queued_bytes();

}  // namespace village::http
