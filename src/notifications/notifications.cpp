// Notifications: recording, listing and marking read; see notifications.hpp.
#include "notifications/notifications.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <mutex>

#include "core/json.hpp"
#include "notifications/notifications_sql.hpp"
#include "notifications/quiet_hours.hpp"
#include "notifications/visibility.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

std::mutex listeners_mutex;
std::vector<Recorder>& listeners() {
    static std::vector<Recorder> all;
    return all;
}

std::vector<Recorder> current_listeners() {
    std::lock_guard lock(listeners_mutex);
    return listeners();
}

Notification notification_from(store::Row const& row) {
    Notification n;
    n.id = row.i64(0);
    n.kind = parse_kind(row.text(1)).value_or(Kind::card);
    n.activity = ActivityId{row.i64(2)};
    if (auto board = row.opt_i64(3)) n.board = BoardId{*board};
    n.board_name = row.text(4);
    if (auto card = row.opt_i64(5)) n.card = CardId{*card};
    n.card_title = row.text(6);
    if (auto comment = row.opt_i64(7)) n.comment = CommentId{*comment};
    if (auto actor = row.opt_i64(8)) n.actor = MemberId{*actor};
    n.actor_name = row.text(9);
    n.created_at = row.i64(10);
    n.read_at = row.opt_i64(11);
    n.push = row.flag(12);
    return n;
}

// A notification about a card shows only while its card exists and its board is visible.
bool shown(Notification const& n, BoardVisibility& boards) {
    if (!n.card) return true;
    return n.board && boards.visible(*n.board);
}

// Unread notifications the member is shown (see shown()).
std::int64_t count_unread(store::Sql& sql, Actor const& actor, BoardVisibility& boards) {
    std::int64_t count = 0;
    for (auto const& row : sql.query(sql::unread_count, actor.id)) {
        auto const board = row.opt_i64(0);
        bool const about_card = row.flag(1);
        if (!about_card || (board && boards.visible(BoardId{*board}))) count += row.i64(2);
    }
    return count;
}

}  // namespace

void notify(store::Tx& tx, MemberId member, Kind kind, Cause const& cause) {
    if (cause.actor && *cause.actor == member) return;  // never for one's own action
    bool const push = !is_quiet(tx, member, cause.at);
    auto const inserted =
        tx.exec(sql::insert_notification, member, cause.activity, kind_name(kind), cause.board,
                cause.card, cause.comment, cause.actor, cause.at, push);
    if (inserted == 0) return;  // already told of this activity
    for (auto recorder : current_listeners()) recorder(tx, member, cause);
}

void listen(Recorder recorder) {
    std::lock_guard lock(listeners_mutex);
    auto& all = listeners();
    if (std::find(all.begin(), all.end(), recorder) == all.end()) all.push_back(recorder);
}

std::optional<Actor> member_actor(store::Sql& sql, MemberId member) {
    auto row = sql.query_one(sql::member_for_notice, member);
    if (!row) return std::nullopt;
    return Actor{member, parse_role(row->text(0)).value_or(Role::guest), row->text(1)};
}

Result<NotificationPage> list_notifications(store::Db& db, Actor const& actor, std::int64_t before,
                                            std::size_t limit, bool unread_only) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (before <= 0) before = std::numeric_limits<std::int64_t>::max();
    NotificationPage page;
    BoardVisibility boards(db, actor);
    // Hidden rows (cards the member lost) are skipped; read on until the page is full.
    std::int64_t cursor = before;
    bool more = false;
    while (page.items.size() <= limit) {
        auto rows =
            db.query(sql::notification_page, actor.id, cursor, unread_only ? 1 : 0, limit + 1);
        for (auto const& row : rows) {
            auto n = notification_from(row);
            cursor = n.id;
            if (!shown(n, boards)) continue;
            if (page.items.size() == limit) {
                more = true;
                break;
            }
            page.items.push_back(std::move(n));
        }
        if (more || rows.size() < limit + 1) break;
    }
    if (more && !page.items.empty()) page.next_before = page.items.back().id;
    page.unread = count_unread(db, actor, boards);
    return page;
}

Result<std::int64_t> unread_count(store::Db& db, Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    BoardVisibility boards(db, actor);
    return count_unread(db, actor, boards);
}

std::vector<Notified> notified_between(store::Sql& sql, std::int64_t after,
                                       std::int64_t up_to) {
    std::vector<Notified> out;
    for (auto const& row : sql.query(sql::notified_between, after, up_to)) {
        out.push_back(Notified{MemberId{row.i64(0)}, row.i64(1) != 0});
    }
    return out;
}

Result<Notification> open_notification(store::Db& db, Actor const& actor, std::int64_t id) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    auto row = tx.query_one(sql::notification_by_id, id, actor.id);
    if (!row) return fail(Errc::not_found, std::string(kNotificationNotFound));
    BoardVisibility boards(tx, actor);
    if (!shown(notification_from(*row), boards)) {
        return fail(Errc::not_found, std::string(kNotificationNotFound));
    }
    tx.exec(sql::mark_read, id, actor.id, now_ms());
    auto saved = notification_from(*tx.query_one(sql::notification_by_id, id, actor.id));
    tx.commit();
    return saved;
}

Result<std::int64_t> mark_all_read(store::Db& db, Actor const& actor, std::int64_t up_to) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (up_to <= 0) up_to = std::numeric_limits<std::int64_t>::max();
    auto tx = db.begin();
    auto const marked = tx.exec(sql::mark_all_read, actor.id, up_to, now_ms());
    tx.commit();
    return marked;
}

std::vector<Notification> notifications_since(store::Sql& sql, Actor const& member, Millis since,
                                              std::size_t limit) {
    std::vector<Notification> out;
    BoardVisibility boards(sql, member);
    for (auto const& row : sql.query(sql::notifications_since, member.id, since, limit)) {
        auto n = notification_from(row);
        if (shown(n, boards)) out.push_back(std::move(n));
    }
    return out;
}

bj::object to_json(Notification const& n) {
    bj::object o;
    o["id"] = n.id;
    o["kind"] = kind_name(n.kind);
    o["activity_id"] = n.activity.value;
    o["board"] = n.board ? bj::value(bj::object{{"id", n.board->value}, {"name", n.board_name}})
                         : bj::value(nullptr);
    o["card"] = n.card ? bj::value(bj::object{{"id", n.card->value}, {"title", n.card_title}})
                       : bj::value(nullptr);
    o["comment_id"] = n.comment ? bj::value(n.comment->value) : bj::value(nullptr);
    o["actor"] = n.actor
                     ? bj::value(bj::object{{"id", n.actor->value}, {"display_name", n.actor_name}})
                     : bj::value(nullptr);
    o["created_at"] = iso8601(n.created_at);
    o["read"] = n.read_at.has_value();
    o["read_at"] = json::time_or_null(n.read_at);
    o["push"] = n.push;
    return o;
}

bj::object to_json(NotificationPage const& page) {
    bj::array items;
    for (auto const& n : page.items) items.push_back(to_json(n));
    return bj::object{
        {"notifications", std::move(items)},
        {"next_before", page.next_before ? bj::value(*page.next_before) : bj::value(nullptr)},
        {"unread", page.unread}};
}

}  // namespace village::notifications
