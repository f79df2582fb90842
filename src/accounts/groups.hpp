// Groups: named sets of members ("ST1–3", "Trainers", "Neonatal interest"), used for board
// access and audiences. Non-guests read them; community admins write them.
#pragma once

#include <optional>
#include <string_view>

#include "accounts/model.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::accounts::groups {

// Names are unique case-insensitively: a clash is a 409 on "name".
[[nodiscard]] Result<NewGroup> validated(NewGroup in);

[[nodiscard]] Result<Page<Group>> list(store::Db& db, Actor const& actor, PageRequest page);
[[nodiscard]] Result<GroupDetail> get(store::Db& db, Actor const& actor, GroupId id);
[[nodiscard]] Result<GroupDetail> create(store::Db& db, Actor const& actor, NewGroup in);
[[nodiscard]] Result<GroupDetail> update(store::Db& db, Actor const& actor, GroupId id,
                                         GroupPatch patch);
[[nodiscard]] Result<void> remove(store::Db& db, Actor const& actor, GroupId id);
// Adding a member twice, or removing one who is not in the group, changes nothing.
[[nodiscard]] Result<void> add_member(store::Db& db, Actor const& actor, GroupId id,
                                      MemberId member);
// Inside a caller's transaction (e.g. accepting an invitation): the group by its name in any
// case, and adding a member to it with its activity row. No permission check: the caller has
// decided.
[[nodiscard]] std::optional<GroupId> find_by_name(store::Sql& db, std::string_view name);
[[nodiscard]] bool exists(store::Sql& db, GroupId id);
void join(store::Tx& tx, Actor const& recorded_as, GroupId id, MemberId member);
[[nodiscard]] Result<void> remove_member(store::Db& db, Actor const& actor, GroupId id,
                                         MemberId member);

}  // namespace village::accounts::groups
