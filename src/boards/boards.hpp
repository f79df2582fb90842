// Boards: the listing of the boards one may see, creating, changing, archiving and deleting a
// board, and who holds which role on it. The board read itself is in board_view.hpp.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "activity/activity.hpp"
#include "boards/permissions.hpp"
#include "boards/spaces.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::size_t kMaxBoardDescriptionChars = 5000;

struct Board {
    BoardId id;
    std::optional<SpaceId> space;
    std::string name;
    std::string description;
    Visibility visibility = Visibility::private_;
    BoardRole default_role = BoardRole::member;
    bool comments_enabled = true;
    std::optional<MemberId> created_by;
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> archived_at;
    std::int64_t version = 0;
    std::vector<GroupId> groups;
    BoardRole my_role = BoardRole::none;  // of whoever asked, when a service knows it
};

// One line of the listing.
struct BoardSummary {
    BoardId id;
    std::optional<SpaceId> space;
    std::string name;
    std::string description;
    Visibility visibility = Visibility::private_;
    BoardRole my_role = BoardRole::none;
    bool archived = false;
    std::int64_t card_count = 0;  // open cards in open lists
};

struct SpaceWithBoards {
    Space space;
    std::vector<BoardSummary> boards;
};

struct BoardListing {
    std::vector<SpaceWithBoards> spaces;
    std::vector<BoardSummary> without_space;
};

struct NewBoard {
    std::string name;
    std::string description;
    std::optional<SpaceId> space;
    std::optional<Visibility> visibility;  // community in a space, private otherwise
    BoardRole default_role = BoardRole::member;
    bool comments_enabled = true;
    std::vector<GroupId> groups;
};

struct BoardPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    json::Patch<std::int64_t> space;  // null takes the board out of its space
    std::optional<Visibility> visibility;
    std::optional<BoardRole> default_role;
    std::optional<bool> comments_enabled;
    std::optional<std::vector<GroupId>> groups;  // replaces the set
    std::optional<bool> archived;                // true archives, false restores
};

struct BoardMember {
    MemberId id;
    std::string display_name;
    BoardRole role = BoardRole::viewer;
};

[[nodiscard]] Result<NewBoard> parse_new_board(std::string_view body);
[[nodiscard]] Result<BoardPatch> parse_board_patch(std::string_view body);
// {"role": "viewer"|"member"|"editor"|"admin"}
[[nodiscard]] Result<BoardRole> parse_member_role(std::string_view body);

// The boards the actor may see, grouped by the spaces the actor may see.
[[nodiscard]] BoardListing list_boards(store::Sql& sql, Actor const& actor);
// Any signed-in non-guest; the creator becomes the board's admin.
[[nodiscard]] Result<Board> create_board(store::Db& db, Actor const& actor, NewBoard const& in);
// The board's settings, for those who may read it.
[[nodiscard]] Result<Board> get_board(store::Sql& sql, Actor const& actor, BoardId id);
// Board admins. On an archived board only a patch that restores it is accepted.
[[nodiscard]] Result<Board> update_board(store::Db& db, Actor const& actor, BoardId id,
                                         BoardPatch const& in);
// Board admins; deletes the board and everything on it, archived or not.
[[nodiscard]] Result<void> delete_board(store::Db& db, Actor const& actor, BoardId id);

// Explicit board roles. Reading them takes read access; changing them takes board admin, and
// a board always keeps at least one admin.
[[nodiscard]] Result<std::vector<BoardMember>> list_board_members(store::Sql& sql,
                                                                  Actor const& actor, BoardId id);
[[nodiscard]] Result<BoardMember> set_board_member(store::Db& db, Actor const& actor, BoardId id,
                                                   MemberId member, BoardRole role);
[[nodiscard]] Result<void> remove_board_member(store::Db& db, Actor const& actor, BoardId id,
                                               MemberId member);

// A page of the board's activity, newest first, for those who may read the board.
struct ActivityPage {
    std::vector<activity::Entry> entries;
    std::optional<std::int64_t> next_before;
};
[[nodiscard]] Result<ActivityPage> board_activity(store::Sql& sql, Actor const& actor, BoardId id,
                                                  std::int64_t before, std::size_t limit);

// The board's settings as stored, with no permission check: for services that have checked.
[[nodiscard]] std::optional<Board> load_board(store::Sql& sql, BoardId id);

// The settings; my_role comes first, or is left out for the board read's shared snapshot.
[[nodiscard]] boost::json::object to_json(Board const& board, bool with_my_role = true);
[[nodiscard]] boost::json::object to_json(BoardSummary const& board);
[[nodiscard]] boost::json::object to_json(BoardListing const& listing);
[[nodiscard]] boost::json::object to_json(BoardMember const& member);

}  // namespace village::boards
