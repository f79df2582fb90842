// Signing in and out over real HTTP: cookies, CSRF, rotation, rate limits, bearer tokens and
// the first-admin link.
#include <gtest/gtest.h>

#include "accounts/setup.hpp"
#include "accounts_fixture.hpp"

namespace village::accounts_it {

namespace {

bj::object credentials(std::string email, std::string password = testing::kPassword) {
    return {{"email", email}, {"password", password}};
}

std::string session_cookie_of(HttpClient const& client) {
    return client.cookies().at("village_session");
}

// A fresh client that sends exactly this cookie and nothing else.
HttpResponse get_with_cookie(testing::TestServer& server, std::string const& target,
                             std::string const& cookie) {
    auto client = server.client();
    return client.request("GET", target, {}, {{"Cookie", "village_session=" + cookie}});
}

}  // namespace

using SessionTest = AccountsFixture;

TEST_F(SessionTest, SignInSetsAHardenedCookieAndGivesTheCsrfToken) {
    auto client = server.client();
    auto r = client.post("/api/v1/session", credentials("TRAINEE@Example.org"));
    ASSERT_EQ(r.status, 200) << r.body;
    auto const cookie = r.header("set-cookie");
    ASSERT_TRUE(cookie);
    EXPECT_TRUE(cookie->starts_with("village_session=")) << *cookie;
    EXPECT_NE(cookie->find("; HttpOnly"), std::string::npos) << *cookie;
    EXPECT_NE(cookie->find("; SameSite=Lax"), std::string::npos) << *cookie;
    EXPECT_NE(cookie->find("; Path=/"), std::string::npos) << *cookie;
    EXPECT_NE(cookie->find("; Max-Age=2592000"), std::string::npos) << *cookie;  // 30 days
    EXPECT_EQ(cookie->find("Secure"), std::string::npos) << *cookie;             // plain http here
    auto const body = r.json().as_object();
    EXPECT_EQ(body.at("member").at("email").as_string(), "trainee@example.org");
    EXPECT_EQ(body.at("member").at("role").as_string(), "trainee");
    EXPECT_FALSE(body.at("csrf_token").as_string().empty());

    // The cookie's value is never stored, only its hash.
    store::Db db(server.database());
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM sessions WHERE token_hash = $1",
                           session_cookie_of(client))
                  ->i64(0),
              0);
}

TEST(SessionCookie, IsSecureWhenTheBaseUrlIsHttps) {
    testing::TestServer server([](Config& c) { c.base_url = "https://village.example.org"; });
    testing::create_member(server.database(), "ada@example.org", Role::trainee);
    auto client = server.client();
    auto r = client.post("/api/v1/session", credentials("ada@example.org"));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.header("set-cookie")->find("; Secure"), std::string::npos);
}

TEST_F(SessionTest, WrongPasswordAndUnknownEmailAnswerTheSame) {
    auto wrong =
        anonymous.post("/api/v1/session", credentials("trainee@example.org", "nope nope nope"));
    auto unknown = anonymous.post("/api/v1/session", credentials("nobody@example.org"));
    expect_error_shape(wrong, 401, "unauthorized");
    EXPECT_EQ(wrong.body, unknown.body);
    EXPECT_EQ(wrong.status, unknown.status);
    EXPECT_FALSE(wrong.header("set-cookie"));
}

TEST_F(SessionTest, DeactivatedMemberCannotSignInAndTheirCookieStopsWorking) {
    auto r =
        admin.patch(id_path("/api/v1/members/", people.trainee), bj::object{{"deactivated", true}});
    ASSERT_EQ(r.status, 200) << r.body;
    expect_error_shape(trainee.get("/api/v1/me"), 401, "unauthorized");
    expect_error_shape(anonymous.post("/api/v1/session", credentials("trainee@example.org")), 401,
                       "unauthorized");
}

TEST_F(SessionTest, GetSessionGivesMemberAndCsrfTokenOr401) {
    auto r = trainer.get("/api/v1/session");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("member").at("id").as_int64(), people.trainer.value);
    EXPECT_FALSE(r.json().at("csrf_token").as_string().empty());
    expect_error_shape(anonymous.get("/api/v1/session"), 401, "unauthorized");
}

TEST_F(SessionTest, SignOutRevokesTheSessionAndClearsTheCookie) {
    auto const old_cookie = session_cookie_of(trainee);
    auto r = trainee.del("/api/v1/session");
    ASSERT_EQ(r.status, 204) << r.body;
    auto const cleared = r.header("set-cookie");
    ASSERT_TRUE(cleared);
    EXPECT_TRUE(cleared->starts_with("village_session=;")) << *cleared;
    EXPECT_NE(cleared->find("Max-Age=0"), std::string::npos) << *cleared;
    // The old cookie no longer works, even sent by hand.
    expect_error_shape(get_with_cookie(server, "/api/v1/me", old_cookie), 401, "unauthorized");
}

TEST_F(SessionTest, SigningInAgainRotatesTheSession) {
    auto const first_cookie = session_cookie_of(trainee);
    auto r = trainee.post("/api/v1/session", credentials("trainee@example.org"));
    ASSERT_EQ(r.status, 200) << r.body;
    auto const second_cookie = session_cookie_of(trainee);
    EXPECT_NE(first_cookie, second_cookie);
    expect_error_shape(get_with_cookie(server, "/api/v1/me", first_cookie), 401, "unauthorized");
    EXPECT_EQ(get_with_cookie(server, "/api/v1/me", second_cookie).status, 200);
}

TEST_F(SessionTest, RepeatedFailuresAnswer429WithRetryAfter) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(
            anonymous.post("/api/v1/session", credentials("trainer@example.org", "guess guess"))
                .status,
            401);
    }
    auto limited = anonymous.post("/api/v1/session", credentials("trainer@example.org"));
    expect_error_shape(limited, 429, "rate_limited");
    auto const retry = limited.header("retry-after");
    ASSERT_TRUE(retry);
    EXPECT_GT(std::stoi(*retry), 0);
    EXPECT_LE(std::stoi(*retry), 900);
    EXPECT_FALSE(limited.header("set-cookie"));
    // Another account from the same address is not locked yet.
    EXPECT_EQ(anonymous.post("/api/v1/session", credentials("guest@example.org")).status, 200);
}

TEST_F(SessionTest, CookieWritesWithoutTheRightCsrfTokenAreRefusedAndWriteNothing) {
    auto const before = activity_rows();
    trainee.set_csrf_token("not-the-token");
    expect_error_shape(trainee.patch("/api/v1/me", bj::object{{"display_name", "Hacked"}}), 403,
                       "csrf_failed");
    expect_error_shape(trainee.post("/api/v1/me/tokens", bj::object{{"name", "x"}}), 403,
                       "csrf_failed");
    expect_error_shape(trainee.del("/api/v1/session"), 403, "csrf_failed");
    admin.set_csrf_token("");
    expect_error_shape(admin.post("/api/v1/groups", bj::object{{"name", "Reps"}}), 403,
                       "csrf_failed");
    expect_error_shape(admin.request("PUT", "/api/v1/groups/1/members/2"), 403, "csrf_failed");
    EXPECT_EQ(activity_rows(), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM groups"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM access_tokens"), 0);
    // The session is still live (the sign-out was refused) and reads need no token.
    auto me = trainee.get("/api/v1/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("display_name").as_string(), "Tess Trainee");
}

TEST_F(SessionTest, BearerTokenWorksWithoutCsrfUntilRevoked) {
    auto made = trainer.post("/api/v1/me/tokens", bj::object{{"name", "export script"}});
    ASSERT_EQ(made.status, 201) << made.body;
    auto const secret = std::string(made.json().at("token").as_string());
    auto const id = made.json().at("id").as_int64();

    auto script = server.client();
    script.set_bearer_token(secret);
    auto me = script.get("/api/v1/me");
    ASSERT_EQ(me.status, 200) << me.body;
    EXPECT_EQ(me.json().at("id").as_int64(), people.trainer.value);
    auto patched = script.patch("/api/v1/me", bj::object{{"site", "Royal Infirmary"}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json().at("site").as_string(), "Royal Infirmary");

    // Listed without its secret.
    auto listed = trainer.get("/api/v1/me/tokens");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find(secret), std::string::npos);
    EXPECT_EQ(listed.json().at("tokens").as_array().size(), 1u);

    ASSERT_EQ(trainer.del("/api/v1/me/tokens/" + std::to_string(id)).status, 204);
    expect_error_shape(script.get("/api/v1/me"), 401, "unauthorized");
    expect_error_shape(script.patch("/api/v1/me", bj::object{{"site", "x"}}), 401, "unauthorized");
}

TEST_F(SessionTest, ABadBearerTokenIsAnonymousEvenWithAGoodCookie) {
    trainee.set_bearer_token("vlg_not-a-token");
    expect_error_shape(trainee.get("/api/v1/me"), 401, "unauthorized");
}

TEST_F(SessionTest, SomeoneElsesTokenCannotBeRevoked) {
    auto made = trainer.post("/api/v1/me/tokens", bj::object{{"name", "mine"}});
    ASSERT_EQ(made.status, 201);
    auto const target = "/api/v1/me/tokens/" + std::to_string(made.json().at("id").as_int64());
    expect_error_shape(trainee.del(target), 404, "not_found");
    expect_error_shape(admin.del(target), 404, "not_found");
    expect_error_shape(anonymous.del(target), 401, "unauthorized");
    EXPECT_EQ(count("SELECT COUNT(*) FROM access_tokens WHERE revoked_at IS NULL"), 1);
}

TEST(FirstAdmin, TheSetupLinkCreatesTheFirstAdminOnce) {
    testing::TestServer server;
    std::optional<std::string> token;
    {
        store::Db db(server.database());
        token = accounts::setup::first_admin_token(db);
    }
    ASSERT_TRUE(token);
    auto client = server.client();
    bj::object body{{"token", *token},
                    {"email", "olu@example.org"},
                    {"display_name", "Olu Organiser"},
                    {"password", "a long enough password"}};
    bj::object wrong = body;
    wrong["token"] = "not the token";
    expect_error_shape(client.post("/api/v1/setup", wrong), 403, "forbidden", "token");

    auto r = client.post("/api/v1/setup", body);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("member").at("role").as_string(), "admin");
    client.set_csrf_token(std::string(r.json().at("csrf_token").as_string()));
    // Signed in at once: the admin can create a group.
    EXPECT_EQ(client.post("/api/v1/groups", bj::object{{"name", "Trainers"}}).status, 201);

    body["email"] = "second@example.org";
    expect_error_shape(server.client().post("/api/v1/setup", body), 409, "conflict");
    store::Db db(server.database());
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 1);
}

}  // namespace village::accounts_it
