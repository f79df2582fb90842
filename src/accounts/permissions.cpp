// Permission checks of the accounts module; see permissions.hpp.
#include "accounts/permissions.hpp"

namespace village::accounts {

MemberView view_of(Actor const& actor, MemberId member) {
    if (actor.signed_in() && (actor.id == member || actor.is_admin())) return MemberView::full;
    return MemberView::directory;
}

Result<void> require_signed_in(Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    return {};
}

Result<void> require_directory(Actor const& actor) {
    if (auto signed_in = require_signed_in(actor); !signed_in) return signed_in;
    if (!can_read_directory(actor)) {
        return fail(Errc::forbidden, "Guests cannot see the member directory or groups");
    }
    return {};
}

Result<void> require_admin(Actor const& actor) {
    if (auto signed_in = require_signed_in(actor); !signed_in) return signed_in;
    if (!actor.is_admin()) return fail(Errc::forbidden, "Only a community admin can do this");
    return {};
}

}  // namespace village::accounts
