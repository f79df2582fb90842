// Follows: a member follows a space, board or card at `watching`, `normal` or `muted`. The most
// specific follow wins (card over board over space). Defaults are made for members: the spaces
// whose names match their interests (origin `interest`), and the cards they write or comment on
// (origin `author` / `commenter`, watching). A member may follow only what they may see.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "notifications/model.hpp"
#include "store/database.hpp"

namespace village::notifications {

inline constexpr std::string_view kTargetNotFound = "Nothing to follow there";

// PUT /follows/{type}/{id}: 401 anonymous, 404 when the target is absent or not visible.
[[nodiscard]] Result<EffectiveFollow> set_follow(store::Db& db, Actor const& actor, Target target,
                                                 Level level);
// DELETE /follows/{type}/{id}: back to what the board or space says. Idempotent.
[[nodiscard]] Result<EffectiveFollow> clear_follow(store::Db& db, Actor const& actor,
                                                   Target target);
// GET /follows/{type}/{id}: the member's own follow and the level that applies.
[[nodiscard]] Result<EffectiveFollow> follow_state(store::Db& db, Actor const& actor,
                                                   Target target);
// GET /me/follows: what the member follows and may still see; `type` narrows it.
[[nodiscard]] Result<std::vector<Follow>> my_follows(store::Db& db, Actor const& actor,
                                                     std::optional<TargetType> type);

// Where an activity happened, for resolving follows.
struct Place {
    std::optional<SpaceId> space;
    BoardId board;
    std::optional<CardId> card;
};

// The board's space, for a place built from a board.
[[nodiscard]] std::optional<SpaceId> space_of_board(store::Sql& sql, BoardId board);

// Every member with a follow on the place, with the level that wins for them and where it comes
// from (card over board over space).
struct Listener {
    Level level = Level::normal;
    TargetType source = TargetType::space;
};
[[nodiscard]] std::map<MemberId, Listener> listeners(store::Sql& sql, Place const& place);

// --- automatic follows (called from the activity fan-out, inside its transaction) -------------

// Adds a follow unless the member already has one on the target.
void follow_if_absent(store::Tx& tx, MemberId member, Target target, Level level, Origin origin,
                      Millis now);
// Makes the member's interest follows match their interests: follows (at `normal`) the spaces
// whose names equal an interest, case-insensitively, and drops interest follows that no longer
// match. Follows the member chose are never touched.
void sync_interest_follows(store::Tx& tx, MemberId member, Millis now);
// A new space: every active member with a matching interest follows it.
void follow_new_space(store::Tx& tx, SpaceId space, std::string const& name, Millis now);
// A card, board or space is gone: its follows go too.
void drop_target_follows(store::Tx& tx, Target target);

[[nodiscard]] boost::json::object to_json(Follow const& follow);
[[nodiscard]] boost::json::object to_json(EffectiveFollow const& state);

}  // namespace village::notifications
