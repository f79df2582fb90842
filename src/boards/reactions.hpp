// Reactions: an emoji from a member on a card or a comment. Anyone with at least the viewer role
// may react (boards::can_react); reacting twice with the same emoji changes nothing.
#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::boards {

// One emoji on one card or comment: how many chose it, and whether the reader did.
struct ReactionCount {
    std::string emoji;
    std::int64_t count = 0;
    bool mine = false;
};

using Reactions = std::vector<ReactionCount>;  // in the order the emoji were first used

// Non-empty, at most 32 characters, valid UTF-8, no whitespace, control characters or '/'
// (it travels in a URL path); a 400 on `field` otherwise.
[[nodiscard]] Result<std::string> check_emoji(std::string_view emoji, std::string_view field);
// {"emoji": "…"}
[[nodiscard]] Result<std::string> parse_reaction(std::string_view body);

[[nodiscard]] Reactions card_reactions(store::Sql& sql, CardId card, MemberId reader);
// The reactions of the card's comments with ids in [first, last], by comment.
[[nodiscard]] std::map<std::int64_t, Reactions> comment_reactions(store::Sql& sql, CardId card,
                                                                  std::int64_t first,
                                                                  std::int64_t last,
                                                                  MemberId reader);

struct Reacted {
    bool added = false;  // false when the reaction was already there
    Reactions reactions;
};

[[nodiscard]] Result<Reacted> react_to_card(store::Db& db, Actor const& actor, CardId card,
                                            std::string const& emoji);
[[nodiscard]] Result<Reactions> unreact_to_card(store::Db& db, Actor const& actor, CardId card,
                                                std::string const& emoji);
[[nodiscard]] Result<Reacted> react_to_comment(store::Db& db, Actor const& actor, CommentId comment,
                                               std::string const& emoji);
[[nodiscard]] Result<Reactions> unreact_to_comment(store::Db& db, Actor const& actor,
                                                   CommentId comment, std::string const& emoji);

[[nodiscard]] boost::json::array to_json(Reactions const& reactions);

}  // namespace village::boards
