// Magic-link sign-in over HTTP, with the link read from the mail a real SMTP server received.
#include "mail/sign_in.hpp"

#include <thread>

#include "accounts/rate_limit.hpp"
#include "accounts/sessions.hpp"
#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

class MailSignIn : public MailFixture {};

TEST_F(MailSignIn, TheMailedLinkSignsInOnceAndOnlyOnce) {
    auto const asked =
        anonymous.post("/api/v1/session/link", bj::object{{"email", "Trainee@Example.org"}});
    ASSERT_EQ(asked.status, 202) << asked.body;

    auto const mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1u);
    auto const& mail = mails[0];
    EXPECT_EQ(mail.rcpt_tos, std::vector<std::string>{"trainee@example.org"});
    EXPECT_EQ(mail.header("Subject"), "Your sign-in link for Village");
    EXPECT_EQ(mail.content_type, "multipart/alternative");
    auto const token = token_in(mail, "/sign-in/link");
    ASSERT_FALSE(token.empty()) << mail.text;
    EXPECT_NE(mail.html.find(std::string(kBaseUrl) + "/sign-in/link?token=" + token),
              std::string::npos);

    HttpClient browser = server.client();
    auto const used = browser.post("/api/v1/session/link/redeem", bj::object{{"token", token}});
    ASSERT_EQ(used.status, 200) << used.body;
    EXPECT_EQ(used.json().at("member").at("email").as_string(), "trainee@example.org");
    EXPECT_TRUE(used.header("set-cookie")->starts_with("village_session="));
    EXPECT_EQ(signed_in_as(browser), "trainee@example.org");

    HttpClient again = server.client();
    auto const second = again.post("/api/v1/session/link/redeem", bj::object{{"token", token}});
    EXPECT_EQ(second.status, 401);
    EXPECT_EQ(second.error_code(), "unauthorized");
    EXPECT_EQ(signed_in_as(again), "");
}

TEST_F(MailSignIn, AnExpiredLinkIsRefused) {
    ASSERT_EQ(
        anonymous.post("/api/v1/session/link", bj::object{{"email", "trainer@example.org"}}).status,
        202);
    auto const mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1u);
    auto const token = token_in(mails[0], "/sign-in/link");
    // Sixteen minutes later, through the service with the time injected.
    store::Db db(server.database());
    auto const later = now_ms() + 16 * 60 * 1000;
    auto const late = mail::sign_in::redeem(db, token, {}, 60'000, later);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, Errc::unauthorized);
    // Fourteen minutes later it would still have worked, once.
    auto const in_time = mail::sign_in::redeem(db, token, {}, 60'000, now_ms() + 14 * 60 * 1000);
    EXPECT_TRUE(in_time);
}

TEST_F(MailSignIn, UnknownAndKnownEmailsGetTheSameAnswerAndOnlyMembersGetMail) {
    auto const known =
        anonymous.post("/api/v1/session/link", bj::object{{"email", "guest@example.org"}});
    auto const unknown =
        anonymous.post("/api/v1/session/link", bj::object{{"email", "nobody@example.org"}});
    EXPECT_EQ(known.status, 202);
    EXPECT_EQ(unknown.status, known.status);
    EXPECT_EQ(unknown.body, known.body);
    EXPECT_EQ(unknown.header("content-type"), known.header("content-type"));
    auto const mails = sink.wait_for(1);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    ASSERT_EQ(sink.received().size(), 1u);
    EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"guest@example.org"});
    EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_links"), 1);
}

TEST_F(MailSignIn, ADeactivatedMemberGetsNoLinkAndAnOutstandingLinkStopsWorking) {
    ASSERT_EQ(
        anonymous.post("/api/v1/session/link", bj::object{{"email", "trainee@example.org"}}).status,
        202);
    auto const token = token_in(sink.wait_for(1).at(0), "/sign-in/link");
    auto const off = admin.patch("/api/v1/members/" + std::to_string(people.trainee.value),
                                 bj::object{{"deactivated", true}});
    ASSERT_EQ(off.status, 200) << off.body;
    HttpClient browser = server.client();
    EXPECT_EQ(browser.post("/api/v1/session/link/redeem", bj::object{{"token", token}}).status,
              401);
    ASSERT_EQ(
        anonymous.post("/api/v1/session/link", bj::object{{"email", "trainee@example.org"}}).status,
        202);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    EXPECT_EQ(sink.received().size(), 1u);
}

TEST_F(MailSignIn, RequestsAreRateLimitedPerEmailWhetherOrNotItHasAnAccount) {
    for (auto const* email : {"trainee@example.org", "nobody@example.org"}) {
        HttpClient client = server.client();
        for (std::size_t i = 0; i < accounts::rate_limit::kPerAccount.max_failures; ++i) {
            ASSERT_EQ(client.post("/api/v1/session/link", bj::object{{"email", email}}).status,
                      202);
        }
        auto const limited = client.post("/api/v1/session/link", bj::object{{"email", email}});
        EXPECT_EQ(limited.status, 429) << email;
        EXPECT_EQ(limited.error_code(), "rate_limited");
        EXPECT_TRUE(limited.header("retry-after").has_value());
    }
    // Asking for links never locks the password out.
    EXPECT_EQ(anonymous
                  .post("/api/v1/session", bj::object{{"email", "trainee@example.org"},
                                                      {"password", testing::kPassword}})
                  .status,
              200);
}

TEST_F(MailSignIn, BadInputIsA400AndWritesNothing) {
    auto const before = count("SELECT COUNT(*) FROM mail_outbox");
    struct Case {
        std::string path;
        std::string body;
        std::string field;
    };
    std::vector<Case> const cases = {
        {"/api/v1/session/link", "not json", ""},
        {"/api/v1/session/link", "[]", ""},
        {"/api/v1/session/link", "{}", "email"},
        {"/api/v1/session/link", R"({"email": 42})", "email"},
        {"/api/v1/session/link", R"({"email": "no-at-sign"})", "email"},
        {"/api/v1/session/link", R"({"email": ")" + std::string(300, 'a') + R"(@x.org"})", "email"},
        {"/api/v1/session/link/redeem", "{}", "token"},
        {"/api/v1/session/link/redeem", R"({"token": ""})", "token"},
        {"/api/v1/session/link/redeem", R"({"token": 7})", "token"},
        {"/api/v1/session/link/redeem", "{\"token\": \"\xff\xfe\"}", ""},  // not UTF-8
    };
    for (auto const& c : cases) {
        auto const r =
            anonymous.request("POST", c.path, c.body, {{"Content-Type", "application/json"}});
        EXPECT_TRUE(r.status == 400 || r.status == 413)
            << c.path << " " << c.body << " → " << r.status;
        if (!c.field.empty() && r.status == 400) {
            EXPECT_EQ(r.json().at("error").at("field"), bj::value(c.field)) << c.body;
        }
    }
    auto const wrong =
        anonymous.post("/api/v1/session/link/redeem", bj::object{{"token", std::string(43, 'A')}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), before);
    EXPECT_EQ(count("SELECT COUNT(*) FROM sign_in_links"), 0);
}

}  // namespace
}  // namespace village::mail_it
