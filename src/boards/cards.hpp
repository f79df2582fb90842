// Cards: the unit of content on a board. Board members and up add cards; editors edit any card,
// members their own (boards::can_edit_card). A card on a board one may not see reads exactly like
// one that does not exist. The full card read (labels, checklists, comments, …) is card_view.hpp.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boards/permissions.hpp"
#include "boards/position.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::string_view kCardNotFound = "Card not found";
inline constexpr std::size_t kMaxCoverUrlChars = 2048;

// A member as others see them on a card or comment.
struct Person {
    MemberId id;
    std::string display_name;
};

struct Card {
    CardId id;
    BoardId board;
    ListId list;
    std::string title;
    std::string body_md;
    std::string body_html;
    std::string position;
    std::optional<Millis> start_at;
    std::optional<Millis> due_at;
    bool due_complete = false;
    std::optional<std::string> location;
    std::optional<std::string> cover_url;
    bool pinned = false;
    std::optional<Person> author;  // absent once the author's account is gone
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> archived_at;

    [[nodiscard]] std::optional<MemberId> author_id() const {
        if (!author) return std::nullopt;
        return author->id;
    }
};

// A card with what the actor holds on its board: what comments, reactions and checklists start
// from.
struct CardContext {
    Card card;
    BoardAccess access;
};

// 404 "Card not found" when the card is absent or its board is not visible to the actor.
[[nodiscard]] Result<CardContext> card_for_read(store::Sql& sql, Actor const& actor, CardId id);
// For a write: 401 when anonymous, 404 as above, 403 when `allowed` says no, 422 when the board
// is archived.
using CardAllowed = bool (*)(CardContext const&, Actor const&);
[[nodiscard]] Result<CardContext> card_for_write(store::Sql& sql, Actor const& actor, CardId id,
                                                 CardAllowed allowed);
// The rules as CardAllowed predicates.
[[nodiscard]] bool may_edit_card(CardContext const& c, Actor const& actor);
[[nodiscard]] bool may_comment(CardContext const& c, Actor const& actor);
[[nodiscard]] bool may_react(CardContext const& c, Actor const& actor);
// Ticking checklist items: whoever may edit the card, and its assignees.
[[nodiscard]] bool may_check_items(store::Sql& sql, CardContext const& c, Actor const& actor);

// The card ordering within a list (archived cards included, so a restored card comes back where
// it was).
[[nodiscard]] Ordering const& card_ordering();

struct NewCard {
    std::string title;
    std::string body;  // markdown
    std::optional<Anchor> anchor;
    std::optional<std::vector<std::int64_t>> label_ids;
    std::optional<Millis> start_at;
    std::optional<Millis> due_at;
    std::optional<std::string> location;
    std::optional<std::vector<std::int64_t>> assignee_ids;
    bool pinned = false;
};

// Every field optional; json::Patch fields distinguish "absent" from null (clear).
struct CardPatch {
    std::optional<std::string> title;
    std::optional<std::string> body;  // null clears to ""
    json::Patch<Millis> start_at;
    json::Patch<Millis> due_at;
    std::optional<bool> due_complete;
    json::Patch<std::string> location;
    json::Patch<std::string> cover_url;
    std::optional<bool> pinned;
    std::optional<bool> archived;  // true archives, false restores in place
    std::optional<ListId> list;    // move to this list (maybe on another board)
    std::optional<Anchor> anchor;  // before_id / after_id in the target list
    std::optional<std::vector<std::int64_t>> label_ids;
    std::optional<std::vector<std::int64_t>> assignee_ids;
};

// Request bodies: 400 (413 for oversize fields) naming the field on any mistake.
[[nodiscard]] Result<NewCard> parse_new_card(std::string_view body);
[[nodiscard]] Result<CardPatch> parse_card_patch(std::string_view body);

// Load a card row; nullopt when there is none. No permission check: callers check.
[[nodiscard]] std::optional<Card> find_card(store::Sql& sql, CardId id);

// POST /lists/{id}/cards: board members and up; at the end of the list unless anchored.
[[nodiscard]] Result<Card> create_card(store::Db& db, Actor const& actor, ListId list,
                                       NewCard const& in);
// PATCH /cards/{id}: edits, moves (within the list, to another list or board), archives.
[[nodiscard]] Result<Card> update_card(store::Db& db, Actor const& actor, CardId id,
                                       CardPatch const& in);
// DELETE /cards/{id}: editors and up, or its author who is a board member.
[[nodiscard]] Result<void> delete_card(store::Db& db, Actor const& actor, CardId id);

[[nodiscard]] boost::json::object to_json(Person const& person);

}  // namespace village::boards
