// Mentions: `@[Display Name](member:42)` in a card body or comment names member 42. The web app's
// autocomplete inserts that form (GET /boards/{id}/mentionable suggests who may be mentioned);
// the id decides, the name is only what readers see. A mention notifies the member only if they
// may see the card, so a private card never leaks through a mention.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::notifications {

// Mentions read from one text; more than this many are ignored (bounds the work per write).
inline constexpr std::size_t kMaxMentionsPerText = 50;
inline constexpr std::size_t kMaxMentionQueryChars = 100;
inline constexpr std::size_t kDefaultMentionable = 10;
inline constexpr std::size_t kMaxMentionable = 50;

// The member ids mentioned in `markdown`, each once, in order of first mention.
[[nodiscard]] std::vector<MemberId> mentioned_members(std::string_view markdown);

struct Mentionable {
    MemberId id;
    std::string display_name;
    std::string mention;  // what to insert: "@[Name](member:42)"
};

// GET /boards/{id}/mentionable?q=: active members whose name contains `query` and who may see
// the board, by name. 401 anonymous; 404 when the actor may not see the board; 400 for a query
// over kMaxMentionQueryChars.
[[nodiscard]] Result<std::vector<Mentionable>> mentionable(store::Db& db, Actor const& actor,
                                                           BoardId board, std::string_view query,
                                                           std::size_t limit);

[[nodiscard]] boost::json::object to_json(Mentionable const& m);

}  // namespace village::notifications
