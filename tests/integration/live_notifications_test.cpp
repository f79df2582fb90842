// The unread count on a member's open sockets follows their notifications as they are recorded:
// the bell changes on screen without polling, and quietly (no alert) during quiet hours.
#include <gtest/gtest.h>

#include "live_fixture.hpp"

namespace village::live_testing {
namespace {

using namespace std::chrono_literals;

std::string mention(LiveWorld& world, Persona who) {
    return "@[" + cards_testing::persona_name(who) + "](member:" +
           std::to_string(world.id(who).value) + ")";
}

TEST(LiveNotifications, AMentionUpdatesTheUnreadCountOnTheMembersSocketsOnly) {
    LiveWorld world;
    // No board subscription is needed: the count belongs to the member, not to a board.
    auto phone = world.socket(Persona::trainee);
    auto laptop = world.socket(Persona::trainee);
    auto other = world.socket(Persona::trainer);
    auto const card = world.new_card(Persona::community_admin, "Rota swap for Friday");

    world.new_comment(Persona::community_admin, card,
                      mention(world, Persona::trainee) + " can you cover the evening?");
    for (auto* socket : {&phone, &laptop}) {
        auto const told = socket->expect("notifications");
        EXPECT_EQ(told.at("unread").as_int64(), 1);
        EXPECT_EQ(told.at("alert").as_bool(), true);
    }
    EXPECT_FALSE(other.receive(700ms)) << "someone not mentioned heard of it";

    // The same number the notification centre gives.
    auto const count =
        world.as(Persona::trainee).get("/api/v1/me/notifications/unread_count").json();
    EXPECT_EQ(count.at("unread").as_int64(), 1);
}

TEST(LiveNotifications, DuringQuietHoursTheCountChangesWithoutAnAlert) {
    LiveWorld world;
    auto const quiet = world.as(Persona::trainee)
                           .put("/api/v1/me/quiet_hours",
                                bj::object{{"time_zone", "Europe/London"},
                                           {"days_off", bj::array{"mon", "tue", "wed", "thu",
                                                                  "fri", "sat", "sun"}}});
    ASSERT_EQ(quiet.status, 200) << quiet.body;
    auto phone = world.socket(Persona::trainee);
    auto const card = world.new_card(Persona::community_admin, "Induction pack");
    world.new_comment(Persona::community_admin, card, mention(world, Persona::trainee) + " FYI");
    auto const told = phone.expect("notifications");
    EXPECT_EQ(told.at("unread").as_int64(), 1);
    EXPECT_EQ(told.at("alert").as_bool(), false);
}

TEST(LiveNotifications, AMentionOfSomeoneWhoCannotSeeTheCardTellsNoOne) {
    LiveWorld world;
    auto const hidden = world.new_board("Organisers only", "private");
    auto const list = world.new_list(hidden, "Plans");
    auto phone = world.socket(Persona::trainee);
    auto const card = world.new_card(Persona::community_admin, "Interview panel", list);
    world.new_comment(Persona::community_admin, card, mention(world, Persona::trainee) + " ?");
    EXPECT_FALSE(phone.receive(700ms)) << "a mention leaked a private card's existence";
}

}  // namespace
}  // namespace village::live_testing
