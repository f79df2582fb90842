// Fractional ordering keys for everything a person can drag into place: lists on a board,
// cards in a list, checklists on a card, items in a checklist.
//
// A key is a base-62 fraction written with the digits 0-9A-Za-z, which are in ASCII order, so
// comparing keys bytewise (SQLite BINARY, PostgreSQL COLLATE "C") orders them as numbers. A key
// never ends in '0', so there is always room for another key before, after or between. Keys grow
// when people keep inserting at the same spot; place() renumbers the whole collection, in the
// caller's transaction, once a key would pass kMaxPositionChars, so keys never grow without end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::size_t kMaxPositionChars = 40;

// True for a non-empty key of base-62 digits that does not end in '0'.
[[nodiscard]] bool valid_position(std::string_view key);

// A key strictly between two valid keys (before < after); either side may be absent (the start
// or the end of the collection). Throws std::invalid_argument when before >= after or a key is
// invalid: callers check first (place() does).
[[nodiscard]] std::string key_between(std::optional<std::string_view> before,
                                      std::optional<std::string_view> after);
// A short key after `last` (the first key when the collection is empty).
[[nodiscard]] std::string key_after_last(std::optional<std::string_view> last);
// A short key before `first`.
[[nodiscard]] std::string key_before_first(std::optional<std::string_view> first);
// `count` increasing keys of equal, minimal length, spread evenly with room at both ends.
[[nodiscard]] std::vector<std::string> evenly_spaced_keys(std::size_t count);

// How one ordered collection is stored: named SQL statements of the module that owns the table.
// Every statement orders by (position, id), so equal keys (two writers racing) still sort.
struct Ordering {
    std::string_view anchor;    // $1 id, $2 parent → position, when the item is in the collection
    std::string_view next;      // $1 parent, $2 position, $3 id, $4 excluded id → next position
    std::string_view previous;  // $1 parent, $2 position, $3 id, $4 excluded id → previous one
    std::string_view last;      // $1 parent, $2 excluded id → the last position
    std::string_view all;       // $1 parent → every id, in order
    std::string_view set;       // $1 id, $2 position
};

enum class Side { before, after };

// "Put it right before / after that item" (request fields before_id / after_id).
struct Anchor {
    std::int64_t id = 0;
    Side side = Side::after;
    [[nodiscard]] std::string field() const {
        return side == Side::before ? "before_id" : "after_id";
    }
};

// The key for an item placed in `parent`'s collection: at the end when there is no anchor, else
// right before or after the anchor. `moving` is the id of an item being moved within or into the
// collection (left out of the neighbours; 0 for a new item). An anchor that is not in the
// collection, or is the moving item itself, is a 422 on its field.
[[nodiscard]] Result<std::string> place(store::Tx& tx, Ordering const& ordering,
                                        std::int64_t parent, std::optional<Anchor> anchor,
                                        std::int64_t moving = 0);

// Gives every item of the collection a fresh, short, evenly spaced key, keeping the order.
void renumber(store::Tx& tx, Ordering const& ordering, std::int64_t parent);

}  // namespace village::boards
