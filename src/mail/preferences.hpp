// How a member hears of things by mail: each notification at once, a daily or a weekly
// digest (the default: daily, at 07:00 their time), or never. One-click unsubscribe (RFC 8058)
// sets "never" with a signed link that needs no sign-in.
#pragma once

#include <optional>
#include <string>

#include "core/actor.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace village::mail::preferences {

enum class Notify { immediately, daily, weekly, never };

[[nodiscard]] std::string_view notify_name(Notify notify);
[[nodiscard]] std::optional<Notify> parse_notify(std::string_view text);

struct Preferences {
    Notify notify = Notify::daily;
    int digest_minute = 7 * 60;            // local time of day, minutes after midnight
    std::optional<std::string> time_zone;  // IANA; none: the quiet hours' zone, else UTC
};

struct Patch {
    std::optional<Notify> notify;
    std::optional<int> digest_minute;
    json::Patch<std::string> time_zone;
};

// A member's preferences, the defaults when they never chose.
[[nodiscard]] Preferences of(store::Sql& db, MemberId member);
// GET /me/mail (401 anonymous).
[[nodiscard]] Result<Preferences> get(store::Db& db, Actor const& actor);
// PATCH /me/mail. A time zone must be a known IANA name (400 on "time_zone").
[[nodiscard]] Result<Preferences> update(store::Db& db, Actor const& actor, Patch const& patch,
                                         Millis now = now_ms());

// The one-click link for mails to `member`, signed inside `tx`.
[[nodiscard]] std::string unsubscribe_link(store::Tx& tx, Sender const& sender, MemberId member);
// List-Unsubscribe and List-Unsubscribe-Post for that link.
[[nodiscard]] std::vector<Header> unsubscribe_headers(std::string const& link);

struct Unsubscribed {
    std::string display_name;
    Preferences preferences;
};
// What the link would change (GET), and the change itself (POST): 404 for a token that is
// not ours or names no active member.
[[nodiscard]] Result<Unsubscribed> check_unsubscribe(store::Db& db, std::string const& token);
[[nodiscard]] Result<Unsubscribed> unsubscribe(store::Db& db, std::string const& token,
                                               Millis now = now_ms());

}  // namespace village::mail::preferences
