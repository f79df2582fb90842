// Checklists on a card, and their items. Whoever may edit the card adds, renames, moves and
// deletes them; ticking an item off is also open to the card's assignees.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boards/position.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::size_t kMaxChecklistsPerCard = 20;
inline constexpr std::size_t kMaxItemsPerChecklist = 200;

struct ChecklistItem {
    ChecklistItemId id;
    ChecklistId checklist;
    std::string text;
    bool done = false;
    std::string position;
};

struct Checklist {
    ChecklistId id;
    CardId card;
    std::string name;
    std::string position;
    std::vector<ChecklistItem> items;
};

struct NewChecklist {
    std::string name;
    std::optional<Anchor> anchor;
};

struct ChecklistPatch {
    std::optional<std::string> name;
    std::optional<Anchor> anchor;
};

struct NewChecklistItem {
    std::string text;
    std::optional<Anchor> anchor;
};

struct ChecklistItemPatch {
    std::optional<std::string> text;
    std::optional<bool> done;
    std::optional<ChecklistId> checklist;  // move to another checklist of the same card
    std::optional<Anchor> anchor;
};

[[nodiscard]] Result<NewChecklist> parse_new_checklist(std::string_view body);
[[nodiscard]] Result<ChecklistPatch> parse_checklist_patch(std::string_view body);
[[nodiscard]] Result<NewChecklistItem> parse_new_checklist_item(std::string_view body);
[[nodiscard]] Result<ChecklistItemPatch> parse_checklist_item_patch(std::string_view body);

// The card's checklists with their items, in order (no permission check).
[[nodiscard]] std::vector<Checklist> card_checklists(store::Sql& sql, CardId card);

[[nodiscard]] Result<Checklist> create_checklist(store::Db& db, Actor const& actor, CardId card,
                                                 NewChecklist const& in);
[[nodiscard]] Result<Checklist> update_checklist(store::Db& db, Actor const& actor, ChecklistId id,
                                                 ChecklistPatch const& in);
[[nodiscard]] Result<void> delete_checklist(store::Db& db, Actor const& actor, ChecklistId id);
[[nodiscard]] Result<ChecklistItem> add_checklist_item(store::Db& db, Actor const& actor,
                                                       ChecklistId checklist,
                                                       NewChecklistItem const& in);
[[nodiscard]] Result<ChecklistItem> update_checklist_item(store::Db& db, Actor const& actor,
                                                          ChecklistItemId id,
                                                          ChecklistItemPatch const& in);
[[nodiscard]] Result<void> delete_checklist_item(store::Db& db, Actor const& actor,
                                                 ChecklistItemId id);

[[nodiscard]] boost::json::object to_json(Checklist const& checklist);
[[nodiscard]] boost::json::object to_json(ChecklistItem const& item);

}  // namespace village::boards
