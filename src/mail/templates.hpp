// The words of every mail Village sends, in plain text and HTML. Links are absolute (the
// configured base URL); every mail ends with a link to the member's mail settings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "mail/message.hpp"

namespace village::mail::templates {

// Text safe inside HTML elements and attribute values.
[[nodiscard]] std::string escape_html(std::string_view text);

// The magic sign-in link.
[[nodiscard]] Content sign_in_link(std::string_view base_url, std::string_view name,
                                   std::string_view link, int valid_minutes);

// An invitation to join, from an admin.
[[nodiscard]] Content invitation(std::string_view base_url, std::string_view invitee_name,
                                 std::string_view inviter_name, std::string_view link,
                                 Millis expires_at);

// What a notification of `kind` ("mention", "reply", …) is, for a person: "You were mentioned".
[[nodiscard]] std::string notification_heading(std::string_view kind);

// The absolute link to a card.
[[nodiscard]] std::string card_link(std::string_view base_url, std::int64_t board,
                                    std::int64_t card);

// One line of a digest: what happened, where, and a link to it.
struct DigestItem {
    std::string title;   // "New card: Neonatal teaching day"
    std::string detail;  // "Regional teaching · by Tom Trainer", or empty
    std::string link;    // absolute URL
};

struct DigestSection {
    std::string heading;  // "New on your boards"
    std::vector<DigestItem> items;
};

// A digest: one mail holding every section that has items.
[[nodiscard]] Content digest(std::string_view base_url, std::string_view name,
                             std::string_view period, std::vector<DigestSection> const& sections,
                             std::string_view unsubscribe_link);

// A notification mail for a member who chose "immediately": one or several notifications
// gathered over a short window. One item: its title is the subject.
[[nodiscard]] Content notices(std::string_view base_url, std::string_view name,
                              std::vector<DigestItem> const& items,
                              std::string_view unsubscribe_link);

}  // namespace village::mail::templates
