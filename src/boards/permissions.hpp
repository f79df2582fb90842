// Who may do what on a board: decided here, once, for every service that touches a board.
//
// Rules (DESIGN.md): community admins may do everything everywhere. Anonymous visitors may only
// read public boards. A guest sees only boards shared with them (explicit role, or a group of a
// `groups` board) and public boards. On a `community` board every non-guest member holds the
// board's default role; on a `groups` board the members of its groups do; explicit board roles
// override the default. A board one may not see answers exactly like one that does not exist.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "store/sql.hpp"

namespace village::boards {

enum class Visibility { public_, community, groups, private_ };
// Ordered: each role may do everything the ones below it may.
enum class BoardRole { none, reader, viewer, member, editor, admin };

[[nodiscard]] std::string_view visibility_name(Visibility v);
[[nodiscard]] std::optional<Visibility> parse_visibility(std::string_view text);
[[nodiscard]] std::string_view board_role_name(BoardRole role);  // "reader" for anonymous
[[nodiscard]] std::optional<BoardRole> parse_board_role(std::string_view text);  // the four roles

// What the actor holds on one board.
struct BoardAccess {
    BoardId board;
    BoardRole role = BoardRole::none;
    bool comments_enabled = true;
    bool archived = false;
    std::int64_t version = 0;     // the board's version when access was loaded (ETag, cache)
    std::int64_t created_at = 0;  // with the id, tells a board from a later one given its id
};

// The facts about a board and an actor that decide the role; loaded by load_access.
struct AccessFacts {
    Visibility visibility = Visibility::private_;
    BoardRole default_role = BoardRole::member;
    std::optional<BoardRole> explicit_role;  // from board_members
    bool in_board_group = false;             // actor belongs to one of the board's groups
};

// The pure rule, unit-tested for every role.
[[nodiscard]] BoardRole decide_role(Actor const& actor, AccessFacts const& facts);

// Loads the board and decides; nullopt when it does not exist or the actor may not see it.
[[nodiscard]] std::optional<BoardAccess> load_access(store::Sql& sql, Actor const& actor,
                                                     BoardId board);

// The checks every board service makes, in the order the API promises. `not_found` is the
// message of the 404, so that a board (or list, card) one may not see reads exactly like one
// that does not exist.
//   require_read:  404 when absent or not visible.
//   require_write: 401 when anonymous, 404 when absent or not visible, 403 when `allowed` says
//                  no, 422 when the board is archived (unless `even_if_archived`).
using Allowed = bool (*)(BoardAccess const&);
[[nodiscard]] Result<BoardAccess> require_read(store::Sql& sql, Actor const& actor, BoardId board,
                                               std::string_view not_found = "Board not found");
[[nodiscard]] Result<BoardAccess> require_write(store::Sql& sql, Actor const& actor, BoardId board,
                                                Allowed allowed,
                                                std::string_view not_found = "Board not found",
                                                bool even_if_archived = false);

// What each role may do. Writes on an archived board are refused by the services.
[[nodiscard]] inline bool can_read(BoardAccess const& a) {
    return a.role >= BoardRole::reader;
}
[[nodiscard]] inline bool can_react(BoardAccess const& a) {
    return a.role >= BoardRole::viewer;
}
[[nodiscard]] inline bool can_comment(BoardAccess const& a) {
    return a.role >= BoardRole::admin || (a.role >= BoardRole::viewer && a.comments_enabled);
}
[[nodiscard]] inline bool can_add_cards(BoardAccess const& a) {
    return a.role >= BoardRole::member;
}
[[nodiscard]] inline bool can_edit_card(BoardAccess const& a, Actor const& actor,
                                        std::optional<MemberId> author) {
    return a.role >= BoardRole::editor ||
           (a.role == BoardRole::member && author && *author == actor.id);
}
[[nodiscard]] inline bool can_edit_lists(BoardAccess const& a) {
    return a.role >= BoardRole::editor;
}
[[nodiscard]] inline bool can_moderate(BoardAccess const& a) {
    return a.role >= BoardRole::admin;
}
[[nodiscard]] inline bool can_manage_board(BoardAccess const& a) {
    return a.role >= BoardRole::admin;
}

// Community-wide rules that do not depend on a board.
[[nodiscard]] inline bool can_create_boards(Actor const& actor) {
    return actor.signed_in() && actor.role != Role::guest;
}
[[nodiscard]] inline bool can_manage_spaces(Actor const& actor) {
    return actor.is_admin();
}

}  // namespace village::boards
