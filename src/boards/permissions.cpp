// Board roles from visibility, default role, groups and explicit roles; see permissions.hpp.
#include "boards/permissions.hpp"

#include "boards/permissions_sql.hpp"

namespace village::boards {

std::string_view visibility_name(Visibility v) {
    switch (v) {
        case Visibility::public_:
            return "public";
        case Visibility::community:
            return "community";
        case Visibility::groups:
            return "groups";
        case Visibility::private_:
            return "private";
    }
    return "private";
}

std::optional<Visibility> parse_visibility(std::string_view text) {
    for (auto v :
         {Visibility::public_, Visibility::community, Visibility::groups, Visibility::private_}) {
        if (visibility_name(v) == text) return v;
    }
    return std::nullopt;
}

std::string_view board_role_name(BoardRole role) {
    switch (role) {
        case BoardRole::none:
            return "none";
        case BoardRole::reader:
            return "reader";
        case BoardRole::viewer:
            return "viewer";
        case BoardRole::member:
            return "member";
        case BoardRole::editor:
            return "editor";
        case BoardRole::admin:
            return "admin";
    }
    return "none";
}

std::optional<BoardRole> parse_board_role(std::string_view text) {
    for (auto r : {BoardRole::viewer, BoardRole::member, BoardRole::editor, BoardRole::admin}) {
        if (board_role_name(r) == text) return r;
    }
    return std::nullopt;
}

BoardRole decide_role(Actor const& actor, AccessFacts const& facts) {
    if (!actor.signed_in()) {
        return facts.visibility == Visibility::public_ ? BoardRole::reader : BoardRole::none;
    }
    if (actor.role == Role::admin) return BoardRole::admin;
    if (facts.explicit_role) return *facts.explicit_role;
    bool const guest = actor.role == Role::guest;
    switch (facts.visibility) {
        case Visibility::public_:
            return guest ? BoardRole::viewer : facts.default_role;
        case Visibility::community:
            return guest ? BoardRole::none : facts.default_role;
        case Visibility::groups:
            return facts.in_board_group ? facts.default_role : BoardRole::none;
        case Visibility::private_:
            return BoardRole::none;
    }
    return BoardRole::none;
}

std::optional<BoardAccess> load_access(store::Sql& sql, Actor const& actor, BoardId board) {
    auto row = sql.query_one(sql::access_facts, board, actor.id);
    if (!row) return std::nullopt;
    AccessFacts facts;
    facts.visibility = parse_visibility(row->text(0)).value_or(Visibility::private_);
    facts.default_role = parse_board_role(row->text(1)).value_or(BoardRole::viewer);
    if (auto role = row->opt_text(4)) facts.explicit_role = parse_board_role(*role);
    facts.in_board_group = row->flag(5);
    BoardAccess access{
        board, decide_role(actor, facts), row->flag(2), !row->is_null(3), row->i64(6), row->i64(7)};
    if (!can_read(access)) return std::nullopt;
    return access;
}

Result<BoardAccess> require_read(store::Sql& sql, Actor const& actor, BoardId board,
                                 std::string_view not_found) {
    auto access = load_access(sql, actor, board);
    if (!access) return fail(Errc::not_found, std::string(not_found));
    return *access;
}

Result<BoardAccess> require_write(store::Sql& sql, Actor const& actor, BoardId board,
                                  Allowed allowed, std::string_view not_found,
                                  bool even_if_archived) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto access = load_access(sql, actor, board);
    if (!access) return fail(Errc::not_found, std::string(not_found));
    if (!allowed(*access)) {
        return fail(Errc::forbidden, "Your role on this board does not allow that");
    }
    if (access->archived && !even_if_archived) {
        return fail(Errc::unprocessable, "This board is archived; restore it first");
    }
    return *access;
}

}  // namespace village::boards
