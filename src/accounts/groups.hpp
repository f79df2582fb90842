// Groups: named sets of members ("ST1–3", "Trainers", "Neonatal interest"), used for board
// access and audiences. Non-guests read them; community admins write them.
#pragma once

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
[[nodiscard]] Result<void> remove_member(store::Db& db, Actor const& actor, GroupId id,
                                         MemberId member);

}  // namespace village::accounts::groups
