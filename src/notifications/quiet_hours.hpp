// Quiet hours: per member, a daily window (e.g. 21:00–08:00, which crosses midnight) and whole
// days off, in the member's IANA time zone. Notifications are still recorded during quiet hours;
// they are marked as not to be pushed. The live hub and the mail worker ask is_quiet() too.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "notifications/model.hpp"
#include "store/database.hpp"

namespace village::notifications {

// The pure rule: is `at` (UTC) inside the quiet hours, read in their time zone? The zone must
// be one valid_time_zone() accepts (an unknown zone reads as UTC).
[[nodiscard]] bool is_quiet(QuietHours const& quiet, Millis at);
// The member's setting; none when they set no quiet hours.
[[nodiscard]] std::optional<QuietHours> quiet_hours_of(store::Sql& sql, MemberId member);
// For the notification fan-out, the live hub and the mail worker: may an alert reach `member`
// at `at`? False for members without quiet hours.
[[nodiscard]] bool is_quiet(store::Sql& sql, MemberId member, Millis at);
// When what waits for the member's quiet hours may go: `at` when they are not quiet then, else
// the first whole minute after it that is not quiet (at most 8 days on: a member with every day
// off is looked at again then).
[[nodiscard]] Millis quiet_until(store::Sql& sql, MemberId member, Millis at);

[[nodiscard]] bool valid_time_zone(std::string_view name);

// PUT /me/quiet_hours body: {"time_zone", "start": "HH:MM"|null, "end": "HH:MM"|null,
// "days_off": ["mon", …]}; 400 naming the field on any mistake.
[[nodiscard]] Result<QuietHours> parse_quiet_hours(std::string_view body);

// GET, PUT and DELETE /me/quiet_hours: 401 anonymous. GET answers none when unset.
[[nodiscard]] Result<std::optional<QuietHours>> my_quiet_hours(store::Db& db, Actor const& actor);
[[nodiscard]] Result<QuietHours> set_quiet_hours(store::Db& db, Actor const& actor,
                                                 QuietHours const& quiet);
[[nodiscard]] Result<void> clear_quiet_hours(store::Db& db, Actor const& actor);

// {"time_zone","start","end","days_off","quiet_now"}; `now` decides quiet_now.
[[nodiscard]] boost::json::object to_json(QuietHours const& quiet, Millis now);

}  // namespace village::notifications
