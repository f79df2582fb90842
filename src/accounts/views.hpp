// The accounts module's JSON: what clients see of members, groups, tokens and sessions.
#pragma once

#include <boost/json/object.hpp>

#include "accounts/model.hpp"
#include "accounts/permissions.hpp"
#include "accounts/sessions.hpp"

namespace village::accounts::views {

[[nodiscard]] boost::json::object member(Member const& m, MemberView view);
// Each member as `viewer` may see them.
[[nodiscard]] boost::json::object member_page(Page<Member> const& page, Actor const& viewer);
[[nodiscard]] boost::json::object group(Group const& g);
[[nodiscard]] boost::json::object group_detail(GroupDetail const& g);
[[nodiscard]] boost::json::object group_page(Page<Group> const& page);
[[nodiscard]] boost::json::object token(AccessToken const& t);
[[nodiscard]] boost::json::object new_token(NewAccessToken const& t);  // with the secret, once
[[nodiscard]] boost::json::object token_list(std::vector<AccessToken> const& tokens);
// {member, csrf_token}: the answer to sign-in, set-up and GET /session.
[[nodiscard]] boost::json::object session(Member const& m,
                                          std::optional<std::string> const& csrf_token);

}  // namespace village::accounts::views
