// The first-visit checklist; see onboarding.hpp.
#include "notifications/onboarding.hpp"

#include <boost/json.hpp>

#include "notifications/onboarding_sql.hpp"

namespace village::notifications {

namespace bj = boost::json;

Result<Onboarding> onboarding(store::Db& db, Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    Onboarding out;
    if (auto row = db.query_one(sql::profile_facts, actor.id)) {
        boost::system::error_code ec;
        auto interests = bj::parse(row->text(2), ec);
        bool const has_interest = !ec && interests.is_array() && !interests.as_array().empty();
        out.profile_complete = !row->text(0).empty() && !row->text(1).empty() && has_interest;
    }
    out.follows_space = db.query_one(sql::follows_a_space, actor.id).has_value();
    out.has_posted = db.query_one(sql::has_posted, actor.id).has_value();
    return out;
}

bj::object to_json(Onboarding const& o) {
    bj::array steps;
    auto step = [&](char const* id, char const* title, bool done) {
        steps.push_back(bj::object{{"id", id}, {"title", title}, {"done", done}});
    };
    step("complete_profile", "Complete your profile", o.profile_complete);
    step("follow_space", "Follow a sub-specialty", o.follows_space);
    step("first_post", "Post or comment for the first time", o.has_posted);
    return bj::object{{"steps", std::move(steps)}, {"done", o.done()}};
}

}  // namespace village::notifications
