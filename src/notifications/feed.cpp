// The personal feed: storage and reading; see feed.hpp.
#include "notifications/feed.hpp"

#include <boost/json.hpp>
#include <limits>

#include "notifications/feed_sql.hpp"
#include "notifications/visibility.hpp"

namespace village::notifications {

namespace bj = boost::json;

namespace {

FeedItem item_from(store::Row const& row) {
    FeedItem f;
    f.activity = ActivityId{row.i64(0)};
    f.type = row.text(1);
    f.at = row.i64(2);
    f.board = BoardId{row.i64(3)};
    f.board_name = row.text(4);
    f.card = CardId{row.i64(5)};
    f.card_title = row.text(6);
    if (auto comment = row.opt_i64(7)) f.comment = CommentId{*comment};
    if (auto actor = row.opt_i64(8)) f.actor = MemberId{*actor};
    f.actor_name = row.text(9);
    return f;
}

}  // namespace

void add_to_feed(store::Tx& tx, MemberId member, ActivityId activity, BoardId board, CardId card) {
    tx.exec(sql::insert_feed_item, member, activity, board, card);
}

std::int64_t feed_seen_mark(store::Sql& sql, MemberId member) {
    auto row = sql.query_one(sql::feed_mark, member);
    return row ? row->i64(0) : 0;
}

Result<FeedPage> feed_page(store::Db& db, Actor const& actor, std::int64_t before,
                           std::size_t limit) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (before <= 0) before = std::numeric_limits<std::int64_t>::max();
    FeedPage page;
    page.seen_up_to = feed_seen_mark(db, actor.id);
    BoardVisibility boards(db, actor);
    // Items on boards the member lost are skipped; read on until the page is full.
    std::int64_t cursor = before;
    bool more = false;
    while (true) {
        auto rows = db.query(sql::feed_page, actor.id, cursor, limit + 1);
        for (auto const& row : rows) {
            auto item = item_from(row);
            cursor = item.activity.value;
            if (!boards.visible(item.board)) continue;
            if (page.items.size() == limit) {
                more = true;
                break;
            }
            item.unseen = item.activity.value > page.seen_up_to;
            page.items.push_back(std::move(item));
        }
        if (more || rows.size() < limit + 1) break;
    }
    if (more && !page.items.empty()) page.next_before = page.items.back().activity.value;
    page.unseen =
        db.query_one(sql::unseen_feed_count, actor.id, page.seen_up_to, kMaxUnseenCount)->i64(0);
    return page;
}

Result<std::int64_t> mark_feed_seen(store::Db& db, Actor const& actor, std::int64_t up_to) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    if (up_to <= 0) {
        auto newest = tx.query_one(sql::newest_feed_item, actor.id);
        up_to = newest ? newest->i64(0) : 0;
    }
    if (up_to > 0) tx.exec(sql::set_feed_mark, actor.id, up_to, now_ms());
    auto const mark = feed_seen_mark(tx, actor.id);
    tx.commit();
    return mark;
}

std::vector<FeedItem> feed_since(store::Sql& sql, Actor const& member, std::int64_t after,
                                 std::size_t limit) {
    std::vector<FeedItem> out;
    BoardVisibility boards(sql, member);
    for (auto const& row : sql.query(sql::feed_since, member.id, after, limit)) {
        auto item = item_from(row);
        if (boards.visible(item.board)) out.push_back(std::move(item));
    }
    return out;
}

bj::object to_json(FeedItem const& f) {
    bj::object o;
    o["activity_id"] = f.activity.value;
    o["type"] = f.type;
    o["at"] = iso8601(f.at);
    o["board"] = bj::object{{"id", f.board.value}, {"name", f.board_name}};
    o["card"] = bj::object{{"id", f.card.value}, {"title", f.card_title}};
    o["comment_id"] = f.comment ? bj::value(f.comment->value) : bj::value(nullptr);
    o["actor"] = f.actor
                     ? bj::value(bj::object{{"id", f.actor->value}, {"display_name", f.actor_name}})
                     : bj::value(nullptr);
    o["unseen"] = f.unseen;
    return o;
}

bj::object to_json(FeedPage const& page) {
    bj::array items;
    for (auto const& f : page.items) items.push_back(to_json(f));
    return bj::object{
        {"items", std::move(items)},
        {"next_before", page.next_before ? bj::value(*page.next_before) : bj::value(nullptr)},
        {"seen_up_to", page.seen_up_to},
        {"unseen", page.unseen}};
}

}  // namespace village::notifications
