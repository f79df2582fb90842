// Announcements with reach over real HTTP: an audience of groups, acknowledgement, reach by
// grade and by site, who has not acknowledged, and who may do each of these.
#include <gtest/gtest.h>

#include "notifications_fixture.hpp"

namespace village::notifications_testing {
namespace {

using P = Persona;

void profile(NotifyWorld& w, P p, std::string const& grade, std::string const& site) {
    auto r = w.as(P::community_admin)
                 .patch("/api/v1/members/" + std::to_string(w.id(p).value),
                        bj::object{{"grade", grade}, {"site", site}});
    if (r.status != 200) throw std::runtime_error("profile: " + r.body);
}

std::int64_t group_of(NotifyWorld& w, std::string const& name, std::vector<P> const& people) {
    auto& admin = w.as(P::community_admin);
    auto const id = id_of(admin.post("/api/v1/groups", bj::object{{"name", name}}));
    for (auto p : people) {
        auto r = admin.put(
            "/api/v1/groups/" + std::to_string(id) + "/members/" + std::to_string(w.id(p).value),
            bj::object{});
        if (r.status != 200 && r.status != 204) throw std::runtime_error("group: " + r.body);
    }
    return id;
}

std::string path(std::int64_t card, std::string const& suffix = {}) {
    return id_path("/api/v1/cards/", card, "/announcement" + suffix);
}

TEST(NotificationsAnnouncements, GroupsAudienceAcknowledgementAndReach) {
    NotifyWorld w;
    profile(w, P::trainee, "ST2", "Royal Infirmary");
    profile(w, P::board_viewer, "ST2", "County General");
    profile(w, P::board_member, "ST5", "Royal Infirmary");
    auto const juniors = group_of(w, "ST1–3", {P::trainee, P::board_viewer});
    auto const seniors = group_of(w, "ST4–8", {P::board_member, P::guest});
    auto const card = w.new_card(P::board_admin, "ARCP dates are out");

    auto made = w.as(P::board_admin)
                    .put(path(card), bj::object{{"audience", "groups"},
                                                {"group_ids", bj::array{juniors, seniors}}});
    ASSERT_EQ(made.status, 201) << made.body;
    // The guest cannot see the board: not in the audience, never told.
    EXPECT_EQ(made.json().at("audience_size").as_int64(), 3);
    EXPECT_EQ(made.json().at("acknowledged").as_int64(), 0);
    EXPECT_TRUE(w.notifications(P::guest).empty());
    EXPECT_TRUE(w.notifications(P::trainer).empty());  // not in these groups
    EXPECT_EQ(w.notifications(P::trainee), (std::vector<Seen>{{"announcement", card}}));

    // Pinned on each recipient's home until acknowledged.
    auto home = w.as(P::trainee).get("/api/v1/me/announcements");
    ASSERT_EQ(home.status, 200);
    ASSERT_EQ(home.json().at("announcements").as_array().size(), 1u);
    EXPECT_EQ(home.json().at("announcements").as_array()[0].at("card").at("id").as_int64(), card);
    EXPECT_FALSE(home.json().at("announcements").as_array()[0].at("seen").as_bool());
    EXPECT_EQ(w.as(P::trainee).request("POST", path(card, "/seen")).status, 204);
    EXPECT_EQ(w.as(P::board_viewer).request("POST", path(card, "/seen")).status, 204);
    EXPECT_EQ(w.as(P::trainee).request("POST", path(card, "/acknowledge")).status, 204);
    EXPECT_EQ(w.as(P::trainee).request("POST", path(card, "/acknowledge")).status, 204);
    EXPECT_TRUE(w.as(P::trainee)
                    .get("/api/v1/me/announcements")
                    .json()
                    .at("announcements")
                    .as_array()
                    .empty());
    EXPECT_EQ(w.as(P::board_member)
                  .get("/api/v1/me/announcements")
                  .json()
                  .at("announcements")
                  .as_array()
                  .size(),
              1u);

    auto reach = w.as(P::board_admin).get(path(card));
    ASSERT_EQ(reach.status, 200) << reach.body;
    auto const& r = reach.json();
    EXPECT_EQ(r.at("audience_size").as_int64(), 3);
    EXPECT_EQ(r.at("seen").as_int64(), 2);
    EXPECT_EQ(r.at("acknowledged").as_int64(), 1);
    EXPECT_EQ(r.at("by_grade"),
              bj::parse(R"([{"grade":"ST2","audience":2,"seen":2,"acknowledged":1},)"
                        R"({"grade":"ST5","audience":1,"seen":0,"acknowledged":0}])"));
    EXPECT_EQ(r.at("by_site"),
              bj::parse(R"([{"site":"County General","audience":1,"seen":1,"acknowledged":0},)"
                        R"({"site":"Royal Infirmary","audience":2,"seen":1,"acknowledged":1}])"));
    auto const& pending = r.at("not_acknowledged").as_array();
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].at("display_name"), "board_member");
    EXPECT_FALSE(pending[0].at("seen").as_bool());
    EXPECT_EQ(pending[1].at("display_name"), "board_viewer");
    EXPECT_TRUE(pending[1].at("seen").as_bool());

    // Announcing twice is a conflict; withdrawn, it leaves every home.
    EXPECT_EQ(w.as(P::board_admin).put(path(card), bj::object{{"audience", "everyone"}}).status,
              409);
    EXPECT_EQ(w.as(P::board_admin).del(path(card)).status, 204);
    EXPECT_TRUE(w.as(P::board_member)
                    .get("/api/v1/me/announcements")
                    .json()
                    .at("announcements")
                    .as_array()
                    .empty());
}

TEST(NotificationsAnnouncements, EveryoneMeansEveryoneWhoMaySeeIt) {
    NotifyWorld w;
    auto const card = w.new_card(P::board_member, "Welcome to the new rotation");
    auto made = w.as(P::community_admin).put(path(card), bj::object{{"audience", "everyone"}});
    ASSERT_EQ(made.status, 201) << made.body;
    // Seven people besides the admin; the guest cannot see the board.
    EXPECT_EQ(made.json().at("audience_size").as_int64(), 6);
    // The card's author may see the reach; another reader may not.
    EXPECT_EQ(w.as(P::board_member).get(path(card)).status, 200);
    EXPECT_EQ(w.as(P::trainee).get(path(card)).status, 403);
    EXPECT_EQ(w.as(P::guest).get(path(card)).status, 404);
    EXPECT_EQ(w.as(P::anonymous).get(path(card)).status, 401);
}

// Who may make, withdraw, read, see and acknowledge an announcement.
TEST(NotificationsAnnouncements, PermissionsForEveryRole) {
    NotifyWorld w;
    struct Expect {
        P who;
        int announce;
    };
    // Organisers: community admins and board admins. Others who see the card: 403. A guest the
    // board is not shared with: 404. Anonymous: 401.
    for (auto [who, status] :
         {Expect{P::anonymous, 401}, Expect{P::guest, 404}, Expect{P::trainee, 403},
          Expect{P::trainer, 403}, Expect{P::board_viewer, 403}, Expect{P::board_member, 403},
          Expect{P::board_editor, 403}, Expect{P::board_admin, 201},
          Expect{P::community_admin, 201}}) {
        SCOPED_TRACE(cards_testing::persona_name(who));
        auto const card = w.new_card(P::board_editor, "Notice");
        auto const before = w.module_rows();
        auto r = w.as(who).put(path(card), bj::object{{"audience", "everyone"}});
        EXPECT_EQ(r.status, status) << r.body;
        if (status != 201) {
            EXPECT_EQ(w.module_rows(), before);
            continue;
        }
        // Withdrawing follows the same rule.
        for (auto other : {P::trainee, P::board_editor}) {
            EXPECT_EQ(w.as(other).del(path(card)).status, 403);
        }
        EXPECT_EQ(w.as(P::anonymous).del(path(card)).status, 401);
        EXPECT_EQ(w.as(P::guest).del(path(card)).status, 404);
        // Recipients see and acknowledge; those outside the audience get 404.
        EXPECT_EQ(w.as(P::trainee).request("POST", path(card, "/acknowledge")).status, 204);
        EXPECT_EQ(w.as(who).request("POST", path(card, "/acknowledge")).status, 404);
        EXPECT_EQ(w.as(P::guest).request("POST", path(card, "/seen")).status, 404);
        EXPECT_EQ(w.as(P::anonymous).request("POST", path(card, "/seen")).status, 401);
        EXPECT_EQ(w.as(who).del(path(card)).status, 204);
    }
    EXPECT_EQ(w.as(P::anonymous).get("/api/v1/me/announcements").status, 401);
    EXPECT_EQ(w.as(P::guest).get("/api/v1/me/announcements").status, 200);
}

TEST(NotificationsAnnouncements, BadInputChangesNothing) {
    NotifyWorld w;
    auto const card = w.new_card(P::board_editor, "Notice");
    auto const before = w.module_rows();
    struct Bad {
        std::string body;
        int status;
        std::string field;
    };
    for (auto const& bad :
         {Bad{"not json", 400, ""}, Bad{"[]", 400, ""}, Bad{"{}", 400, "audience"},
          Bad{R"({"audience":"friends"})", 400, "audience"},
          Bad{R"({"audience":7})", 400, "audience"},
          Bad{R"({"audience":"groups"})", 400, "group_ids"},
          Bad{R"({"audience":"groups","group_ids":[]})", 400, "group_ids"},
          Bad{R"({"audience":"groups","group_ids":["x"]})", 400, "group_ids"},
          Bad{R"({"audience":"groups","group_ids":[-1]})", 400, "group_ids"},
          Bad{R"({"audience":"groups","group_ids":[987654]})", 422, "group_ids"},
          Bad{R"({"audience":"everyone","group_ids":[1]})", 400, "group_ids"}}) {
        SCOPED_TRACE(bad.body);
        auto r = w.as(P::community_admin).request("PUT", path(card), bad.body);
        EXPECT_EQ(r.status, bad.status) << r.body;
        auto const& field = r.json().at("error").at("field");
        EXPECT_EQ(field.is_null() ? std::string() : std::string(field.as_string()), bad.field);
    }
    EXPECT_EQ(w.as(P::community_admin)
                  .put("/api/v1/cards/987654/announcement", bj::object{{"audience", "everyone"}})
                  .status,
              404);
    EXPECT_EQ(w.as(P::community_admin)
                  .put("/api/v1/cards/abc/announcement", bj::object{{"audience", "everyone"}})
                  .status,
              404);
    EXPECT_EQ(w.as(P::community_admin).get(path(card)).status, 404);  // not an announcement
    EXPECT_EQ(w.as(P::community_admin).del(path(card)).status, 404);
    EXPECT_EQ(w.as(P::trainee).request("POST", path(card, "/acknowledge")).status, 404);
    EXPECT_EQ(w.module_rows(), before);
}

}  // namespace
}  // namespace village::notifications_testing
