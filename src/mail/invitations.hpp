// Invitations: an admin invites one person, or pastes a list; each gets a mail with a link
// valid 14 days. Accepting asks only for a name, a grade and interests — no password — then
// creates the member (through the accounts service, so everything that follows a new member
// happens), adds them to their groups and signs them in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/model.hpp"
#include "accounts/sessions.hpp"
#include "core/actor.hpp"
#include "core/result.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace village::mail::invitations {

inline constexpr Millis kLifetimeMs = 14LL * 24 * 60 * 60 * 1000;
inline constexpr std::size_t kMaxLinesPerPaste = 500;

struct NewInvitation {
    std::string email;
    std::string display_name;
    Role role = Role::trainee;
    std::optional<std::string> grade;
    std::optional<std::string> site;
    std::vector<GroupId> groups;
};

struct Invitation {
    std::int64_t id = 0;
    std::string email;
    std::string display_name;
    Role role = Role::trainee;
    std::optional<std::string> grade;
    std::optional<std::string> site;
    std::vector<GroupId> groups;
    std::optional<MemberId> invited_by;
    std::string invited_by_name;
    Millis created_at = 0;
    Millis expires_at = 0;
    std::optional<Millis> accepted_at;
    std::optional<MemberId> member;
};

// One line of a pasted list that could not be invited.
struct LineError {
    std::size_t line = 0;  // 1-based
    std::string email;     // as written, when there was one
    Error error;
};

struct PasteResult {
    std::vector<Invitation> invited;
    std::vector<LineError> errors;
};

// What the invitee fills in; absent fields keep what the admin wrote.
struct Acceptance {
    std::string token;
    std::optional<std::string> display_name;
    json::Patch<std::string> grade;
    std::vector<std::string> interests;
};

// What the accept page shows before the invitee answers (no sign-in needed: the token is the
// proof). 404 for a token that is unknown, used or expired.
struct Preview {
    std::string email;
    std::string display_name;
    std::optional<std::string> grade;
    Millis expires_at = 0;
};

// Admins only (401 anonymous, 403 others). 409 on "email" when a member has it already.
[[nodiscard]] Result<Invitation> invite(store::Db& db, Sender const& sender, Actor const& actor,
                                        NewInvitation in, Millis now = now_ms());

// Lines "email, name, role, grade, site, groups" (role empty: trainee; groups by name,
// separated by ';'; fields may be "quoted"). Blank lines, '#' comments and a header line
// starting with "email" are skipped. Every good line is invited in one transaction; each bad
// one is reported with its line number and leaves the others alone.
[[nodiscard]] Result<PasteResult> invite_pasted(store::Db& db, Sender const& sender,
                                                Actor const& actor, std::string const& text,
                                                Millis now = now_ms());

// Newest first; admins only.
[[nodiscard]] Result<std::vector<Invitation>> list(store::Db& db, Actor const& actor,
                                                   std::int64_t before, std::size_t limit);

[[nodiscard]] Result<Preview> preview(store::Db& db, std::string const& token,
                                      Millis now = now_ms());

// Creates the member, signed in. 403 on "token" for a token unknown, used or expired; 409 on
// "email" when a member took the address meanwhile; 400 for a bad name, grade or interests.
[[nodiscard]] Result<accounts::sessions::SignedIn> accept(store::Db& db, Acceptance const& in,
                                                          accounts::sessions::Client const& client,
                                                          Millis session_lifetime_ms,
                                                          Millis now = now_ms());

}  // namespace village::mail::invitations
