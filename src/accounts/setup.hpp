// The first admin of an empty community. There is never a default password: the operator
// gets a one-time link (printed at start-up) that lets one person create the first admin.
#pragma once

#include <optional>
#include <string>

#include "accounts/sessions.hpp"
#include "store/database.hpp"

namespace village::accounts::setup {

inline constexpr std::string_view kFirstAdminPurpose = "first_admin";

// When there are no members: a new one-time token, valid kSetupTokenLifetimeMs. Otherwise none.
[[nodiscard]] std::optional<std::string> first_admin_token(store::Db& db, Millis now = now_ms());

struct FirstAdmin {
    std::string token;
    std::string email;
    std::string display_name;
    std::string password;
};

// Creates the first admin and signs them in; uses the token up. 409 once any member exists,
// 403 for a token that is unknown, used or expired.
[[nodiscard]] Result<sessions::SignedIn> create_first_admin(store::Db& db, FirstAdmin const& in,
                                                            sessions::Client const& client,
                                                            Millis session_lifetime_ms,
                                                            Millis now = now_ms());

}  // namespace village::accounts::setup
