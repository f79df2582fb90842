// The accounts module's entities (as stored) and request types (what a caller asks for).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace village::accounts {

inline constexpr std::size_t kMaxGroupDescriptionChars = 1000;
inline constexpr std::size_t kMaxTokensPerMember = 50;
inline constexpr Millis kSetupTokenLifetimeMs = 24LL * 60 * 60 * 1000;

// --- entities ---------------------------------------------------------------------------------

struct Member {
    MemberId id;
    std::string email;
    std::string display_name;
    Role role = Role::guest;
    std::optional<std::string> grade;
    std::optional<std::string> site;
    std::vector<std::string> interests;
    bool has_password = false;
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> last_seen_at;
    std::optional<Millis> deactivated_at;

    [[nodiscard]] bool deactivated() const { return deactivated_at.has_value(); }
    [[nodiscard]] Actor actor() const { return Actor{id, role, display_name}; }
};

struct Group {
    GroupId id;
    std::string name;
    std::string description;
    std::int64_t member_count = 0;
    Millis created_at = 0;
};

// A member as listed inside a group.
struct GroupMember {
    MemberId id;
    std::string display_name;
    Role role = Role::guest;
};

struct GroupDetail {
    Group group;
    std::vector<GroupMember> members;
};

// A personal access token as listed: the secret itself is shown once, at creation.
struct AccessToken {
    TokenId id;
    std::string name;
    Millis created_at = 0;
    std::optional<Millis> last_used_at;
};

struct NewAccessToken {
    AccessToken token;
    std::string secret;
};

// A page of a cursor-paginated list; `next_before` is the cursor of the next page, if any.
template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::int64_t> next_before;
};

// A result that may ask the client to wait before trying again (429 with Retry-After).
template <class T>
struct Throttled {
    Result<T> result;
    int retry_after_seconds = 0;
};

struct PageRequest {
    std::int64_t before = 0;  // 0: from the newest
    std::size_t limit = 50;
};

// --- requests ---------------------------------------------------------------------------------

struct NewMember {
    std::string email;
    std::string display_name;
    Role role = Role::trainee;
    std::optional<std::string> grade;
    std::optional<std::string> site;
    std::vector<std::string> interests;
    std::optional<std::string> password;  // none: cannot sign in with a password yet
};

// PATCH /me: what members may change about themselves.
struct ProfilePatch {
    std::optional<std::string> display_name;
    json::Patch<std::string> grade;
    json::Patch<std::string> site;
    std::optional<std::vector<std::string>> interests;
    std::optional<std::string> password;
    std::optional<std::string> current_password;
};

// PATCH /members/{id}: what an admin may change about anyone.
struct AdminMemberPatch {
    std::optional<std::string> display_name;
    json::Patch<std::string> grade;
    json::Patch<std::string> site;
    std::optional<std::vector<std::string>> interests;
    std::optional<Role> role;
    std::optional<bool> deactivated;
};

struct MemberQuery {
    PageRequest page;
    std::string name;  // substring of the display name, case-insensitive; empty: all
};

struct NewGroup {
    std::string name;
    std::string description;
};

struct GroupPatch {
    std::optional<std::string> name;
    std::optional<std::string> description;
};

}  // namespace village::accounts
