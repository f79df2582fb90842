// Magic-link sign-in: a member enters their email and receives a link, valid 15 minutes and
// usable once, that signs them in. Passwords stay optional.
#pragma once

#include <string>

#include "accounts/model.hpp"
#include "accounts/sessions.hpp"
#include "core/result.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace village::mail::sign_in {

inline constexpr Millis kLinkLifetimeMs = 15 * 60 * 1000;

// Queues a sign-in link for the member with this email, if there is an active one. The answer
// never says whether there is: an unknown address takes the same path (a transaction that
// counts the request) and gets the same success. Requests per address and per email are
// limited with the sign-in rate limit (429 with a wait, for known and unknown emails alike).
[[nodiscard]] accounts::Throttled<bool> request(store::Db& db, Sender const& sender,
                                                std::string const& email,
                                                std::string const& client_address,
                                                Millis now = now_ms());

// Uses the link's token up and signs its member in. 401 for a token that is unknown, used,
// expired, or whose member is deactivated.
[[nodiscard]] Result<accounts::sessions::SignedIn> redeem(store::Db& db, std::string const& token,
                                                          accounts::sessions::Client const& client,
                                                          Millis session_lifetime_ms,
                                                          Millis now = now_ms());

}  // namespace village::mail::sign_in
