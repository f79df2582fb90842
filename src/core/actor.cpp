// Names of community roles, as they appear in JSON and the database.
#include "core/actor.hpp"

namespace village {

std::string_view role_name(Role role) {
    switch (role) {
        case Role::admin:
            return "admin";
        case Role::trainer:
            return "trainer";
        case Role::trainee:
            return "trainee";
        case Role::guest:
            return "guest";
    }
    return "guest";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role role : {Role::admin, Role::trainer, Role::trainee, Role::guest}) {
        if (role_name(role) == text) return role;
    }
    return std::nullopt;
}

}  // namespace village
