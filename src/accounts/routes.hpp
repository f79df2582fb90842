// The accounts module's HTTP face: its routes and the authentication middleware.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/sessions.hpp"
#include "core/config.hpp"
#include "http/router.hpp"

namespace village::accounts {

// The session cookie's name; its value is a random token whose hash names the session.
inline constexpr std::string_view kSessionCookie = "village_session";

// The token of an `Authorization: Bearer …` header; empty when another scheme is sent (which
// then counts as a wrong token), nullopt when there is no such header.
[[nodiscard]] std::optional<std::string_view> bearer_of(http::Request const& req);

class AccountsRoutes {
  public:
    explicit AccountsRoutes(Config const& config) : config_(config) {}
    // Adds every accounts route (session, me, members, groups, tokens, setup) to the table.
    void add_to(http::Router& router);
    // Resolves the session cookie or bearer token into req.actor; refuses cookie writes
    // without the session's X-CSRF-Token.
    [[nodiscard]] http::Middleware authenticate();
    // A POST that proves who one is by other means than the session (a mailed link), and so
    // may come with a stale cookie and no CSRF token. Before the server starts.
    void exempt_from_csrf(std::string path) { csrf_exempt_.push_back(std::move(path)); }

  private:
    Config const& config_;
    std::vector<std::string> csrf_exempt_;
};

// For every way of signing in (password, first-admin set-up, a mailed link): who is asking,
// how long a session lasts, and the answer {member, csrf_token} with the session cookie.
[[nodiscard]] sessions::Client client_of(http::Request const& req);
[[nodiscard]] Millis session_lifetime_ms(Config const& config);
[[nodiscard]] http::Response signed_in_response(Config const& config,
                                                sessions::SignedIn const& signed_in, int status);

}  // namespace village::accounts
