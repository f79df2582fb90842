// The first-visit checklist (issue 3): "Complete your profile" (grade, site and at least one
// interest), "Follow a sub-specialty" (a space followed, not muted) and "Post or comment for the
// first time". Nothing is stored: each step is read from what the member has done.
#pragma once

#include <boost/json/object.hpp>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::notifications {

struct Onboarding {
    bool profile_complete = false;
    bool follows_space = false;
    bool has_posted = false;
    [[nodiscard]] bool done() const { return profile_complete && follows_space && has_posted; }
};

// GET /me/onboarding: 401 anonymous.
[[nodiscard]] Result<Onboarding> onboarding(store::Db& db, Actor const& actor);

[[nodiscard]] boost::json::object to_json(Onboarding const& o);

}  // namespace village::notifications
