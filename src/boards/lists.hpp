// Lists: the ordered columns of a board. Editors and up add, rename, move, archive and restore
// them; board admins delete them (with their cards).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "boards/position.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace village::boards {

struct List {
    ListId id;
    BoardId board;
    std::string name;
    std::string position;
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> archived_at;
};

struct NewList {
    std::string name;
    std::optional<Anchor> anchor;  // before_id / after_id; at the end when absent
};

struct ListPatch {
    std::optional<std::string> name;
    std::optional<bool> archived;  // true archives, false restores
    std::optional<Anchor> anchor;  // moves it
};

[[nodiscard]] Result<NewList> parse_new_list(std::string_view body);
[[nodiscard]] Result<ListPatch> parse_list_patch(std::string_view body);

[[nodiscard]] Result<List> create_list(store::Db& db, Actor const& actor, BoardId board,
                                       NewList const& in);
[[nodiscard]] Result<List> update_list(store::Db& db, Actor const& actor, ListId id,
                                       ListPatch const& in);
[[nodiscard]] Result<void> delete_list(store::Db& db, Actor const& actor, ListId id);

[[nodiscard]] boost::json::object to_json(List const& list);

}  // namespace village::boards
