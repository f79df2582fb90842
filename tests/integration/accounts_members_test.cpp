// Members and groups over HTTP as the web app uses them: the directory, profiles, password
// changes, admin changes and groups.
#include <gtest/gtest.h>

#include "accounts_fixture.hpp"

namespace village::accounts_it {

using MembersTest = AccountsFixture;

TEST_F(MembersTest, AdminCreatesAMemberWhoCanThenSignIn) {
    auto r = admin.post("/api/v1/members", bj::object{{"email", "Nia.New@Example.org"},
                                                      {"display_name", "Nia New"},
                                                      {"role", "trainee"},
                                                      {"grade", "ST1"},
                                                      {"site", "St Mary's"},
                                                      {"interests", bj::array{"Neonatology"}},
                                                      {"password", "nia's first password"}});
    ASSERT_EQ(r.status, 201) << r.body;
    auto const m = r.json().as_object();
    EXPECT_EQ(m.at("email").as_string(), "Nia.New@Example.org");
    EXPECT_EQ(m.at("grade").as_string(), "ST1");
    EXPECT_EQ(m.at("interests").as_array().size(), 1u);
    EXPECT_EQ(m.at("deactivated").as_bool(), false);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE type = 'member.created'"), 5);

    auto nia = server.client();
    auto signed_in = nia.post("/api/v1/session", bj::object{{"email", "nia.new@example.org"},
                                                            {"password", "nia's first password"}});
    EXPECT_EQ(signed_in.status, 200) << signed_in.body;
}

TEST_F(MembersTest, DirectoryPagesAndFiltersByName) {
    auto first = trainee.get("/api/v1/members?limit=3");
    ASSERT_EQ(first.status, 200) << first.body;
    auto const page = first.json().as_object();
    ASSERT_EQ(page.at("members").as_array().size(), 3u);
    ASSERT_TRUE(page.at("next_before").is_int64());
    auto rest = trainee.get("/api/v1/members?limit=3&before=" +
                            std::to_string(page.at("next_before").as_int64()));
    ASSERT_EQ(rest.status, 200);
    EXPECT_EQ(rest.json().at("members").as_array().size(), 1u);
    EXPECT_TRUE(rest.json().at("next_before").is_null());

    auto named = trainee.get("/api/v1/members?q=tr");
    ASSERT_EQ(named.status, 200);
    EXPECT_EQ(named.json().at("members").as_array().size(), 2u);  // Tom Trainer, Tess Trainee
    auto nobody = trainee.get("/api/v1/members?q=zz%25");
    EXPECT_EQ(nobody.json().at("members").as_array().size(), 0u);
}

TEST_F(MembersTest, ProfileEditsShowInTheDirectory) {
    auto r = trainee.patch("/api/v1/me", bj::object{{"display_name", "Tess T."},
                                                    {"grade", "ST4"},
                                                    {"interests", bj::array{"Oncology", "PICU"}}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto seen = trainer.get(id_path("/api/v1/members/", people.trainee));
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.json().at("display_name").as_string(), "Tess T.");
    EXPECT_EQ(seen.json().at("grade").as_string(), "ST4");
    EXPECT_EQ(seen.json().at("interests").as_array().size(), 2u);

    auto cleared = trainee.patch("/api/v1/me", bj::object{{"grade", nullptr}});
    ASSERT_EQ(cleared.status, 200);
    EXPECT_TRUE(cleared.json().at("grade").is_null());
    EXPECT_EQ(cleared.json().at("display_name").as_string(), "Tess T.");
}

TEST_F(MembersTest, PasswordChangeSignsOutOtherSessionsOnly) {
    auto other_device = testing::sign_in(server, "trainee@example.org");
    auto wrong = trainee.patch("/api/v1/me", bj::object{{"password", "a brand new password"},
                                                        {"current_password", "not it at all"}});
    expect_error_shape(wrong, 403, "forbidden", "current_password");

    auto r = trainee.patch("/api/v1/me", bj::object{{"password", "a brand new password"},
                                                    {"current_password", testing::kPassword}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(trainee.get("/api/v1/me").status, 200);
    EXPECT_EQ(other_device.get("/api/v1/me").status, 401);

    auto old_password = anonymous.post(
        "/api/v1/session",
        bj::object{{"email", "trainee@example.org"}, {"password", testing::kPassword}});
    EXPECT_EQ(old_password.status, 401);
    auto new_password = anonymous.post(
        "/api/v1/session",
        bj::object{{"email", "trainee@example.org"}, {"password", "a brand new password"}});
    EXPECT_EQ(new_password.status, 200);
    // The activity log says the password changed, never what to.
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE data LIKE '%brand new%'"), 0);
}

TEST_F(MembersTest, AdminChangesRolesAndDeactivates) {
    auto const target = id_path("/api/v1/members/", people.trainer);
    auto promoted = admin.patch(target, bj::object{{"role", "admin"}});
    ASSERT_EQ(promoted.status, 200) << promoted.body;
    EXPECT_EQ(promoted.json().at("role").as_string(), "admin");
    // The new role applies to the trainer's live session at once.
    EXPECT_EQ(trainer.post("/api/v1/groups", bj::object{{"name", "Made by Tom"}}).status, 201);

    auto off =
        admin.patch(id_path("/api/v1/members/", people.guest), bj::object{{"deactivated", true}});
    ASSERT_EQ(off.status, 200) << off.body;
    EXPECT_TRUE(off.json().at("deactivated").as_bool());
    EXPECT_EQ(guest.get("/api/v1/me").status, 401);
    EXPECT_EQ(trainee.get(id_path("/api/v1/members/", people.guest)).status, 404);
    EXPECT_EQ(admin.get(id_path("/api/v1/members/", people.guest)).status, 200);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE type = 'member.updated'"), 2);
}

TEST_F(MembersTest, GroupsLifecycle) {
    auto made = admin.post("/api/v1/groups",
                           bj::object{{"name", "Neonatal interest"}, {"description", "NICU folk"}});
    ASSERT_EQ(made.status, 201) << made.body;
    auto const g = "/api/v1/groups/" + std::to_string(made.json().at("id").as_int64());
    auto const add = [&](MemberId m) {
        return admin.request("PUT", g + "/members/" + std::to_string(m.value)).status;
    };
    EXPECT_EQ(add(people.trainee), 204);
    EXPECT_EQ(add(people.trainee), 204);
    EXPECT_EQ(add(people.trainer), 204);
    EXPECT_EQ(add(MemberId{999}), 404);

    auto seen = trainee.get(g);
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.json().at("member_count").as_int64(), 2);
    auto const members = seen.json().at("members").as_array();
    ASSERT_EQ(members.size(), 2u);
    EXPECT_EQ(members[0].at("display_name").as_string(), "Tess Trainee");

    auto renamed = admin.patch(g, bj::object{{"name", "Neonates"}});
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(renamed.json().at("description").as_string(), "NICU folk");
    ASSERT_EQ(admin.post("/api/v1/groups", bj::object{{"name", "Reps"}}).status, 201);
    expect_error_shape(admin.patch(g, bj::object{{"name", "REPS"}}), 409, "conflict", "name");

    auto listed = trainer.get("/api/v1/groups");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("groups").as_array().size(), 2u);

    EXPECT_EQ(admin.del(g + "/members/" + std::to_string(people.trainee.value)).status, 204);
    EXPECT_EQ(trainee.get(g).json().at("member_count").as_int64(), 1);
    EXPECT_EQ(admin.del(g).status, 204);
    expect_error_shape(trainee.get(g), 404, "not_found");
    EXPECT_EQ(count("SELECT COUNT(*) FROM group_members"), 0);
}

}  // namespace village::accounts_it
