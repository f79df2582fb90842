// Mail preferences over HTTP, and RFC 8058 one-click unsubscribe from a real mail's
// List-Unsubscribe header, without signing in.
#include "mail/preferences.hpp"

#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

class MailPreferences : public MailFixture {
  protected:
    // A mail to the trainee carrying the unsubscribe headers, as digests carry them.
    ReceivedMail mail_with_unsubscribe() {
        store::Db db(server.database());
        auto tx = db.begin();
        auto const sender = mail::sender_from(server.config());
        auto const link = mail::preferences::unsubscribe_link(tx, sender, people.trainee);
        mail::outbox::enqueue(tx, sender,
                              mail::Outgoing{"digest",
                                             people.trainee,
                                             {"trainee@example.org", "Tess Trainee"},
                                             {"Your daily Village digest", "text", "<p>html</p>"},
                                             mail::preferences::unsubscribe_headers(link)});
        tx.commit();
        return sink.wait_for(1).at(0);
    }
};

TEST_F(MailPreferences, DefaultsAreADailyDigestAndMembersChangeTheirOwn) {
    auto const got = trainee.get("/api/v1/me/mail");
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.json(), bj::parse(R"({"notify":"daily","digest_time":"07:00","time_zone":null})"));
    auto const set = trainee.patch("/api/v1/me/mail",
                                   bj::object{{"notify", "weekly"},
                                              {"digest_time", "18:30"},
                                              {"time_zone", "Europe/London"}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_EQ(trainee.get("/api/v1/me/mail").json(),
              bj::parse(R"({"notify":"weekly","digest_time":"18:30","time_zone":"Europe/London"})"));
    // Someone else's stay as they were.
    EXPECT_EQ(trainer.get("/api/v1/me/mail").json().at("notify"), bj::value("daily"));
    EXPECT_EQ(anonymous.get("/api/v1/me/mail").status, 401);
    EXPECT_EQ(anonymous.patch("/api/v1/me/mail", bj::object{{"notify", "never"}}).status, 401);
    for (auto* client : {&guest, &trainer, &admin}) {
        EXPECT_EQ(client->patch("/api/v1/me/mail", bj::object{{"notify", "never"}}).status, 200);
    }
}

TEST_F(MailPreferences, BadInputIsA400NamingTheFieldAndChangesNothing) {
    std::vector<std::pair<std::string, std::string>> const cases = {
        {R"({"notify":"hourly"})", "notify"},  {R"({"notify":3})", "notify"},
        {R"({"digest_time":"7:00"})", "digest_time"}, {R"({"digest_time":"24:00"})", "digest_time"},
        {R"({"digest_time":"07:60"})", "digest_time"}, {R"({"time_zone":"Mars/Olympus"})", "time_zone"},
        {R"({"time_zone":5})", "time_zone"}};
    for (auto const& [body, field] : cases) {
        auto const r = trainee.request("PATCH", "/api/v1/me/mail", body,
                                       {{"Content-Type", "application/json"}});
        EXPECT_EQ(r.status, 400) << body;
        EXPECT_EQ(r.json().at("error").at("field"), bj::value(field)) << body;
    }
    EXPECT_EQ(trainee.request("PATCH", "/api/v1/me/mail", "nope", {}).status, 400);
    EXPECT_EQ(trainee.get("/api/v1/me/mail").json(),
              bj::parse(R"({"notify":"daily","digest_time":"07:00","time_zone":null})"));
}

TEST_F(MailPreferences, OneClickUnsubscribeWorksWithoutSigningIn) {
    auto const mail = mail_with_unsubscribe();
    EXPECT_EQ(mail.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
    auto header = mail.header("List-Unsubscribe");
    ASSERT_TRUE(header.starts_with("<") && header.ends_with(">")) << header;
    auto const url = header.substr(1, header.size() - 2);
    auto const prefix = std::string(kBaseUrl) + "/api/v1/mail/unsubscribe?token=";
    ASSERT_TRUE(url.starts_with(prefix)) << url;
    auto const target = url.substr(std::string(kBaseUrl).size());

    // A link scanner's GET changes nothing.
    HttpClient mail_client = server.client();
    auto const looked = mail_client.get(target);
    ASSERT_EQ(looked.status, 200) << looked.body;
    EXPECT_EQ(looked.json().at("preferences").at("notify"), bj::value("daily"));

    // What a mail client sends (RFC 8058): a form POST, no cookie, no CSRF token.
    auto const posted =
        mail_client.request("POST", target, "List-Unsubscribe=One-Click",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(posted.status, 200) << posted.body;
    EXPECT_EQ(posted.json().at("display_name"), bj::value("Tess Trainee"));
    EXPECT_EQ(trainee.get("/api/v1/me/mail").json().at("notify"), bj::value("never"));
    EXPECT_EQ(trainer.get("/api/v1/me/mail").json().at("notify"), bj::value("daily"));

    // A token changed by one character, or made up, is refused and changes nothing.
    auto tampered = target;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(mail_client.request("POST", tampered, "List-Unsubscribe=One-Click", {}).status, 404);
    auto const payload_only = target.substr(0, target.find('.'));
    EXPECT_EQ(mail_client.request("POST", payload_only, "", {}).status, 404);
    EXPECT_EQ(mail_client.request("POST", "/api/v1/mail/unsubscribe", "", {}).status, 400);
    EXPECT_EQ(mail_client.request("POST", "/api/v1/mail/unsubscribe?token=x.y", "", {}).status,
              404);
}

}  // namespace
}  // namespace village::mail_it
