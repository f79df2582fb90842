// Signed tokens for links that must work without signing in (one-click unsubscribe): the
// payload in the clear, then an HMAC-SHA-256 of it under a key every process shares through
// the database. Nothing is stored per link, and a changed payload fails the check.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace village::mail::signing {

// "payload.signature", both base64url. Creates the shared key on first use, inside `tx`.
[[nodiscard]] std::string sign(store::Tx& tx, std::string_view payload);
// The payload, if `token` was signed by this community's key.
[[nodiscard]] std::optional<std::string> verify(store::Sql& db, std::string_view token);

}  // namespace village::mail::signing
