// The integration tests' WebSocket client; see ws_client.hpp.
#include "support/ws_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json.hpp>

namespace village::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
namespace bj = boost::json;
using tcp = asio::ip::tcp;
using boost::system::error_code;

struct WsClient::Impl {
    asio::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
    beast::flat_buffer buffer;
    std::deque<std::string> inbox;
    bool reading = false;
    std::optional<error_code> ended;

    void start_read() {
        if (reading || ended) return;
        reading = true;
        ws.async_read(buffer, [this](error_code ec, std::size_t) {
            reading = false;
            if (ec) {
                ended = ec;
                return;
            }
            inbox.push_back(beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
            start_read();
        });
    }

    // Runs the reader until a message is in the inbox, the socket ends or time is up.
    void wait(std::chrono::milliseconds timeout) {
        start_read();
        // Whatever has already arrived is taken even with no time to wait.
        ioc.restart();
        ioc.poll();
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        while (inbox.empty() && !ended) {
            auto const now = std::chrono::steady_clock::now();
            if (now >= deadline) break;
            ioc.restart();
            ioc.run_one_for(deadline - now);
        }
    }
};

WsClient::WsClient(std::uint16_t port, WsOptions options) : impl_(std::make_unique<Impl>()) {
    auto& socket = beast::get_lowest_layer(impl_->ws).socket();
    socket.open(tcp::v4());
    if (options.receive_buffer_bytes > 0) {
        socket.set_option(asio::socket_base::receive_buffer_size(options.receive_buffer_bytes));
    }
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    std::string cookie_header;
    for (auto const& [name, value] : options.cookies) {
        if (!cookie_header.empty()) cookie_header += "; ";
        cookie_header += name + "=" + value;
    }
    impl_->ws.set_option(
        websocket::stream_base::decorator([options, cookie_header](websocket::request_type& req) {
            if (options.origin) req.set(beast::http::field::origin, *options.origin);
            if (!cookie_header.empty()) req.set(beast::http::field::cookie, cookie_header);
            if (options.bearer) {
                req.set(beast::http::field::authorization, "Bearer " + *options.bearer);
            }
        }));
    impl_->ws.read_message_max(16 * 1024 * 1024);
    websocket::response_type response;
    error_code ec;
    beast::get_lowest_layer(impl_->ws).expires_after(std::chrono::seconds(10));
    impl_->ws.handshake(response, "127.0.0.1:" + std::to_string(port), options.target, ec);
    if (ec) {
        if (response.result_int() != 0 && response.result_int() != 101) {
            throw WsRefused(static_cast<int>(response.result_int()), response.body());
        }
        throw std::runtime_error("websocket handshake failed: " + ec.message());
    }
    beast::get_lowest_layer(impl_->ws).expires_never();
}

WsClient::~WsClient() = default;
WsClient::WsClient(WsClient&&) noexcept = default;
WsClient& WsClient::operator=(WsClient&&) noexcept = default;

void WsClient::send(bj::value const& message) {
    send_text(bj::serialize(message));
}

void WsClient::send_text(std::string const& text) {
    impl_->ws.text(true);
    impl_->ws.write(asio::buffer(text));
}

std::optional<bj::object> WsClient::receive(std::chrono::milliseconds timeout) {
    impl_->wait(timeout);
    if (impl_->inbox.empty()) return std::nullopt;
    auto text = std::move(impl_->inbox.front());
    impl_->inbox.pop_front();
    auto value = bj::parse(text);
    if (!value.is_object()) throw std::runtime_error("not a JSON object: " + text);
    return std::move(value.as_object());
}

bj::object WsClient::expect(std::string const& type, std::chrono::milliseconds timeout) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        auto message = receive(left);
        if (!message) break;
        if (message->at("type").as_string() == type) return *message;
    }
    throw std::runtime_error("no \"" + type + "\" message arrived in time");
}

bool WsClient::closed_within(std::chrono::milliseconds timeout) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (!impl_->ended && std::chrono::steady_clock::now() < deadline) {
        impl_->inbox.clear();
        impl_->wait(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
    }
    return impl_->ended.has_value();
}

bool WsClient::ended() const {
    return impl_->ended.has_value();
}

int WsClient::close_code() const {
    return impl_->ended ? static_cast<int>(impl_->ws.reason().code) : 0;
}

void WsClient::close() {
    error_code ignored;
    beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

bj::object WsClient::subscribe(std::int64_t board, std::optional<std::int64_t> after) {
    bj::object message{{"type", "subscribe"}, {"board_id", board}};
    if (after) message["after"] = *after;
    send(message);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::deque<std::string> kept;
    for (;;) {
        impl_->wait(std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now()));
        if (impl_->inbox.empty()) throw std::runtime_error("no answer to subscribe");
        auto text = std::move(impl_->inbox.front());
        impl_->inbox.pop_front();
        auto value = bj::parse(text).as_object();
        auto const type = value.at("type").as_string();
        if ((type == "subscribed" || type == "unsubscribed") &&
            value.at("board_id").as_int64() == board) {
            // What came before the answer stays first in line, in order.
            for (auto it = kept.rbegin(); it != kept.rend(); ++it) impl_->inbox.push_front(*it);
            return value;
        }
        kept.push_back(std::move(text));
    }
}

}  // namespace village::testing
