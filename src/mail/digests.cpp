// Digests; see digests.hpp.
#include "mail/digests.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>

#include "accounts/members.hpp"
#include "mail/digests_sql.hpp"
#include "mail/preferences.hpp"
#include "mail/templates.hpp"
#include "notifications/quiet_hours.hpp"
#include "notifications/visibility.hpp"

namespace village::mail::digests {

namespace {

namespace chr = std::chrono;

constexpr Millis kEventWindowMs = 7 * kDayMs;

date::time_zone const* zone_or_utc(std::string const& name) {
    try {
        return date::locate_zone(name.empty() ? "UTC" : name);
    } catch (std::exception const&) {
        return date::locate_zone("UTC");
    }
}

std::string card_link(Sender const& sender, std::int64_t board, std::int64_t card) {
    return templates::card_link(sender.base_url, board, card);
}

std::string when_text(Millis at, date::time_zone const* zone) {
    auto const local = zone->to_local(chr::sys_time<chr::milliseconds>(chr::milliseconds(at)));
    return date::format("%a %d %b, %H:%M", chr::floor<chr::minutes>(local));
}

std::string describe(std::string const& type) {
    if (type == "card.created") return "New card";
    if (type == "comment.added") return "New comment";
    return "Update";
}

struct Gathered {
    std::vector<templates::DigestSection> sections;
    bool anything_new = false;
};

Gathered gather(store::Tx& tx, Sender const& sender, accounts::Member const& member, Millis since,
                Millis now, date::time_zone const* zone) {
    notifications::BoardVisibility visible(tx, member.actor());
    Gathered out;
    templates::DigestSection followed{"New on the boards you follow", {}};
    for (auto const& row : tx.query(sql::new_in_followed, member.id, since, now)) {
        auto const board = row.i64(1);
        if (!visible.visible(BoardId{board})) continue;
        followed.items.push_back({fmt::format("{}: {}", describe(row.text(0)), row.text(3)),
                                  row.text(5).empty()
                                      ? row.text(4)
                                      : fmt::format("{} · by {}", row.text(4), row.text(5)),
                                  card_link(sender, board, row.i64(2))});
    }
    templates::DigestSection notices{"For you", {}};
    for (auto const& row : tx.query(sql::unread_notifications, member.id, since, now)) {
        auto const board = row.i64(1);
        if (row.is_null(1) || !visible.visible(BoardId{board})) continue;
        notices.items.push_back(
            {fmt::format("{}: {}", templates::notification_heading(row.text(0)), row.text(3)),
             row.text(5).empty() ? row.text(4)
                                 : fmt::format("{} · by {}", row.text(4), row.text(5)),
             card_link(sender, board, row.i64(2))});
    }
    templates::DigestSection announcements{"Announcements waiting for you", {}};
    bool new_announcement = false;
    for (auto const& row : tx.query(sql::pending_announcements, member.id)) {
        auto const board = row.i64(0);
        if (!visible.visible(BoardId{board})) continue;
        new_announcement = new_announcement || row.i64(4) > since;
        announcements.items.push_back({row.text(2), row.text(3) + " · please acknowledge",
                                       card_link(sender, board, row.i64(1))});
    }
    templates::DigestSection events{"Coming up this week", {}};
    for (auto const& row : tx.query(sql::coming_events, member.id, now, now + kEventWindowMs)) {
        auto const board = row.i64(0);
        if (!visible.visible(BoardId{board})) continue;
        std::string when =
            row.is_null(4) ? "due " + when_text(row.i64(5), zone) : when_text(row.i64(4), zone);
        if (auto where = row.opt_text(6); where && !where->empty()) when += " · " + *where;
        events.items.push_back({row.text(2), fmt::format("{} · {}", when, row.text(3)),
                                card_link(sender, board, row.i64(1))});
    }
    out.anything_new = !followed.items.empty() || !notices.items.empty() || new_announcement;
    out.sections = {std::move(notices), std::move(announcements), std::move(followed),
                    std::move(events)};
    return out;
}

// One due member, inside `tx`; true when a digest was queued.
bool handle(store::Tx& tx, Sender const& sender, store::Row const& due, Millis now) {
    auto const member_id = due.id<MemberId>(0);
    bool const weekly = due.text(1) == "weekly";
    auto const minute = static_cast<int>(due.i64(2));
    auto zone_name = due.opt_text(3);
    if (!zone_name) {
        if (auto row = tx.query_one(sql::quiet_zone, member_id)) zone_name = row->text(0);
    }
    auto const zone_text = zone_name.value_or("UTC");
    auto const next = next_slot(now, minute, zone_text, weekly);
    auto const last = due.opt_i64(5);
    // Not scheduled yet (a new member, or a changed preference): schedule, send nothing.
    if (due.is_null(4)) {
        tx.exec(sql::set_schedule, member_id, next, last);
        return false;
    }
    if (auto const until = notifications::quiet_until(tx, member_id, now); until > now) {
        tx.exec(sql::set_schedule, member_id, until, last);  // waits for their quiet hours to end
        return false;
    }
    auto const member = accounts::members::find(tx, member_id);
    if (!member) return false;
    auto const seen = member->last_seen_at.value_or(0);
    // Someone who has been on Village since the last digest has seen what it would say. Before
    // the first digest, it covers what came after their last visit (at most one period).
    if (last && seen > *last) {
        tx.exec(sql::set_schedule, member_id, next, now);
        return false;
    }
    auto const since = last.value_or(std::max(seen, now - (weekly ? 7 : 1) * kDayMs));
    auto const gathered = gather(tx, sender, *member, since, now, zone_or_utc(zone_text));
    if (!gathered.anything_new) {
        tx.exec(sql::set_schedule, member_id, next, last);
        return false;
    }
    auto const unsubscribe = preferences::unsubscribe_link(tx, sender, member_id);
    outbox::enqueue(
        tx, sender,
        Outgoing{"digest",
                 member_id,
                 {member->email, member->display_name},
                 templates::digest(sender.base_url, member->display_name,
                                   weekly ? "weekly" : "daily", gathered.sections, unsubscribe),
                 preferences::unsubscribe_headers(unsubscribe)});  // due at once
    tx.exec(sql::set_schedule, member_id, next, now);
    return true;
}

}  // namespace

Millis next_slot(Millis after, int minute, std::string const& zone_name, bool weekly) {
    auto const* zone = zone_or_utc(zone_name);
    auto const after_tp = chr::sys_time<chr::milliseconds>(chr::milliseconds(after));
    auto const local = zone->to_local(after_tp);
    auto day = chr::floor<date::days>(local);
    for (int i = 0; i < 9; ++i, day += date::days(1)) {
        if (weekly && date::weekday(day) != date::Monday) continue;
        auto const at_local = day + chr::minutes(minute);
        // choose::latest: in a gap (clocks forward) the time after it; in an overlap, the later.
        auto const at = zone->to_sys(at_local, date::choose::latest);
        auto const ms = chr::duration_cast<chr::milliseconds>(at.time_since_epoch()).count();
        if (ms > after) return ms;
    }
    return after + (weekly ? 7 : 1) * kDayMs;
}

std::size_t run_due(store::Db& db, Sender const& sender, Millis now, std::size_t limit) {
    {
        auto tx = db.begin();
        tx.exec(sql::ensure_preferences, now);
        tx.commit();
    }
    std::size_t queued = 0;
    for (std::size_t i = 0; i < limit; ++i) {
        auto tx = db.begin();
        auto due = tx.query_one(sql::claim_due_digest, now);
        if (!due) break;
        if (handle(tx, sender, *due, now)) ++queued;
        tx.commit();
    }
    return queued;
}

}  // namespace village::mail::digests
