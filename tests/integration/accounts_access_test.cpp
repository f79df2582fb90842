// Every accounts endpoint × {anonymous, guest, trainee, trainer, admin}: what is allowed
// succeeds, the rest is refused in the error shape and writes nothing.
#include <gtest/gtest.h>

#include <array>
#include <functional>

#include "accounts_fixture.hpp"

namespace village::accounts_it {

namespace {

constexpr std::array<char const*, 5> kWho = {"anonymous", "guest", "trainee", "trainer", "admin"};

struct Case {
    std::string method;
    std::string target;
    std::function<bj::object(std::string const& who)> body;  // empty: no body
    std::array<int, 5> expected;                             // in kWho's order
};

std::string code_for(int status) {
    switch (status) {
        case 401:
            return "unauthorized";
        case 403:
            return "forbidden";
        case 404:
            return "not_found";
        case 409:
            return "conflict";
        default:
            return "?";
    }
}

}  // namespace

using AccessTest = AccountsFixture;

TEST_F(AccessTest, EveryEndpointForEveryRole) {
    auto const group = admin.post("/api/v1/groups", bj::object{{"name", "Reps"}});
    ASSERT_EQ(group.status, 201) << group.body;
    auto const g = "/api/v1/groups/" + std::to_string(group.json().at("id").as_int64());
    auto const doomed = admin.post("/api/v1/groups", bj::object{{"name", "Doomed"}});
    ASSERT_EQ(doomed.status, 201);
    auto const g2 = "/api/v1/groups/" + std::to_string(doomed.json().at("id").as_int64());
    auto const token = admin.post("/api/v1/me/tokens", bj::object{{"name", "admin script"}});
    ASSERT_EQ(token.status, 201);
    auto const t = "/api/v1/me/tokens/" + std::to_string(token.json().at("id").as_int64());
    auto const tess = id_path("/api/v1/members/", people.trainee);
    auto const tess_in_g = g + "/members/" + std::to_string(people.trainee.value);

    auto const none = std::function<bj::object(std::string const&)>{};
    std::vector<Case> const cases = {
        {"GET", "/api/v1/session", none, {401, 200, 200, 200, 200}},
        {"GET", "/api/v1/me", none, {401, 200, 200, 200, 200}},
        {"PATCH",
         "/api/v1/me",
         [](auto const& who) {
             return bj::object{{"site", who + " site"}};
         },
         {401, 200, 200, 200, 200}},
        {"GET", "/api/v1/me/tokens", none, {401, 200, 200, 200, 200}},
        {"POST",
         "/api/v1/me/tokens",
         [](auto const& who) {
             return bj::object{{"name", who}};
         },
         {401, 201, 201, 201, 201}},
        {"DELETE", t, none, {401, 404, 404, 404, 204}},
        {"GET", "/api/v1/members", none, {401, 403, 200, 200, 200}},
        {"GET", tess, none, {401, 403, 200, 200, 200}},
        {"POST",
         "/api/v1/members",
         [](auto const& who) {
             return bj::object{{"email", who + ".new@example.org"},
                               {"display_name", "New " + who},
                               {"role", "trainee"}};
         },
         {401, 403, 403, 403, 201}},
        {"PATCH",
         tess,
         [](auto const&) {
             return bj::object{{"grade", "ST5"}};
         },
         {401, 403, 403, 403, 200}},
        {"GET", "/api/v1/groups", none, {401, 403, 200, 200, 200}},
        {"GET", g, none, {401, 403, 200, 200, 200}},
        {"POST",
         "/api/v1/groups",
         [](auto const& who) {
             return bj::object{{"name", who}};
         },
         {401, 403, 403, 403, 201}},
        {"PATCH",
         g,
         [](auto const& who) {
             return bj::object{{"description", who}};
         },
         {401, 403, 403, 403, 200}},
        {"PUT", tess_in_g, none, {401, 403, 403, 403, 204}},
        {"DELETE", tess_in_g, none, {401, 403, 403, 403, 204}},
        {"DELETE", g2, none, {401, 403, 403, 403, 204}},
        {"POST",
         "/api/v1/setup",
         [](auto const& who) {
             return bj::object{{"token", "whatever"},
                               {"email", who + ".setup@example.org"},
                               {"display_name", who},
                               {"password", "a long enough password"}};
         },
         {409, 409, 409, 409, 409}},
        {"DELETE", "/api/v1/session", none, {204, 204, 204, 204, 204}},
    };

    std::array<HttpClient*, 5> const clients = {&anonymous, &guest, &trainee, &trainer, &admin};
    for (auto const& c : cases) {
        for (std::size_t i = 0; i < clients.size(); ++i) {
            SCOPED_TRACE(c.method + " " + c.target + " as " + kWho[i]);
            auto const before = activity_rows();
            auto const body = c.body ? bj::serialize(c.body(kWho[i])) : std::string();
            auto const r = clients[i]->request(c.method, c.target, body);
            EXPECT_EQ(r.status, c.expected[i]) << r.body;
            if (c.expected[i] >= 400) {
                expect_error_shape(r, c.expected[i], code_for(c.expected[i]));
                EXPECT_EQ(activity_rows(), before) << "a refused request wrote activity";
            }
        }
    }
    // After signing out, nobody is signed in any more.
    for (std::size_t i = 1; i < clients.size(); ++i) {
        EXPECT_EQ(clients[i]->get("/api/v1/me").status, 401) << kWho[i];
    }
}

TEST_F(AccessTest, OnlyAdminsAndOneselfSeeEmails) {
    auto as_trainer = trainer.get("/api/v1/members");
    ASSERT_EQ(as_trainer.status, 200);
    auto const trainer_view = as_trainer.json();
    for (auto const& m : trainer_view.at("members").as_array()) {
        auto const& member = m.as_object();
        bool const self = member.at("id").as_int64() == people.trainer.value;
        EXPECT_EQ(member.contains("email"), self) << bj::serialize(member);
        EXPECT_TRUE(member.contains("display_name"));
        EXPECT_TRUE(member.contains("role"));
        EXPECT_TRUE(member.contains("grade"));
        EXPECT_TRUE(member.contains("site"));
    }
    auto as_admin = admin.get("/api/v1/members");
    ASSERT_EQ(as_admin.status, 200);
    auto const admin_view = as_admin.json();
    for (auto const& m : admin_view.at("members").as_array()) {
        EXPECT_TRUE(m.as_object().contains("email"));
    }
    auto other = trainee.get(id_path("/api/v1/members/", people.trainer));
    EXPECT_FALSE(other.json().as_object().contains("email"));
    auto self = trainee.get(id_path("/api/v1/members/", people.trainee));
    EXPECT_EQ(self.json().at("email").as_string(), "trainee@example.org");
}

TEST_F(AccessTest, MeCannotChangeRoleOrEmail) {
    auto const before = activity_rows();
    expect_error_shape(trainee.patch("/api/v1/me", bj::object{{"role", "admin"}}), 403, "forbidden",
                       "role");
    expect_error_shape(trainee.patch("/api/v1/me", bj::object{{"email", "x@example.org"}}), 403,
                       "forbidden", "email");
    expect_error_shape(guest.patch("/api/v1/me", bj::object{{"deactivated", false}}), 403,
                       "forbidden", "deactivated");
    EXPECT_EQ(trainee.get("/api/v1/me").json().at("role").as_string(), "trainee");
    EXPECT_EQ(activity_rows(), before);
}

}  // namespace village::accounts_it
