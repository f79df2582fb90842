// Members: creating, reading, listing and changing accounts. Every rule lives here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/model.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::accounts::members {

// --- rules -------------------------------------------------------------------------------------

// Checks a new member and returns it normalised: texts trimmed, email trimmed (its key is the
// lower-cased form), grade and site empty → none. A password, if any, obeys the password rules.
[[nodiscard]] Result<NewMember> validated(NewMember in);
// The checks of one profile text (display name, grade, site) and the interests list.
[[nodiscard]] Result<std::string> checked_name(std::string const& name, std::string_view field);
[[nodiscard]] Result<std::optional<std::string>> checked_short_text(
    std::optional<std::string> const& text, std::string_view field);
[[nodiscard]] Result<std::vector<std::string>> checked_interests(std::vector<std::string> in);

// --- reads -------------------------------------------------------------------------------------

[[nodiscard]] std::optional<Member> find(store::Sql& sql, MemberId id);
// `email` in any case; nullopt when nobody has it.
[[nodiscard]] std::optional<Member> find_by_email(store::Sql& sql, std::string_view email);

// The signed-in member's own record (401 when anonymous).
[[nodiscard]] Result<Member> me(store::Db& db, Actor const& actor);
// One member as `actor` may see them: 404 for a deactivated member unless `actor` is an admin.
[[nodiscard]] Result<Member> get(store::Db& db, Actor const& actor, MemberId id);
// Newest first; deactivated members only for admins.
[[nodiscard]] Result<Page<Member>> list(store::Db& db, Actor const& actor, MemberQuery const& q);
// Everyone, for the command line.
[[nodiscard]] std::vector<Member> list_all(store::Db& db);

// --- writes ------------------------------------------------------------------------------------

// POST /members: an admin creates a member. 409 on "email" when the address is taken in any case.
[[nodiscard]] Result<Member> create(store::Db& db, Actor const& actor, NewMember in);
// The server's operator, at its command line, may create anyone (the activity has no actor).
[[nodiscard]] Result<Member> create_as_operator(store::Db& db, NewMember in);
// For tests and importers that already hold an argon2id hash: no permission check, no hashing.
[[nodiscard]] Result<Member> create_with_password_hash(store::Db& db, NewMember in,
                                                       std::string const& password_hash);
// Inserts an already validated member with its activity row, inside `tx`. On a taken email it
// returns the 409 and the caller must abandon `tx`.
[[nodiscard]] Result<Member> insert(store::Tx& tx, Actor const& recorded_as, NewMember const& valid,
                                    std::optional<std::string> const& password_hash);

// PATCH /me. A new password needs the current one (checked against the sign-in rate limit);
// changing it signs out every other session of the member (`keep` stays signed in).
[[nodiscard]] Throttled<Member> update_profile(store::Db& db, Actor const& actor,
                                               ProfilePatch patch, SessionId keep,
                                               std::string_view address, Millis now = now_ms());

// PATCH /members/{id} by an admin. The community always keeps one active admin; deactivating
// a member ends their sessions and tokens.
[[nodiscard]] Result<Member> update_by_admin(store::Db& db, Actor const& actor, MemberId id,
                                             AdminMemberPatch patch);

// The command line's `user set-role` and `user set-password`.
[[nodiscard]] Result<Member> set_role_as_operator(store::Db& db, std::string_view email, Role role);
[[nodiscard]] Result<Member> set_password_as_operator(store::Db& db, std::string_view email,
                                                      std::string const& password);

}  // namespace village::accounts::members
