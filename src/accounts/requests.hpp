// Reading accounts requests: JSON bodies and query strings into request types, with a 4xx
// naming the field on any mistake. Types and limits only; the rules live in the services.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/model.hpp"
#include "accounts/sessions.hpp"
#include "accounts/setup.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace village::accounts::requests {

// The profile fields, read the one way wherever a body carries them: the member forms here and
// mail's invitations and their acceptance. `create` reads a new person (display_name required;
// grade, site and interests optional); `patch` a change (each field absent or a value; grade
// and site may be null to clear them; display_name never null). A 400 names the field.
enum class Form { create, patch };
struct ProfileFields {
    std::optional<std::string> display_name;
    json::Patch<std::string> grade;
    json::Patch<std::string> site;
    std::optional<std::vector<std::string>> interests;
};
[[nodiscard]] Result<ProfileFields> profile_fields(boost::json::object const& in, Form form);
// "role": absent, or one of admin, trainer, trainee, guest.
[[nodiscard]] Result<std::optional<Role>> role_field(boost::json::object const& in);

[[nodiscard]] Result<sessions::Credentials> credentials(std::string_view body);
[[nodiscard]] Result<setup::FirstAdmin> first_admin(std::string_view body);
[[nodiscard]] Result<NewMember> new_member(std::string_view body);
[[nodiscard]] Result<ProfilePatch> profile_patch(std::string_view body);
[[nodiscard]] Result<AdminMemberPatch> admin_member_patch(std::string_view body);
[[nodiscard]] Result<NewGroup> new_group(std::string_view body);
[[nodiscard]] Result<GroupPatch> group_patch(std::string_view body);
[[nodiscard]] Result<std::string> token_name(std::string_view body);

// ?before=<id>&limit=<1..200>
[[nodiscard]] Result<PageRequest> page(http::Request const& req);
// page() and ?q=<part of a name>
[[nodiscard]] Result<MemberQuery> member_query(http::Request const& req);

}  // namespace village::accounts::requests
