// Announcements with reach: rules and storage; see announcements.hpp.
#include "notifications/announcements.hpp"

#include <boost/json.hpp>
#include <set>

#include "activity/activity.hpp"
#include "boards/cards.hpp"
#include "core/json.hpp"
#include "notifications/announcements_sql.hpp"
#include "notifications/notifications.hpp"
#include "notifications/visibility.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

tl::unexpected<Error> announcement_not_found() {
    return fail(Errc::not_found, std::string(kAnnouncementNotFound));
}

bool organiser(boards::CardContext const& c, Actor const& actor) {
    return actor.is_admin() || boards::can_manage_board(c.access);
}

std::optional<Announcement> find_announcement(store::Sql& sql, CardId card) {
    auto row = sql.query_one(sql::announcement_of, card);
    if (!row) return std::nullopt;
    Announcement a;
    a.card = card;
    if (auto by = row->opt_i64(0)) a.announced_by = MemberId{*by};
    a.audience = row->text(1) == "groups" ? Audience::groups : Audience::everyone;
    a.created_at = row->i64(2);
    for (auto const& g : sql.query(sql::announcement_groups_of, card)) {
        a.groups.push_back(GroupId{g.i64(0)});
    }
    return a;
}

std::vector<ReachRow> breakdown(store::Sql& sql, std::string_view query, CardId card) {
    std::vector<ReachRow> out;
    for (auto const& row : sql.query(query, card)) {
        out.push_back(ReachRow{row.text(0), row.i64(1), row.i64(2), row.i64(3)});
    }
    return out;
}

Reach reach_of(store::Sql& sql, Announcement announcement, std::string title) {
    Reach r;
    auto const card = announcement.card;
    r.announcement = std::move(announcement);
    r.card_title = std::move(title);
    auto totals = sql.query_one(sql::reach_totals, card);
    r.audience = totals->i64(0);
    r.seen = totals->i64(1);
    r.acknowledged = totals->i64(2);
    r.by_grade = breakdown(sql, sql::reach_by_grade, card);
    r.by_site = breakdown(sql, sql::reach_by_site, card);
    for (auto const& row : sql.query(sql::not_acknowledged, card)) {
        r.not_acknowledged.push_back(Recipient{MemberId{row.i64(0)}, row.text(1), row.opt_text(2),
                                               row.opt_text(3), row.opt_i64(4), row.opt_i64(5)});
    }
    return r;
}

// The card for an organiser's write: 401, 404, 403, 422 as the boards module answers them.
Result<boards::CardContext> organiser_card(store::Sql& sql, Actor const& actor, CardId card) {
    return boards::card_for_write(sql, actor, card, organiser);
}

// The card and the actor's recipient row, for seen and acknowledge.
Result<void> require_recipient(store::Sql& sql, Actor const& actor, CardId card) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto context = boards::card_for_read(sql, actor, card);
    if (!context) return fail(context.error());
    if (!sql.query_one(sql::recipient, card, actor.id)) return announcement_not_found();
    return {};
}

}  // namespace

Result<AnnounceRequest> parse_announce(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    AnnounceRequest out;
    auto audience = json::required_text(*in, "audience", 32);
    if (!audience) return fail(audience.error());
    if (*audience == "everyone") {
        out.audience = Audience::everyone;
    } else if (*audience == "groups") {
        out.audience = Audience::groups;
    } else {
        return fail(Errc::bad_request, "audience must be \"everyone\" or \"groups\"", "audience");
    }
    auto groups = json::optional_ids(*in, "group_ids");
    if (!groups) return fail(groups.error());
    if (out.audience == Audience::groups) {
        if (!*groups || (*groups)->empty()) {
            return fail(Errc::bad_request, "Name at least one group", "group_ids");
        }
        std::set<std::int64_t> unique((*groups)->begin(), (*groups)->end());
        for (auto id : unique) out.groups.push_back(GroupId{id});
    } else if (*groups && !(*groups)->empty()) {
        return fail(Errc::bad_request, "group_ids is only for the audience \"groups\"",
                    "group_ids");
    }
    return out;
}

Result<Reach> announce(store::Db& db, Actor const& actor, CardId card, AnnounceRequest const& in) {
    auto tx = db.begin();
    auto context = organiser_card(tx, actor, card);
    if (!context) return fail(context.error());
    for (auto group : in.groups) {
        if (!tx.query_one(sql::group_exists, group)) {
            return fail(Errc::unprocessable,
                        "Group " + std::to_string(group.value) + " does not exist", "group_ids");
        }
    }
    if (find_announcement(tx, card)) {
        return fail(Errc::conflict, "This card is already an announcement; withdraw it first");
    }
    auto const now = now_ms();
    tx.exec(sql::insert_announcement, card, actor.id,
            in.audience == Audience::groups ? "groups" : "everyone", now);
    std::vector<store::Row> candidates;
    if (in.audience == Audience::everyone) {
        candidates = tx.query(sql::everyone);
    } else {
        for (auto group : in.groups) {
            tx.exec(sql::insert_announcement_group, card, group);
            for (auto& row : tx.query(sql::group_audience, group)) {
                candidates.push_back(std::move(row));
            }
        }
    }
    auto const board = context->card.board;
    for (auto const& row : candidates) {
        Actor const member{MemberId{row.i64(0)}, parse_role(row.text(1)).value_or(Role::guest),
                           row.text(2)};
        if (member.id == actor.id) continue;
        if (!boards::load_access(tx, member, board)) continue;  // never leak the card
        tx.exec(sql::insert_recipient, card, member.id);
    }
    activity::Event event{std::string(kAnnouncedEvent)};
    event.board = board;
    event.list = context->card.list;
    event.card = card;
    event.data = {{"title", context->card.title},
                  {"audience", in.audience == Audience::groups ? "groups" : "everyone"}};
    activity::record(tx, actor, event);
    auto result = reach_of(tx, *find_announcement(tx, card), context->card.title);
    tx.commit();
    return result;
}

Result<void> withdraw(store::Db& db, Actor const& actor, CardId card) {
    auto tx = db.begin();
    auto context = organiser_card(tx, actor, card);
    if (!context) return fail(context.error());
    if (!find_announcement(tx, card)) return announcement_not_found();
    tx.exec(sql::delete_announcement, card);
    activity::Event event{"card.announcement_withdrawn"};
    event.board = context->card.board;
    event.list = context->card.list;
    event.card = card;
    event.data = {{"title", context->card.title}};
    activity::record(tx, actor, event);
    tx.commit();
    return {};
}

Result<Reach> reach(store::Db& db, Actor const& actor, CardId card) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto context = boards::card_for_read(db, actor, card);
    if (!context) return fail(context.error());
    auto announcement = find_announcement(db, card);
    if (!announcement) return announcement_not_found();
    bool const allowed = organiser(*context, actor) ||
                         (announcement->announced_by && *announcement->announced_by == actor.id) ||
                         (context->card.author_id() && *context->card.author_id() == actor.id);
    if (!allowed) {
        return fail(Errc::forbidden, "Only its organisers and author see an announcement's reach");
    }
    return reach_of(db, std::move(*announcement), context->card.title);
}

Result<void> mark_seen(store::Db& db, Actor const& actor, CardId card) {
    auto tx = db.begin();
    if (auto ok = require_recipient(tx, actor, card); !ok) return ok;
    tx.exec(sql::mark_announcement_seen, card, actor.id, now_ms());
    tx.commit();
    return {};
}

Result<void> acknowledge(store::Db& db, Actor const& actor, CardId card) {
    auto tx = db.begin();
    if (auto ok = require_recipient(tx, actor, card); !ok) return ok;
    tx.exec(sql::acknowledge_announcement, card, actor.id, now_ms());
    tx.commit();
    return {};
}

std::vector<PendingAnnouncement> unacknowledged_announcements(store::Sql& sql,
                                                              Actor const& member) {
    std::vector<PendingAnnouncement> out;
    BoardVisibility boards(sql, member);
    for (auto const& row :
         sql.query(sql::pending_announcements, member.id, kMaxPendingAnnouncements)) {
        PendingAnnouncement p;
        p.card = CardId{row.i64(0)};
        p.card_title = row.text(1);
        p.board = BoardId{row.i64(2)};
        p.board_name = row.text(3);
        if (auto by = row.opt_i64(4)) p.announced_by = MemberId{*by};
        p.announced_by_name = row.text(5);
        p.created_at = row.i64(6);
        p.seen_at = row.opt_i64(7);
        if (boards.visible(p.board)) out.push_back(std::move(p));
    }
    return out;
}

Result<std::vector<PendingAnnouncement>> my_announcements(store::Db& db, Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    return unacknowledged_announcements(db, actor);
}

void on_card_announced(store::Tx& tx, activity::Recorded const& r) {
    Cause cause;
    cause.activity = r.id;
    cause.at = r.at;
    if (r.actor.signed_in()) cause.actor = r.actor.id;
    cause.board = r.event.board;
    cause.card = r.event.card;
    for (auto const& row : tx.query(sql::recipients_of, *r.event.card)) {
        notify(tx, MemberId{row.i64(0)}, Kind::announcement, cause);
    }
}

namespace {

bj::array rows_json(std::vector<ReachRow> const& rows, std::string_view key) {
    bj::array out;
    for (auto const& r : rows) {
        out.push_back(bj::object{{key, r.key.empty() ? bj::value(nullptr) : bj::value(r.key)},
                                 {"audience", r.audience},
                                 {"seen", r.seen},
                                 {"acknowledged", r.acknowledged}});
    }
    return out;
}

}  // namespace

bj::object to_json(Reach const& r) {
    bj::array groups;
    for (auto g : r.announcement.groups) groups.push_back(g.value);
    bj::array pending;
    for (auto const& p : r.not_acknowledged) {
        pending.push_back(bj::object{{"id", p.id.value},
                                     {"display_name", p.display_name},
                                     {"grade", json::text_or_null(p.grade)},
                                     {"site", json::text_or_null(p.site)},
                                     {"seen", p.seen_at.has_value()},
                                     {"seen_at", json::time_or_null(p.seen_at)}});
    }
    return bj::object{
        {"card_id", r.announcement.card.value},
        {"card_title", r.card_title},
        {"audience", r.announcement.audience == Audience::groups ? "groups" : "everyone"},
        {"group_ids", std::move(groups)},
        {"announced_by", r.announcement.announced_by ? bj::value(r.announcement.announced_by->value)
                                                     : bj::value(nullptr)},
        {"announced_at", iso8601(r.announcement.created_at)},
        {"audience_size", r.audience},
        {"seen", r.seen},
        {"acknowledged", r.acknowledged},
        {"by_grade", rows_json(r.by_grade, "grade")},
        {"by_site", rows_json(r.by_site, "site")},
        {"not_acknowledged", std::move(pending)}};
}

bj::object to_json(PendingAnnouncement const& p) {
    return bj::object{{"card", bj::object{{"id", p.card.value}, {"title", p.card_title}}},
                      {"board", bj::object{{"id", p.board.value}, {"name", p.board_name}}},
                      {"announced_by",
                       p.announced_by ? bj::value(bj::object{{"id", p.announced_by->value},
                                                             {"display_name", p.announced_by_name}})
                                      : bj::value(nullptr)},
                      {"announced_at", iso8601(p.created_at)},
                      {"seen", p.seen_at.has_value()}};
}

}  // namespace village::notifications
