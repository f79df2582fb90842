// Reading the mail module's request bodies: a 400 naming the field on any mistake.
#pragma once

#include <string>

#include "core/result.hpp"
#include "mail/invitations.hpp"
#include "mail/preferences.hpp"

namespace village::mail::requests {

// Tokens are 43 characters of base64url (magic links, invitations) or a little over 100
// (signed unsubscribe links); anything much longer is not one.
inline constexpr std::size_t kMaxTokenChars = 300;

[[nodiscard]] Result<std::string> email(std::string const& body);
[[nodiscard]] Result<std::string> token(std::string const& body);
[[nodiscard]] Result<invitations::NewInvitation> new_invitation(std::string const& body);
[[nodiscard]] Result<std::string> pasted_list(std::string const& body);
[[nodiscard]] Result<invitations::Acceptance> acceptance(std::string const& body);
[[nodiscard]] Result<preferences::Patch> preferences_patch(std::string const& body);

// "HH:MM" ↔ minutes after midnight.
[[nodiscard]] Result<int> time_of_day(std::string const& text, std::string_view field);
[[nodiscard]] std::string time_of_day_text(int minutes);

}  // namespace village::mail::requests
