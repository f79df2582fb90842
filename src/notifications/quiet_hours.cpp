// Quiet hours: the rule, parsing and storage; see quiet_hours.hpp. Time zones come from the
// system's tz database through Howard Hinnant's date library (libstdc++ 12 has no
// std::chrono::locate_zone yet; the library is what C++20's tzdb was made from).
#include "notifications/quiet_hours.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>
#include <chrono>

#include "core/json.hpp"
#include "notifications/quiet_hours_sql.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

constexpr std::size_t kMaxZoneChars = 64;
constexpr std::array<std::string_view, 7> kDays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

date::time_zone const* find_zone(std::string_view name) {
    try {
        return date::locate_zone(name);
    } catch (std::runtime_error const&) {
        return nullptr;
    }
}

// "HH:MM" → minutes after midnight.
std::optional<int> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
    int const hours = (text[0] - '0') * 10 + (text[1] - '0');
    int const minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

std::string clock_text(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

Result<std::optional<int>> clock_field(bj::object const& in, std::string_view key) {
    auto it = in.find(key);
    if (it == in.end() || it->value().is_null()) return std::optional<int>{};
    if (!it->value().is_string()) {
        return fail(Errc::bad_request, fmt::format("{} must be a time such as \"21:00\"", key),
                    std::string(key));
    }
    auto minute = parse_clock(std::string_view(it->value().as_string()));
    if (!minute) {
        return fail(Errc::bad_request, fmt::format("{} must be a time such as \"21:00\"", key),
                    std::string(key));
    }
    return minute;
}

}  // namespace

bool valid_time_zone(std::string_view name) {
    return !name.empty() && name.size() <= kMaxZoneChars && find_zone(name) != nullptr;
}

bool is_quiet(QuietHours const& quiet, Millis at) {
    auto const* zone = find_zone(quiet.time_zone);
    if (!zone) zone = date::locate_zone("UTC");
    auto const utc =
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
    auto const local = zone->to_local(utc);
    auto const day = date::floor<date::days>(local);
    auto const weekday = date::weekday(day);
    unsigned const bit = weekday.iso_encoding() - 1;  // Monday 0 … Sunday 6
    if (quiet.days_off & (1u << bit)) return true;
    if (!quiet.start_minute || !quiet.end_minute) return false;
    auto const minute =
        static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
    int const start = *quiet.start_minute;
    int const end = *quiet.end_minute;
    if (start < end) return minute >= start && minute < end;
    return minute >= start || minute < end;  // the window crosses midnight
}

std::optional<QuietHours> quiet_hours_of(store::Sql& sql, MemberId member) {
    auto row = sql.query_one(sql::quiet_hours_of, member);
    if (!row) return std::nullopt;
    QuietHours q;
    q.time_zone = row->text(0);
    if (auto start = row->opt_i64(1)) q.start_minute = static_cast<int>(*start);
    if (auto end = row->opt_i64(2)) q.end_minute = static_cast<int>(*end);
    q.days_off = static_cast<unsigned>(row->i64(3)) & 0x7Fu;
    return q;
}

bool is_quiet(store::Sql& sql, MemberId member, Millis at) {
    auto quiet = quiet_hours_of(sql, member);
    return quiet && is_quiet(*quiet, at);
}

Millis quiet_until(store::Sql& sql, MemberId member, Millis at) {
    auto quiet = quiet_hours_of(sql, member);
    if (!quiet || !is_quiet(*quiet, at)) return at;
    // Quiet hours begin and end on whole minutes (every zone's offset is whole minutes), so a
    // minute-by-minute walk finds the end exactly; it runs only for a member who is quiet now.
    constexpr Millis kMinute = 60'000;
    Millis const limit = at + 8 * 24 * 60 * kMinute;
    for (Millis t = (at / kMinute + 1) * kMinute; t < limit; t += kMinute) {
        if (!is_quiet(*quiet, t)) return t;
    }
    return limit;
}

Result<QuietHours> parse_quiet_hours(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    QuietHours out;
    auto zone = json::required_text(*in, "time_zone", kMaxZoneChars);
    if (!zone) return fail(zone.error());
    if (!valid_time_zone(*zone)) {
        return fail(Errc::bad_request, "time_zone must be a time zone such as \"Europe/London\"",
                    "time_zone");
    }
    out.time_zone = std::move(*zone);
    auto start = clock_field(*in, "start");
    if (!start) return fail(start.error());
    auto end = clock_field(*in, "end");
    if (!end) return fail(end.error());
    if (start->has_value() != end->has_value()) {
        return fail(Errc::bad_request, "Give both start and end, or neither",
                    start->has_value() ? "end" : "start");
    }
    if (*start && **start == **end) {
        return fail(Errc::bad_request, "start and end must differ", "end");
    }
    out.start_minute = *start;
    out.end_minute = *end;
    if (auto it = in->find("days_off"); it != in->end() && !it->value().is_null()) {
        if (!it->value().is_array()) {
            return fail(Errc::bad_request, "days_off must be a list such as [\"sat\", \"sun\"]",
                        "days_off");
        }
        for (auto const& day : it->value().as_array()) {
            std::optional<std::size_t> index;
            if (day.is_string()) {
                for (std::size_t i = 0; i < kDays.size(); ++i) {
                    if (kDays[i] == std::string_view(day.as_string())) index = i;
                }
            }
            if (!index) {
                return fail(Errc::bad_request,
                            "days_off holds days named mon, tue, wed, thu, fri, sat or sun",
                            "days_off");
            }
            out.days_off |= 1u << *index;
        }
    }
    return out;
}

Result<std::optional<QuietHours>> my_quiet_hours(store::Db& db, Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    return quiet_hours_of(db, actor.id);
}

Result<QuietHours> set_quiet_hours(store::Db& db, Actor const& actor, QuietHours const& quiet) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    tx.exec(sql::upsert_quiet_hours, actor.id, quiet.time_zone, quiet.start_minute,
            quiet.end_minute, static_cast<std::int64_t>(quiet.days_off), now_ms());
    auto saved = quiet_hours_of(tx, actor.id);
    tx.commit();
    return *saved;
}

Result<void> clear_quiet_hours(store::Db& db, Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    tx.exec(sql::delete_quiet_hours, actor.id);
    tx.commit();
    return {};
}

bj::object to_json(QuietHours const& q, Millis now) {
    bj::array days;
    for (std::size_t i = 0; i < kDays.size(); ++i) {
        if (q.days_off & (1u << i)) days.emplace_back(kDays[i]);
    }
    return bj::object{
        {"time_zone", q.time_zone},
        {"start", q.start_minute ? bj::value(clock_text(*q.start_minute)) : bj::value(nullptr)},
        {"end", q.end_minute ? bj::value(clock_text(*q.end_minute)) : bj::value(nullptr)},
        {"days_off", std::move(days)},
        {"quiet_now", is_quiet(q, now)}};
}

}  // namespace village::notifications
