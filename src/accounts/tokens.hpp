// Personal access tokens: secrets for scripts, sent as `Authorization: Bearer …`. The secret
// is shown once, at creation; only its hash is stored.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::accounts::tokens {

inline constexpr std::string_view kPrefix = "vlg_";  // lets secret scanners spot a leaked one
inline constexpr Millis kTouchIntervalMs = 60 * 1000;

[[nodiscard]] Result<NewAccessToken> create(store::Db& db, Actor const& actor, std::string name,
                                            Millis now = now_ms());
[[nodiscard]] Result<std::vector<AccessToken>> list(store::Db& db, Actor const& actor,
                                                    Millis now = now_ms());
// Revokes one of the actor's own tokens; another's (or a revoked one) answers 404.
[[nodiscard]] Result<void> revoke(store::Db& db, Actor const& actor, TokenId id,
                                  Millis now = now_ms());

struct Holder {
    TokenId token;
    Actor actor;
};
// Who holds `secret`, if it is a live token of an active member. Records its use at most once
// a minute.
[[nodiscard]] std::optional<Holder> resolve(store::Db& db, std::string_view secret,
                                            Millis now = now_ms());

}  // namespace village::accounts::tokens
