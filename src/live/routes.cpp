// GET /api/v1/live: checks the upgrade (WebSocket, Origin, credentials) and hands the socket to
// a LiveSocket, which turns the client's messages into hub commands.
#include "live/routes.hpp"

#include <chrono>

#include "accounts/routes.hpp"
#include "live/messages.hpp"
#include "live/origin.hpp"

namespace village::live {

namespace {

using http::Request;
using http::Response;

// A client may send this many messages per kMessageWindow; more are refused (each subscribe
// costs the hub a database read).
constexpr int kMaxMessagesPerWindow = 60;
constexpr std::chrono::seconds kMessageWindow{10};

class LiveSocket : public http::SocketHandler {
  public:
    LiveSocket(Hub& hub, Actor actor, Credentials credentials)
        : hub_(hub), actor_(std::move(actor)), credentials_(std::move(credentials)) {}

    void on_open(std::shared_ptr<http::SocketPeer> peer) override {
        peer_ = std::move(peer);
        // The welcome goes first: a client that waits for it knows the server has it.
        peer_->send(welcome_message(actor_, hub_.last_activity_id()));
        client_ = hub_.connect(peer_, actor_, credentials_);
    }

    void on_message(std::string_view text) override {
        auto const now = std::chrono::steady_clock::now();
        if (now - window_start_ >= kMessageWindow) {
            window_start_ = now;
            in_window_ = 0;
        }
        if (++in_window_ > kMaxMessagesPerWindow) {
            peer_->send(error_message(Error{Errc::rate_limited, "Too many messages; slow down"}));
            return;
        }
        auto command = parse_command(text);
        if (!command) {
            peer_->send(error_message(command.error()));
            return;
        }
        switch (command->kind) {
            case Command::Kind::subscribe:
                hub_.subscribe(client_, command->board, command->after);
                break;
            case Command::Kind::unsubscribe:
                hub_.unsubscribe(client_, command->board);
                break;
            case Command::Kind::ping:
                peer_->send(pong_message());
                break;
        }
    }

    void on_close() override {
        hub_.disconnect(client_);
        peer_.reset();
    }

  private:
    Hub& hub_;
    Actor actor_;
    Credentials credentials_;
    std::shared_ptr<http::SocketPeer> peer_;
    Hub::ClientId client_ = 0;
    std::chrono::steady_clock::time_point window_start_{};
    int in_window_ = 0;
};

}  // namespace

void LiveRoutes::add_to(http::Router& router) {
    router.get("/api/v1/live", [this](Request& req, store::Db&) -> Response {
        if (!req.websocket_upgrade) {
            auto response = http::error_response(
                Error{Errc::bad_request, "This address speaks WebSocket: send an upgrade"});
            response.status = 426;
            return response.with_header("Upgrade", "websocket");
        }
        if (!origin_allowed(req.header("origin"), req.header("host"),
                            config_.effective_base_url())) {
            return http::error_response(
                Error{Errc::forbidden, "A page of another site may not open this socket"});
        }
        Credentials credentials;
        if (auto bearer = accounts::bearer_of(req)) credentials.bearer = std::string(*bearer);
        if (credentials.bearer && req.auth != http::AuthMethod::token) {
            // A script that sent a token means to be someone: say it failed, as REST does.
            return http::error_response(
                Error{Errc::unauthorized, "The token is wrong, expired or revoked"});
        }
        if (!credentials.bearer && req.auth == http::AuthMethod::cookie) {
            credentials.cookie = req.cookie(accounts::kSessionCookie);
        }
        Response response;
        response.upgrade = std::make_shared<LiveSocket>(hub_, req.actor, std::move(credentials));
        return response;
    });
}

}  // namespace village::live
