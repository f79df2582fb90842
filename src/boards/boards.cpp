// Boards and board members: parsing, rules and storage; see boards.hpp.
#include "boards/boards.hpp"

#include <algorithm>
#include <unordered_map>

#include "boards/boards_sql.hpp"
#include "core/limits.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

std::string community_role(Actor const& actor) {
    return actor.signed_in() ? std::string(role_name(actor.role)) : std::string();
}

tl::unexpected<Error> board_not_found() {
    return fail(Errc::not_found, "Board not found");
}

// An enumerated text field such as "visibility": absent or null → nullopt.
template <class T, class Parse>
Result<std::optional<T>> optional_choice(bj::object const& in, std::string_view key, Parse parse_fn,
                                         std::string_view choices) {
    auto raw = json::optional_text(in, key, 32);
    if (!raw) return fail(raw.error());
    if (!*raw) return std::optional<T>{};
    auto value = parse_fn(**raw);
    if (!value) {
        return fail(Errc::bad_request, std::string(key) + " must be one of " + std::string(choices),
                    std::string(key));
    }
    return std::optional<T>(*value);
}

Result<std::optional<Visibility>> read_visibility(bj::object const& in) {
    return optional_choice<Visibility>(in, "visibility", parse_visibility,
                                       "public, community, groups, private");
}

std::optional<BoardRole> parse_default_role(std::string_view text) {
    auto role = parse_board_role(text);
    if (role == BoardRole::member || role == BoardRole::viewer) return role;
    return std::nullopt;
}

Result<std::optional<BoardRole>> read_default_role(bj::object const& in) {
    return optional_choice<BoardRole>(in, "default_role", parse_default_role, "member, viewer");
}

Result<std::optional<std::vector<GroupId>>> read_groups(bj::object const& in) {
    auto ids = json::optional_ids(in, "group_ids");
    if (!ids) return fail(ids.error());
    if (!*ids) return std::optional<std::vector<GroupId>>{};
    std::vector<GroupId> groups;
    for (auto id : **ids) {
        if (std::find(groups.begin(), groups.end(), GroupId{id}) == groups.end()) {
            groups.push_back(GroupId{id});
        }
    }
    return std::optional<std::vector<GroupId>>(std::move(groups));
}

Board read_board(store::Sql& sql, store::Row const& row) {
    Board b;
    b.id = row.id<BoardId>(0);
    if (auto v = row.opt_i64(1)) b.space = SpaceId{*v};
    b.name = row.text(2);
    b.description = row.text(3);
    b.visibility = parse_visibility(row.text(4)).value_or(Visibility::private_);
    b.default_role = parse_board_role(row.text(5)).value_or(BoardRole::viewer);
    b.comments_enabled = row.flag(6);
    if (auto v = row.opt_i64(7)) b.created_by = MemberId{*v};
    b.created_at = row.i64(8);
    b.updated_at = row.i64(9);
    b.archived_at = row.opt_i64(10);
    b.version = row.i64(11);
    for (auto const& g : sql.query(sql::board_group_ids, b.id))
        b.groups.push_back(g.id<GroupId>(0));
    return b;
}

Result<void> check_space(store::Sql& sql, std::optional<SpaceId> space) {
    if (space && !sql.query_one(sql::space_exists, *space)) {
        return fail(Errc::unprocessable, "That space does not exist", "space_id");
    }
    return {};
}

Result<void> check_groups(store::Sql& sql, std::vector<GroupId> const& groups) {
    for (auto group : groups) {
        if (!sql.query_one(sql::group_exists, group)) {
            return fail(Errc::unprocessable, "One of the groups does not exist", "group_ids");
        }
    }
    return {};
}

// Sorted and without repeats, as board_group_ids reads them back.
std::vector<GroupId> group_set(std::vector<GroupId> groups) {
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    return groups;
}

void write_groups(store::Tx& tx, BoardId board, std::vector<GroupId> const& groups) {
    tx.exec(sql::clear_board_groups, board);
    for (auto group : group_set(groups)) tx.exec(sql::insert_board_group, board, group);
}

bj::array id_array(std::vector<GroupId> const& ids) {
    bj::array out;
    for (auto id : ids) out.push_back(id.value);
    return out;
}

BoardMember read_member(store::Row const& row) {
    return BoardMember{row.id<MemberId>(0), row.text(1),
                       parse_board_role(row.text(2)).value_or(BoardRole::viewer)};
}

Result<void> keeps_an_admin(store::Tx& tx, BoardId board) {
    if (tx.query_one(sql::count_board_admins, board)->i64(0) == 0) {
        return fail(Errc::unprocessable, "A board must keep at least one admin", "role");
    }
    return {};
}

}  // namespace

std::optional<Board> load_board(store::Sql& sql, BoardId id) {
    auto row = sql.query_one(sql::board_by_id, id);
    if (!row) return std::nullopt;
    return read_board(sql, *row);
}

// --- parsing -------------------------------------------------------------------------------------

Result<NewBoard> parse_new_board(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewBoard out;
    auto name = json::required_text(*in, "name", limits::kMaxTitleChars);
    if (!name) return fail(name.error());
    out.name = std::move(*name);
    auto description = json::optional_text(*in, "description", kMaxBoardDescriptionChars);
    if (!description) return fail(description.error());
    out.description = description->value_or("");
    auto space = json::optional_id(*in, "space_id");
    if (!space) return fail(space.error());
    if (*space) out.space = SpaceId{**space};
    auto visibility = read_visibility(*in);
    if (!visibility) return fail(visibility.error());
    out.visibility = *visibility;
    auto default_role = read_default_role(*in);
    if (!default_role) return fail(default_role.error());
    out.default_role = default_role->value_or(BoardRole::member);
    auto comments = json::optional_bool(*in, "comments_enabled");
    if (!comments) return fail(comments.error());
    out.comments_enabled = comments->value_or(true);
    auto groups = read_groups(*in);
    if (!groups) return fail(groups.error());
    if (*groups) out.groups = std::move(**groups);
    return out;
}

Result<BoardPatch> parse_board_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    BoardPatch out;
    auto name = json::patch_text(*in, "name", limits::kMaxTitleChars, false);
    if (!name) return fail(name.error());
    if (name->present) {
        if (name->value->empty()) return fail(Errc::bad_request, "name may not be empty", "name");
        out.name = std::move(name->value);
    }
    auto description = json::patch_text(*in, "description", kMaxBoardDescriptionChars);
    if (!description) return fail(description.error());
    if (description->present) out.description = description->value.value_or("");
    auto space = json::patch_id(*in, "space_id");
    if (!space) return fail(space.error());
    out.space = *space;
    auto visibility = read_visibility(*in);
    if (!visibility) return fail(visibility.error());
    out.visibility = *visibility;
    auto default_role = read_default_role(*in);
    if (!default_role) return fail(default_role.error());
    out.default_role = *default_role;
    auto comments = json::optional_bool(*in, "comments_enabled");
    if (!comments) return fail(comments.error());
    out.comments_enabled = *comments;
    auto groups = read_groups(*in);
    if (!groups) return fail(groups.error());
    out.groups = std::move(*groups);
    auto archived = json::optional_bool(*in, "archived");
    if (!archived) return fail(archived.error());
    out.archived = *archived;
    return out;
}

Result<BoardRole> parse_member_role(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto role =
        optional_choice<BoardRole>(*in, "role", parse_board_role, "viewer, member, editor, admin");
    if (!role) return fail(role.error());
    if (!*role) return fail(Errc::bad_request, "role is required", "role");
    return **role;
}

// --- services ------------------------------------------------------------------------------------

BoardListing list_boards(store::Sql& sql, Actor const& actor) {
    BoardListing listing;
    std::unordered_map<std::int64_t, std::size_t> space_index;
    for (auto& space : visible_spaces(sql, actor)) {
        space_index.emplace(space.id.value, listing.spaces.size());
        listing.spaces.push_back(SpaceWithBoards{std::move(space), {}});
    }
    for (auto const& row : sql.query(sql::visible_boards, actor.id, community_role(actor))) {
        AccessFacts facts;
        facts.visibility = parse_visibility(row.text(4)).value_or(Visibility::private_);
        facts.default_role = parse_board_role(row.text(5)).value_or(BoardRole::viewer);
        if (auto role = row.opt_text(7)) facts.explicit_role = parse_board_role(*role);
        facts.in_board_group = row.flag(8);
        BoardSummary b;
        b.id = row.id<BoardId>(0);
        if (auto v = row.opt_i64(1)) b.space = SpaceId{*v};
        b.name = row.text(2);
        b.description = row.text(3);
        b.visibility = facts.visibility;
        b.my_role = decide_role(actor, facts);
        b.archived = !row.is_null(6);
        b.card_count = row.i64(9);
        auto it = b.space ? space_index.find(b.space->value) : space_index.end();
        if (it != space_index.end()) {
            listing.spaces[it->second].boards.push_back(std::move(b));
        } else {
            listing.without_space.push_back(std::move(b));
        }
    }
    return listing;
}

Result<Board> create_board(store::Db& db, Actor const& actor, NewBoard const& in) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (!can_create_boards(actor)) return fail(Errc::forbidden, "Guests cannot create boards");
    auto tx = db.begin();
    if (auto ok = check_space(tx, in.space); !ok) return fail(ok.error());
    if (auto ok = check_groups(tx, in.groups); !ok) return fail(ok.error());
    auto const visibility =
        in.visibility.value_or(in.space ? Visibility::community : Visibility::private_);
    auto const id =
        BoardId{tx.query_one(sql::insert_board, in.space, in.name, in.description,
                             visibility_name(visibility), board_role_name(in.default_role),
                             in.comments_enabled, actor.id, now_ms())
                    ->i64(0)};
    tx.exec(sql::upsert_board_member, id, actor.id, board_role_name(BoardRole::admin));
    write_groups(tx, id, in.groups);
    activity::Event event{"board.created", in.space, id};
    event.data = {{"name", in.name}, {"visibility", visibility_name(visibility)}};
    activity::record(tx, actor, event);
    auto board = load_board(tx, id);
    tx.commit();
    board->my_role = decide_role(actor, AccessFacts{visibility, in.default_role, BoardRole::admin});
    return *board;
}

Result<Board> get_board(store::Sql& sql, Actor const& actor, BoardId id) {
    auto access = require_read(sql, actor, id);
    if (!access) return fail(access.error());
    auto board = load_board(sql, id);
    if (!board) return board_not_found();
    board->my_role = access->role;
    return *board;
}

Result<Board> update_board(store::Db& db, Actor const& actor, BoardId id, BoardPatch const& in) {
    auto tx = db.begin();
    auto access = require_write(tx, actor, id, can_manage_board, "Board not found", true);
    if (!access) return fail(access.error());
    bool const restoring = in.archived == false;
    if (access->archived && !restoring) {
        return fail(Errc::unprocessable, "This board is archived; restore it first");
    }
    auto board = load_board(tx, id);
    if (!board) return board_not_found();
    bj::object changed;
    if (in.name && *in.name != board->name) {
        board->name = *in.name;
        changed["name"] = board->name;
    }
    if (in.description && *in.description != board->description) {
        board->description = *in.description;
        changed["description"] = board->description;
    }
    if (in.space.present) {
        std::optional<SpaceId> space;
        if (in.space.value) space = SpaceId{*in.space.value};
        if (auto ok = check_space(tx, space); !ok) return fail(ok.error());
        if (space != board->space) {
            board->space = space;
            changed["space_id"] = space ? bj::value(space->value) : bj::value(nullptr);
        }
    }
    if (in.visibility && *in.visibility != board->visibility) {
        board->visibility = *in.visibility;
        changed["visibility"] = visibility_name(board->visibility);
    }
    if (in.default_role && *in.default_role != board->default_role) {
        board->default_role = *in.default_role;
        changed["default_role"] = board_role_name(board->default_role);
    }
    if (in.comments_enabled && *in.comments_enabled != board->comments_enabled) {
        board->comments_enabled = *in.comments_enabled;
        changed["comments_enabled"] = board->comments_enabled;
    }
    if (in.groups) {
        auto const sorted = group_set(*in.groups);
        if (sorted != board->groups) {
            if (auto ok = check_groups(tx, sorted); !ok) return fail(ok.error());
            write_groups(tx, id, sorted);
            board->groups = sorted;
            changed["group_ids"] = id_array(sorted);
        }
    }
    std::optional<std::string> archive_event;
    if (in.archived && *in.archived != board->archived_at.has_value()) {
        archive_event = *in.archived ? "board.archived" : "board.restored";
        board->archived_at = *in.archived ? std::optional<Millis>(now_ms()) : std::nullopt;
    }
    board->my_role = access->role;
    if (changed.empty() && !archive_event) return *board;

    tx.exec(sql::update_board, id, board->space, board->name, board->description,
            visibility_name(board->visibility), board_role_name(board->default_role),
            board->comments_enabled, board->archived_at);
    if (archive_event) {
        activity::record(tx, actor, activity::Event{*archive_event, board->space, id});
    }
    if (!changed.empty()) {
        activity::Event event{"board.updated", board->space, id};
        event.data = std::move(changed);
        activity::record(tx, actor, event);
    }
    auto updated = load_board(tx, id);
    tx.commit();
    updated->my_role = access->role;
    return *updated;
}

Result<void> delete_board(store::Db& db, Actor const& actor, BoardId id) {
    auto tx = db.begin();
    auto access = require_write(tx, actor, id, can_manage_board, "Board not found", true);
    if (!access) return fail(access.error());
    auto board = load_board(tx, id);
    if (!board) return board_not_found();
    activity::Event event{"board.deleted", board->space, id};
    event.data = {{"name", board->name}};
    activity::record(tx, actor, event);
    tx.exec(sql::delete_board, id);
    tx.commit();
    return {};
}

Result<std::vector<BoardMember>> list_board_members(store::Sql& sql, Actor const& actor,
                                                    BoardId id) {
    auto access = require_read(sql, actor, id);
    if (!access) return fail(access.error());
    std::vector<BoardMember> out;
    for (auto const& row : sql.query(sql::board_members, id)) out.push_back(read_member(row));
    return out;
}

Result<BoardMember> set_board_member(store::Db& db, Actor const& actor, BoardId id, MemberId member,
                                     BoardRole role) {
    auto tx = db.begin();
    auto access = require_write(tx, actor, id, can_manage_board);
    if (!access) return fail(access.error());
    auto target = tx.query_one(sql::active_member, member);
    if (!target) return fail(Errc::not_found, "Member not found");
    auto before = tx.query_one(sql::board_member, id, member);
    auto const old_role = before ? std::optional<BoardMember>(read_member(*before)) : std::nullopt;
    if (!old_role || old_role->role != role) {
        tx.exec(sql::upsert_board_member, id, member, board_role_name(role));
        if (auto ok = keeps_an_admin(tx, id); !ok) return fail(ok.error());
        activity::Event event{old_role ? "board.member_updated" : "board.member_added",
                              std::nullopt, id};
        event.data = {{"member_id", member.value}, {"role", board_role_name(role)}};
        activity::record(tx, actor, event);
    }
    auto row = tx.query_one(sql::board_member, id, member);
    tx.commit();
    return read_member(*row);
}

Result<void> remove_board_member(store::Db& db, Actor const& actor, BoardId id, MemberId member) {
    auto tx = db.begin();
    auto access = require_write(tx, actor, id, can_manage_board);
    if (!access) return fail(access.error());
    if (tx.exec(sql::delete_board_member, id, member) == 0) {
        return fail(Errc::not_found, "That member holds no role on this board");
    }
    if (auto ok = keeps_an_admin(tx, id); !ok) return fail(ok.error());
    activity::Event event{"board.member_removed", std::nullopt, id};
    event.data = {{"member_id", member.value}};
    activity::record(tx, actor, event);
    tx.commit();
    return {};
}

Result<ActivityPage> board_activity(store::Sql& sql, Actor const& actor, BoardId id,
                                    std::int64_t before, std::size_t limit) {
    auto access = require_read(sql, actor, id);
    if (!access) return fail(access.error());
    ActivityPage page;
    page.entries = activity::board_page(sql, id, before, limit + 1);
    if (page.entries.size() > limit) {
        page.entries.resize(limit);
        page.next_before = page.entries.back().id.value;
    }
    return page;
}

// --- JSON ----------------------------------------------------------------------------------------

bj::object to_json(Board const& b, bool with_my_role) {
    bj::object out;
    if (with_my_role) out["my_role"] = board_role_name(b.my_role);
    bj::object fields{
        {"id", b.id.value},
        {"space_id", b.space ? bj::value(b.space->value) : bj::value(nullptr)},
        {"name", b.name},
        {"description", b.description},
        {"visibility", visibility_name(b.visibility)},
        {"default_role", board_role_name(b.default_role)},
        {"comments_enabled", b.comments_enabled},
        {"group_ids", id_array(b.groups)},
        {"created_by", b.created_by ? bj::value(b.created_by->value) : bj::value(nullptr)},
        {"created_at", iso8601(b.created_at)},
        {"updated_at", iso8601(b.updated_at)},
        {"archived", b.archived_at.has_value()},
        {"archived_at", json::time_or_null(b.archived_at)},
        {"version", b.version},
    };
    for (auto& field : fields) out.emplace(field.key(), std::move(field.value()));
    return out;
}

bj::object to_json(BoardSummary const& b) {
    return bj::object{
        {"id", b.id.value},
        {"space_id", b.space ? bj::value(b.space->value) : bj::value(nullptr)},
        {"name", b.name},
        {"description", b.description},
        {"visibility", visibility_name(b.visibility)},
        {"my_role", board_role_name(b.my_role)},
        {"archived", b.archived},
        {"card_count", b.card_count},
    };
}

bj::object to_json(BoardListing const& listing) {
    bj::array spaces;
    for (auto const& s : listing.spaces) {
        bj::array boards;
        for (auto const& b : s.boards) boards.push_back(to_json(b));
        spaces.push_back(bj::object{{"space", to_json(s.space)}, {"boards", std::move(boards)}});
    }
    bj::array without;
    for (auto const& b : listing.without_space) without.push_back(to_json(b));
    return bj::object{{"spaces", std::move(spaces)}, {"boards_without_space", std::move(without)}};
}

bj::object to_json(BoardMember const& m) {
    return bj::object{
        {"id", m.id.value}, {"display_name", m.display_name}, {"role", board_role_name(m.role)}};
}

}  // namespace village::boards
