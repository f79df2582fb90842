// Who is making a request: a signed-in member, or nobody. Every service takes one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"

namespace village {

// A member's community-wide role. Board roles are separate (boards/permissions.hpp).
enum class Role { admin, trainer, trainee, guest };

[[nodiscard]] std::string_view role_name(Role role);
[[nodiscard]] std::optional<Role> parse_role(std::string_view text);

struct Actor {
    MemberId id;  // zero when anonymous
    Role role = Role::guest;
    std::string display_name;

    [[nodiscard]] bool signed_in() const { return static_cast<bool>(id); }
    [[nodiscard]] bool is_admin() const { return signed_in() && role == Role::admin; }
    [[nodiscard]] static Actor anonymous() { return Actor{}; }
};

}  // namespace village
