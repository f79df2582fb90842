// The accounts module's HTTP face: its routes and the authentication middleware.
#pragma once

#include <string_view>

#include "core/config.hpp"
#include "http/router.hpp"

namespace village::accounts {

// The session cookie's name; its value is a random token whose hash names the session.
inline constexpr std::string_view kSessionCookie = "village_session";

class AccountsRoutes {
  public:
    explicit AccountsRoutes(Config const& config) : config_(config) {}
    // Adds every accounts route (session, me, members, groups, tokens, setup) to the table.
    void add_to(http::Router& router);
    // Resolves the session cookie or bearer token into req.actor; refuses cookie writes
    // without the session's X-CSRF-Token.
    [[nodiscard]] http::Middleware authenticate();

  private:
    Config const& config_;
};

}  // namespace village::accounts
