// Strong id types, so a card id cannot be passed where a board id is meant.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace village {

template <class Tag>
struct Id {
    std::int64_t value = 0;
    constexpr explicit operator bool() const { return value != 0; }
    constexpr auto operator<=>(Id const&) const = default;
};

using MemberId = Id<struct MemberTag>;
using GroupId = Id<struct GroupTag>;
using SpaceId = Id<struct SpaceTag>;
using BoardId = Id<struct BoardTag>;
using ListId = Id<struct ListTag>;
using CardId = Id<struct CardTag>;
using CommentId = Id<struct CommentTag>;
using LabelId = Id<struct LabelTag>;
using ChecklistId = Id<struct ChecklistTag>;
using ChecklistItemId = Id<struct ChecklistItemTag>;
using ActivityId = Id<struct ActivityTag>;
using SessionId = Id<struct SessionTag>;
using TokenId = Id<struct TokenTag>;

}  // namespace village

template <class Tag>
struct std::hash<village::Id<Tag>> {
    std::size_t operator()(village::Id<Tag> id) const noexcept {
        return std::hash<std::int64_t>{}(id.value);
    }
};
