// Sessions: signing in with email and password, the session behind the cookie, signing out,
// and working out who a request comes from (cookie or bearer token).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounts/model.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::accounts::sessions {

inline constexpr Millis kTouchIntervalMs = 60 * 1000;  // last_used_at is written at most this often

struct Credentials {
    std::string email;
    std::string password;
};

// Where a sign-in comes from.
struct Client {
    std::string address;                        // for the per-address rate limit
    std::string user_agent;                     // kept with the session, for the member's eyes
    std::optional<std::string> previous_token;  // the cookie's old session, revoked (rotation)
};

struct SignedIn {
    Member member;
    SessionId session;
    std::string token;  // the cookie value; only its hash is stored
    std::string csrf_token;
    Millis expires_at = 0;
};

// Wrong email and wrong password get the same 401; a deactivated member cannot sign in; too
// many failures for the account or the address get a 429 before any password is checked.
[[nodiscard]] Throttled<SignedIn> sign_in(store::Db& db, Credentials const& credentials,
                                          Client const& client, Millis lifetime_ms,
                                          Millis now = now_ms());

// Starts a session for a member who has just proved who they are (sign-in, setup), inside
// `tx`, revoking the client's previous session if it had one.
[[nodiscard]] SignedIn start(store::Tx& tx, Member const& member, Client const& client,
                             Millis lifetime_ms, Millis now);

// Revokes one session (sign-out). Revoking a revoked session does nothing.
void revoke(store::Db& db, SessionId session, Millis now = now_ms());

enum class Via { none, cookie, token };

// Who a request comes from. `csrf_token` is set for cookie sessions.
struct Identity {
    Actor actor;
    Via via = Via::none;
    SessionId session;
    TokenId token;
    std::string csrf_token;
};

// A bearer token, when sent, decides alone; otherwise the session cookie. An unknown, expired
// or revoked credential, or a deactivated member, is anonymous.
[[nodiscard]] Identity identify(store::Db& db, std::optional<std::string_view> bearer,
                                std::optional<std::string_view> cookie, Millis now = now_ms());

// A cookie-authenticated write must carry the session's CSRF token.
[[nodiscard]] bool csrf_matches(Identity const& identity, std::optional<std::string_view> sent);

struct Current {
    Member member;
    std::optional<std::string> csrf_token;  // none when signed in by bearer token
};
// GET /session: the signed-in member and the session's CSRF token; 401 when anonymous.
[[nodiscard]] Result<Current> current(store::Db& db, Actor const& actor, SessionId session,
                                      Millis now = now_ms());

}  // namespace village::accounts::sessions
