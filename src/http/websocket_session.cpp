// One WebSocket connection, handed over by the HTTP session once a route accepted the upgrade:
// reads text messages for its handler, writes what the handler sends through a bounded queue,
// pings when idle, and closes with a close frame when the server stops.
#include "http/websocket_session.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <optional>
#include <vector>

namespace village::http {

namespace {
std::atomic<std::size_t> g_queued_bytes{0};
}

std::size_t socket_queued_bytes() {
    return g_queued_bytes.load();
}

namespace detail {

namespace {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using boost::system::error_code;

class WebSocketSession : public SessionHandle,
                         public SocketPeer,
                         public std::enable_shared_from_this<WebSocketSession> {
  public:
    WebSocketSession(ServerCore& core, beast::tcp_stream stream,
                     std::shared_ptr<SocketHandler> handler, std::string remote_address)
        : core_(core),
          ws_(std::move(stream)),
          handler_(std::move(handler)),
          remote_address_(std::move(remote_address)) {}

    ~WebSocketSession() override { core_.remove_session(id_); }

    void set_id(std::uint64_t id) { id_ = id; }

    void start(UpgradeRequest request) {
        request_ = std::make_unique<UpgradeRequest>(std::move(request));
        websocket::stream_base::timeout timeouts{};
        timeouts.handshake_timeout = kSocketHandshakeTimeout;
        timeouts.idle_timeout = kSocketIdleTimeout;
        timeouts.keep_alive_pings = true;
        beast::get_lowest_layer(ws_).expires_never();  // the websocket's own timeouts apply
        ws_.set_option(timeouts);
        ws_.read_message_max(kMaxSocketMessageBytes);
        error_code ignored;
        beast::get_lowest_layer(ws_).socket().set_option(
            asio::socket_base::send_buffer_size(kSocketSendBufferBytes), ignored);
        auto self = shared_from_this();
        ws_.async_accept(*request_, [self](error_code ec) { self->on_accept(ec); });
    }

    // SocketPeer -----------------------------------------------------------------------------
    bool send(std::shared_ptr<std::string const> text) override {
        if (closed_) return false;
        auto const size = text->size();
        // Counted before the post, so that what waits in the executor is bounded too.
        auto const bytes = pending_bytes_.fetch_add(size) + size;
        auto const count = pending_count_.fetch_add(1) + 1;
        if (bytes > kMaxQueuedBytes || count > kMaxQueuedMessages) {
            pending_bytes_ -= size;
            pending_count_ -= 1;
            overflow();
            return false;
        }
        g_queued_bytes += size;
        auto self = shared_from_this();
        asio::post(ws_.get_executor(),
                   [self, text = std::move(text)]() mutable { self->enqueue(std::move(text)); });
        return true;
    }

    void close(CloseCode code, std::string reason) override {
        auto self = shared_from_this();
        asio::post(ws_.get_executor(), [self, code, reason = std::move(reason)]() mutable {
            self->close_after_queue(code, std::move(reason));
        });
    }

    // SessionHandle: the server is stopping.
    void close(bool /*idle_only*/) override { close(CloseCode::going_away, "server stopping"); }

  private:
    void on_accept(error_code ec) {
        request_.reset();
        if (ec) {
            spdlog::debug("websocket handshake with {} failed: {}", remote_address_, ec.message());
            closed_ = true;
            return;
        }
        opened_ = true;
        handler_->on_open(shared_from_this());
        read();
    }

    void read() {
        auto self = shared_from_this();
        ws_.async_read(buffer_, [self](error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(error_code ec) {
        if (ec) {
            if (ec == websocket::error::message_too_big) {
                spdlog::info("websocket from {}: message over {} bytes, closing", remote_address_,
                             kMaxSocketMessageBytes);
            } else if (ec != websocket::error::closed && ec != asio::error::operation_aborted) {
                spdlog::debug("websocket from {}: {}", remote_address_, ec.message());
            }
            finish();
            return;
        }
        if (!ws_.got_text()) {
            buffer_.clear();
            close_after_queue(CloseCode::policy, "text messages only");
            read();  // the close handshake completes through the read
            return;
        }
        auto const data = buffer_.cdata();
        handler_->on_message(std::string_view(static_cast<char const*>(data.data()), data.size()));
        buffer_.clear();
        buffer_.shrink_to_fit();  // idle sockets keep no read buffer (memory per socket)
        read();
    }

    void enqueue(std::shared_ptr<std::string const> text) {
        if (closed_ || closing_) {
            release(text->size());
            return;
        }
        queue_.push_back(std::move(text));
        if (!writing_) write();
    }

    void write() {
        writing_ = true;
        ws_.text(true);
        auto self = shared_from_this();
        ws_.async_write(asio::buffer(*queue_[head_]),
                        [self](error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(error_code ec) {
        writing_ = false;
        release(queue_[head_]->size());
        queue_[head_].reset();
        ++head_;
        if (ec || closed_) {
            drop_queue();  // the read fails too, and finishes
            return;
        }
        if (head_ == queue_.size()) {
            queue_.clear();
            head_ = 0;
            if (queue_.capacity() > 16) queue_.shrink_to_fit();
        }
        if (head_ < queue_.size()) {
            write();
        } else if (close_code_) {
            start_close();
        }
    }

    void drop_queue() {
        for (auto i = head_; i < queue_.size(); ++i) release(queue_[i]->size());
        queue_.clear();
        queue_.shrink_to_fit();
        head_ = 0;
    }

    void release(std::size_t size) {
        pending_bytes_ -= size;
        pending_count_ -= 1;
        g_queued_bytes -= size;
    }

    // The client does not read fast enough: drop it. With a write stuck on a full socket no
    // close frame can go out, so the connection itself is closed.
    void overflow() {
        auto self = shared_from_this();
        asio::post(ws_.get_executor(), [self] {
            if (self->closed_ || self->dropped_) return;
            self->dropped_ = true;
            spdlog::info("websocket to {}: send queue over its limit, disconnecting",
                         self->remote_address_);
            if (self->writing_) {
                error_code ignored;
                beast::get_lowest_layer(self->ws_).socket().close(ignored);
            } else {
                self->close_after_queue(CloseCode::try_again_later, "too far behind");
            }
        });
    }

    void close_after_queue(CloseCode code, std::string reason) {
        if (closed_ || close_code_) return;
        close_code_ = code;
        close_reason_ = std::move(reason);
        if (!opened_) {
            // Still in the handshake: nothing to say a close frame on.
            error_code ignored;
            beast::get_lowest_layer(ws_).socket().close(ignored);
            return;
        }
        if (!writing_) start_close();
    }

    void start_close() {
        if (closing_) return;
        closing_ = true;
        auto self = shared_from_this();
        websocket::close_reason reason(static_cast<websocket::close_code>(*close_code_),
                                       close_reason_);
        ws_.async_close(reason, [self](error_code) {
            // The pending read completes with `closed` and finishes the session.
        });
    }

    void finish() {
        if (closed_) return;
        closed_ = true;
        if (!writing_) drop_queue();  // else the write in flight completes, then drops the rest
        if (opened_) handler_->on_close();
        handler_.reset();  // the handler may hold this peer: break the cycle
    }

    ServerCore& core_;
    websocket::stream<beast::tcp_stream> ws_;
    std::shared_ptr<SocketHandler> handler_;
    std::string remote_address_;
    std::unique_ptr<UpgradeRequest> request_;  // only during the handshake
    beast::flat_buffer buffer_;
    std::uint64_t id_ = 0;

    // Touched on the socket's strand only.
    std::vector<std::shared_ptr<std::string const>> queue_;
    std::size_t head_ = 0;
    bool writing_ = false;
    bool opened_ = false;
    bool closing_ = false;
    bool dropped_ = false;
    std::optional<CloseCode> close_code_;
    std::string close_reason_;

    // Touched from any thread.
    std::atomic<bool> closed_{false};
    std::atomic<std::size_t> pending_bytes_{0};
    std::atomic<std::size_t> pending_count_{0};
};

}  // namespace

void start_websocket(ServerCore& core, beast::tcp_stream stream, UpgradeRequest request,
                     std::shared_ptr<SocketHandler> handler, std::string remote_address) {
    auto session = std::make_shared<WebSocketSession>(core, std::move(stream), std::move(handler),
                                                      std::move(remote_address));
    session->set_id(core.add_session(session));
    session->start(std::move(request));
}

}  // namespace detail
}  // namespace village::http
