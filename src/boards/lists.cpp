// Lists: parsing, rules and storage; see lists.hpp.
#include "boards/lists.hpp"

#include "activity/activity.hpp"
#include "boards/lists_sql.hpp"
#include "boards/permissions.hpp"
#include "boards/spaces.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

constexpr Ordering kLists{sql::list_anchor, sql::list_next, sql::list_previous,
                          sql::list_last,   sql::list_all,  sql::list_set_position};

constexpr std::string_view kListNotFound = "List not found";

std::optional<List> find_list(store::Sql& sql, ListId id) {
    auto row = sql.query_one(sql::list_by_id, id);
    if (!row) return std::nullopt;
    return List{row->id<ListId>(0), row->id<BoardId>(1), row->text(2),   row->text(3),
                row->i64(4),        row->i64(5),         row->opt_i64(6)};
}

activity::Event list_event(std::string type, List const& list) {
    activity::Event event{std::move(type)};
    event.board = list.board;
    event.list = list.id;
    return event;
}

}  // namespace

Result<NewList> parse_new_list(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewList out;
    auto name = json::required_text(*in, "name", limits::kMaxTitleChars);
    if (!name) return fail(name.error());
    out.name = std::move(*name);
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

Result<ListPatch> parse_list_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    ListPatch out;
    auto name = json::patch_text(*in, "name", limits::kMaxTitleChars, false);
    if (!name) return fail(name.error());
    if (name->present) {
        if (name->value->empty()) return fail(Errc::bad_request, "name may not be empty", "name");
        out.name = std::move(name->value);
    }
    auto archived = json::optional_bool(*in, "archived");
    if (!archived) return fail(archived.error());
    out.archived = *archived;
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

Result<List> create_list(store::Db& db, Actor const& actor, BoardId board, NewList const& in) {
    auto tx = db.begin();
    auto access = require_write(tx, actor, board, can_edit_lists);
    if (!access) return fail(access.error());
    auto position = place(tx, kLists, board.value, in.anchor);
    if (!position) return fail(position.error());
    auto const id =
        ListId{tx.query_one(sql::insert_list, board, in.name, *position, now_ms())->i64(0)};
    auto list = find_list(tx, id);
    auto event = list_event("list.created", *list);
    event.data = {{"name", list->name}, {"position", list->position}};
    activity::record(tx, actor, event);
    tx.commit();
    return *list;
}

Result<List> update_list(store::Db& db, Actor const& actor, ListId id, ListPatch const& in) {
    auto tx = db.begin();
    auto list = find_list(tx, id);
    if (!list) return fail(Errc::not_found, std::string(kListNotFound));
    auto access = require_write(tx, actor, list->board, can_edit_lists, kListNotFound);
    if (!access) return fail(access.error());

    std::vector<activity::Event> events;
    if (in.name && *in.name != list->name) {
        auto event = list_event("list.updated", *list);
        event.data = {{"name", *in.name}, {"old_name", list->name}};
        events.push_back(std::move(event));
        list->name = *in.name;
    }
    if (in.anchor) {
        auto position = place(tx, kLists, list->board.value, in.anchor, id.value);
        if (!position) return fail(position.error());
        auto event = list_event("list.moved", *list);
        event.data = {{"position", *position}};
        if (in.anchor->side == Side::before) {
            event.data["before_id"] = in.anchor->id;
        } else {
            event.data["after_id"] = in.anchor->id;
        }
        events.push_back(std::move(event));
        list->position = *position;
    }
    if (in.archived && *in.archived != list->archived_at.has_value()) {
        events.push_back(list_event(*in.archived ? "list.archived" : "list.restored", *list));
        list->archived_at = *in.archived ? std::optional<Millis>(now_ms()) : std::nullopt;
    }
    if (events.empty()) return *list;
    list->updated_at = now_ms();
    tx.exec(sql::update_list, id, list->name, list->position, list->archived_at, list->updated_at);
    for (auto const& event : events) activity::record(tx, actor, event);
    tx.commit();
    return *list;
}

Result<void> delete_list(store::Db& db, Actor const& actor, ListId id) {
    auto tx = db.begin();
    auto list = find_list(tx, id);
    if (!list) return fail(Errc::not_found, std::string(kListNotFound));
    auto access = require_write(tx, actor, list->board, can_manage_board, kListNotFound);
    if (!access) return fail(access.error());
    auto event = list_event("list.deleted", *list);
    event.data = {{"name", list->name}};
    activity::record(tx, actor, event);
    tx.exec(sql::delete_list, id);
    tx.commit();
    return {};
}

bj::object to_json(List const& list) {
    return bj::object{{"id", list.id.value},
                      {"board_id", list.board.value},
                      {"name", list.name},
                      {"position", list.position},
                      {"archived", list.archived_at.has_value()},
                      {"archived_at", json::time_or_null(list.archived_at)},
                      {"created_at", iso8601(list.created_at)},
                      {"updated_at", iso8601(list.updated_at)}};
}

}  // namespace village::boards
