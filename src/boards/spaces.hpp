// Spaces: named folders of boards with a theme. Anyone may list the ones they may see; only
// community admins create, rename, reorder and delete them.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boards/position.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::size_t kMaxSpaceDescriptionChars = 2000;

struct Space {
    SpaceId id;
    std::string name;
    std::string description;
    std::string position;
    Millis created_at = 0;
};

struct NewSpace {
    std::string name;
    std::string description;
    std::optional<Anchor> anchor;  // before_id / after_id; at the end when absent
};

struct SpacePatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<Anchor> anchor;
};

// Request bodies: 400/413 naming the field on any mistake.
[[nodiscard]] Result<NewSpace> parse_new_space(std::string_view body);
[[nodiscard]] Result<SpacePatch> parse_space_patch(std::string_view body);
// before_id / after_id of a move; both at once is a 400.
[[nodiscard]] Result<std::optional<Anchor>> parse_anchor(json::bj::object const& in);

// The spaces the actor may see (every space for signed-in non-guests), in order.
[[nodiscard]] std::vector<Space> visible_spaces(store::Sql& sql, Actor const& actor);
[[nodiscard]] Result<Space> create_space(store::Db& db, Actor const& actor, NewSpace const& in);
[[nodiscard]] Result<Space> update_space(store::Db& db, Actor const& actor, SpaceId id,
                                         SpacePatch const& in);
// Its boards stay, without a space.
[[nodiscard]] Result<void> delete_space(store::Db& db, Actor const& actor, SpaceId id);

[[nodiscard]] boost::json::object to_json(Space const& space);

}  // namespace village::boards
