// Who may do what with accounts and groups: decided here, once, for every accounts service.
//
// Anonymous visitors may only sign in (and, on an empty community, set up the first admin).
// Every member may read and edit their own profile and tokens. Non-guests may read the member
// directory and the groups (for mentions, assignees and board access). Only community admins
// create and change members and groups, and only they see other members' emails.
#pragma once

#include "core/actor.hpp"
#include "core/result.hpp"

namespace village::accounts {

// How much of a member another member may see.
enum class MemberView {
    directory,  // id, name, role, grade, site, interests
    full,       // everything: email, status, times (oneself, or an admin)
};

[[nodiscard]] inline bool can_read_directory(Actor const& actor) {
    return actor.signed_in() && actor.role != Role::guest;
}
[[nodiscard]] inline bool can_manage_members(Actor const& actor) {
    return actor.is_admin();
}
[[nodiscard]] inline bool can_read_groups(Actor const& actor) {
    return can_read_directory(actor);
}
[[nodiscard]] inline bool can_manage_groups(Actor const& actor) {
    return actor.is_admin();
}
// Deactivated members are hidden from everyone but admins.
[[nodiscard]] inline bool can_see_deactivated(Actor const& actor) {
    return actor.is_admin();
}

[[nodiscard]] MemberView view_of(Actor const& actor, MemberId member);

// 401 for anonymous visitors, then 403 when the rule says no.
[[nodiscard]] Result<void> require_signed_in(Actor const& actor);
[[nodiscard]] Result<void> require_directory(Actor const& actor);
[[nodiscard]] Result<void> require_admin(Actor const& actor);

}  // namespace village::accounts
