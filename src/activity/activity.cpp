// Recording and reading the activity log.
#include "activity/activity.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <limits>
#include <mutex>

#include "activity/activity_sql.hpp"

namespace village::activity {

namespace bj = boost::json;

namespace {

std::mutex subscribers_mutex;
std::vector<Subscriber>& subscribers() {
    static std::vector<Subscriber> all;
    return all;
}

std::vector<Subscriber> current_subscribers() {
    std::lock_guard lock(subscribers_mutex);
    return subscribers();
}

}  // namespace

void subscribe(Subscriber subscriber) {
    std::lock_guard lock(subscribers_mutex);
    auto& all = subscribers();
    if (std::find(all.begin(), all.end(), subscriber) == all.end()) all.push_back(subscriber);
}

ActivityId record(store::Tx& tx, Actor const& actor, Event const& event) {
    auto const at = now_ms();
    std::optional<std::int64_t> actor_id;
    if (actor.signed_in()) actor_id = actor.id.value;
    auto row =
        tx.query_one(sql::insert_activity, at, actor_id, event.type, event.space, event.board,
                     event.list, event.card, event.comment, bj::serialize(event.data));
    if (event.board) tx.exec(sql::bump_board_version, *event.board, at);
    ActivityId const id{row->i64(0)};
    Recorded const recorded{id, at, actor, event};
    for (auto subscriber : current_subscribers()) subscriber(tx, recorded);
    tx.notify(kChannel, std::to_string(id.value));
    return id;
}

std::vector<Entry> board_page(store::Sql& sql, BoardId board, std::int64_t before,
                              std::size_t limit) {
    if (before <= 0) before = std::numeric_limits<std::int64_t>::max();
    std::vector<Entry> out;
    for (auto const& row : sql.query(sql::board_activity_page, board, before, limit)) {
        Entry e;
        e.id = ActivityId{row.i64(0)};
        e.at = row.i64(1);
        if (auto a = row.opt_i64(2)) e.actor = MemberId{*a};
        e.actor_name = row.text(3);
        e.type = row.text(4);
        if (auto v = row.opt_i64(5)) e.list = ListId{*v};
        if (auto v = row.opt_i64(6)) e.card = CardId{*v};
        if (auto v = row.opt_i64(7)) e.comment = CommentId{*v};
        boost::system::error_code ec;
        auto data = bj::parse(row.text(8), ec);
        if (!ec && data.is_object()) e.data = std::move(data.as_object());
        out.push_back(std::move(e));
    }
    return out;
}

bj::object to_json(Entry const& e) {
    bj::object o;
    o["id"] = e.id.value;
    o["at"] = iso8601(e.at);
    o["type"] = e.type;
    if (e.actor) {
        o["actor"] = bj::object{{"id", e.actor->value}, {"display_name", e.actor_name}};
    } else {
        o["actor"] = nullptr;
    }
    o["list_id"] = e.list ? bj::value(e.list->value) : bj::value(nullptr);
    o["card_id"] = e.card ? bj::value(e.card->value) : bj::value(nullptr);
    o["comment_id"] = e.comment ? bj::value(e.comment->value) : bj::value(nullptr);
    o["data"] = e.data;
    return o;
}

}  // namespace village::activity
