// Reading accounts requests: JSON bodies and query strings into request types, with a 4xx
// naming the field on any mistake. Types and limits only; the rules live in the services.
#pragma once

#include <string_view>

#include "accounts/model.hpp"
#include "accounts/sessions.hpp"
#include "accounts/setup.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace village::accounts::requests {

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
