// Writing an import's BoardData as one new board, inside the caller's transaction: the board
// with its creator as admin, labels, lists, cards, checklists, comments, attachments and
// assignees, and one "board.imported" activity. Text is fitted to Village's limits (what is
// shortened or left out is noted in the report); markdown is rendered as every write does.
#pragma once

#include <optional>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "importers/model.hpp"
#include "store/database.hpp"

namespace village::importers {

// Returns the report with the board's id and every count filled in. `report` comes in with what
// reading the source noted. Throws store::DbError (and the transaction rolls back) on a database
// failure; input never fails here, it is fitted or noted.
[[nodiscard]] Report write_board(store::Tx& tx, Actor const& actor, BoardData const& data,
                                 std::optional<SpaceId> space, Report report);

// The person a reference names: a Village member (matched by email, then by username as the
// part of an email before the '@'), or nobody.
struct Matched {
    MemberId id;
    std::string display_name;
};
[[nodiscard]] std::optional<Matched> match_member(store::Sql& sql, PersonRef const& person);

}  // namespace village::importers
