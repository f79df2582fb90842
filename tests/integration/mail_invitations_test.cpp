// Invitations over HTTP: an admin invites (one person, or a pasted list), the mail arrives at
// a real SMTP server, and the link's acceptance creates the member and signs them in.
#include <set>
#include <thread>

#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

class MailInvitations : public MailFixture {
  protected:
    std::int64_t make_group(std::string const& name) {
        auto const r = admin.post("/api/v1/groups", bj::object{{"name", name}});
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().at("id").as_int64();
    }
};

TEST_F(MailInvitations, InviteThenAcceptSignsTheNewMemberIn) {
    auto const st1 = make_group("ST1–3");
    auto const invited =
        admin.post("/api/v1/invitations", bj::object{{"email", "Nia.New@Example.org"},
                                                     {"display_name", "Nia New"},
                                                     {"role", "trainee"},
                                                     {"grade", "ST1"},
                                                     {"site", "St Mary's"},
                                                     {"group_ids", bj::array{st1}}});
    ASSERT_EQ(invited.status, 201) << invited.body;
    EXPECT_EQ(invited.json().at("email").as_string(), "Nia.New@Example.org");
    EXPECT_EQ(invited.json().at("invited_by"), bj::value(people.admin.value));
    EXPECT_EQ(invited.json().at("invited_by_name").as_string(), "Ada Admin");

    auto const mails = sink.wait_for(1);
    ASSERT_EQ(mails.size(), 1u);
    auto const& mail = mails[0];
    EXPECT_EQ(mail.rcpt_tos, std::vector<std::string>{"Nia.New@Example.org"});
    EXPECT_EQ(mail.header("Subject"), "Ada Admin invites you to Village");
    EXPECT_EQ(mail.header("To"), "Nia New <Nia.New@Example.org>");
    auto const token = token_in(mail, "/join");
    ASSERT_FALSE(token.empty()) << mail.text;

    HttpClient browser = server.client();
    auto const preview = browser.get("/api/v1/invitations/preview?token=" + token);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_EQ(preview.json().at("display_name").as_string(), "Nia New");
    EXPECT_EQ(preview.json().at("grade").as_string(), "ST1");

    auto const accepted =
        browser.post("/api/v1/invitations/accept",
                     bj::object{{"token", token},
                                {"display_name", "Nia Newton"},
                                {"grade", "ST2"},
                                {"interests", bj::array{"neonatology", "cardiology"}}});
    ASSERT_EQ(accepted.status, 201) << accepted.body;
    EXPECT_TRUE(accepted.header("set-cookie")->starts_with("village_session="));
    browser.set_csrf_token(std::string(accepted.json().at("csrf_token").as_string()));

    auto const me = browser.get("/api/v1/me");
    ASSERT_EQ(me.status, 200);
    auto const me_json = me.json();
    auto const& m = me_json.as_object();
    EXPECT_EQ(m.at("email").as_string(), "Nia.New@Example.org");
    EXPECT_EQ(m.at("display_name").as_string(), "Nia Newton");
    EXPECT_EQ(m.at("grade").as_string(), "ST2");
    EXPECT_EQ(m.at("site").as_string(), "St Mary's");
    EXPECT_EQ(m.at("role").as_string(), "trainee");
    EXPECT_EQ(m.at("interests"), (bj::array{"neonatology", "cardiology"}));
    EXPECT_EQ(m.at("has_password"), bj::value(false));
    auto const group = admin.get("/api/v1/groups/" + std::to_string(st1));
    ASSERT_EQ(group.status, 200);
    EXPECT_EQ(group.json().at("members").as_array().size(), 1u);

    // The link works once.
    HttpClient other = server.client();
    auto const again = other.post("/api/v1/invitations/accept", bj::object{{"token", token}});
    EXPECT_EQ(again.status, 403);
    EXPECT_EQ(again.json().at("error").at("field"), bj::value("token"));
    EXPECT_EQ(other.get("/api/v1/invitations/preview?token=" + token).status, 404);

    auto const list = admin.get("/api/v1/invitations");
    ASSERT_EQ(list.status, 200);
    auto const list_json = list.json();
    auto const& first = list_json.at("invitations").at(0);
    EXPECT_FALSE(first.at("accepted_at").is_null());
    EXPECT_EQ(first.at("member_id"), m.at("id"));
}

TEST_F(MailInvitations, APastedListInvitesEveryGoodLineAndReportsTheOthers) {
    make_group("Trainers");
    make_group("Neonatal interest");
    std::string const text =
        "email, name, role, grade, site, groups\n"
        "ana@example.org, Ana Ayodele, trainee, ST3, Royal Infirmary, Neonatal interest\n"
        "\n"
        "# organisers\n"
        "ben@example.org, \"Bennett, Ben\", trainer, , , Trainers; Neonatal interest\n"
        "not-an-email, Someone\n"
        "cat@example.org, Cat, superhero\n"
        "dan@example.org, Dan, trainee, ST1, , No such group\n"
        "trainee@example.org, Tess Again\n"
        "ana@example.org, Ana Twice\n"
        "eve@example.org,\n";
    auto const r = admin.post("/api/v1/invitations/batch", bj::object{{"text", text}});
    ASSERT_EQ(r.status, 200) << r.body;
    auto const body = r.json();
    auto const& invited = body.at("invited").as_array();
    ASSERT_EQ(invited.size(), 2u);
    EXPECT_EQ(invited[0].at("email").as_string(), "ana@example.org");
    EXPECT_EQ(invited[1].at("display_name").as_string(), "Bennett, Ben");
    EXPECT_EQ(invited[1].at("role").as_string(), "trainer");
    EXPECT_EQ(invited[1].at("group_ids").as_array().size(), 2u);

    auto const& errors = body.at("errors").as_array();
    std::vector<std::pair<std::int64_t, std::string>> got;
    for (auto const& e : errors) {
        got.emplace_back(e.at("line").as_int64(),
                         e.at("field").is_null() ? "" : std::string(e.at("field").as_string()));
    }
    std::vector<std::pair<std::int64_t, std::string>> const want = {
        {6, "email"}, {7, "role"},   {8, "groups"},
        {9, "email"}, {10, "email"}, {11, "display_name"}};
    EXPECT_EQ(got, want) << r.body;
    EXPECT_EQ(errors[3].at("code").as_string(), "conflict");  // already a member

    auto const mails = sink.wait_for(2);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    ASSERT_EQ(sink.received().size(), 2u);
    std::set<std::string> to;
    for (auto const& m : mails) to.insert(m.rcpt_tos.at(0));
    EXPECT_EQ(to, (std::set<std::string>{"ana@example.org", "ben@example.org"}));
}

TEST_F(MailInvitations, OnlyAdminsInviteOrListInvitations) {
    struct Who {
        char const* name;
        HttpClient* client;
        int status;
    };
    std::vector<Who> const people_ = {{"anonymous", &anonymous, 401},
                                      {"guest", &guest, 403},
                                      {"trainee", &trainee, 403},
                                      {"trainer", &trainer, 403}};
    for (auto const& who : people_) {
        SCOPED_TRACE(who.name);
        EXPECT_EQ(who.client
                      ->post("/api/v1/invitations",
                             bj::object{{"email", "x@example.org"}, {"display_name", "X"}})
                      .status,
                  who.status);
        EXPECT_EQ(
            who.client->post("/api/v1/invitations/batch", bj::object{{"text", "y@example.org, Y"}})
                .status,
            who.status);
        EXPECT_EQ(who.client->get("/api/v1/invitations").status, who.status);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM invitations"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
    EXPECT_EQ(admin
                  .post("/api/v1/invitations",
                        bj::object{{"email", "x@example.org"}, {"display_name", "X"}})
                  .status,
              201);
    EXPECT_EQ(
        admin.post("/api/v1/invitations/batch", bj::object{{"text", "y@example.org, Y"}}).status,
        200);
    EXPECT_EQ(admin.get("/api/v1/invitations").status, 200);
    // Preview and accept need no sign-in (the token is the proof); every role reaches them
    // and a wrong token is refused for all alike.
    for (auto* client : {&anonymous, &guest, &trainee, &trainer, &admin}) {
        EXPECT_EQ(client->get("/api/v1/invitations/preview?token=" + std::string(43, 'x')).status,
                  404);
        EXPECT_EQ(
            client->post("/api/v1/invitations/accept", bj::object{{"token", std::string(43, 'x')}})
                .status,
            403);
    }
}

TEST_F(MailInvitations, BadInputIsA400AndWritesNothing) {
    struct Case {
        std::string path;
        std::string body;
        int status;
        std::string field;
    };
    std::vector<Case> const cases = {
        {"/api/v1/invitations", "nope", 400, ""},
        {"/api/v1/invitations", "{}", 400, "email"},
        {"/api/v1/invitations", R"({"email":"a@b.org"})", 400, "display_name"},
        {"/api/v1/invitations", R"({"email":"a@b.org","display_name":"  "})", 400, "display_name"},
        {"/api/v1/invitations", R"({"email":"ab.org","display_name":"A"})", 400, "email"},
        {"/api/v1/invitations", R"({"email":"a@b.org","display_name":"A","role":"king"})", 400,
         "role"},
        {"/api/v1/invitations", R"({"email":"a@b.org","display_name":"A","group_ids":[999]})", 400,
         "group_ids"},
        {"/api/v1/invitations", R"({"email":"a@b.org","display_name":"A","group_ids":"x"})", 400,
         "group_ids"},
        {"/api/v1/invitations", R"({"email":"a@b.org","display_name":"A","grade":7})", 400,
         "grade"},
        {"/api/v1/invitations",
         R"({"email":"a@b.org","display_name":")" + std::string(201, 'n') + R"("})", 413,
         "display_name"},
        {"/api/v1/invitations", R"({"email":"admin@example.org","display_name":"A"})", 409,
         "email"},
        {"/api/v1/invitations/batch", "{}", 400, "text"},
        {"/api/v1/invitations/batch", R"({"text": 5})", 400, "text"},
        {"/api/v1/invitations/batch", R"({"text": "\n# nobody\n"})", 400, "text"},
        {"/api/v1/invitations/batch", R"({"text": "bad-line"})", 200, ""},
        {"/api/v1/invitations/accept", "{}", 400, "token"},
        {"/api/v1/invitations/accept", R"({"token":"x","interests":"neo"})", 400, "interests"},
        {"/api/v1/invitations/accept", R"({"token":"x","display_name":5})", 400, "display_name"},
    };
    for (auto const& c : cases) {
        auto const r =
            admin.request("POST", c.path, c.body, {{"Content-Type", "application/json"}});
        EXPECT_EQ(r.status, c.status) << c.path << " " << c.body << " → " << r.body;
        if (!c.field.empty()) {
            EXPECT_EQ(r.json().at("error").at("field"), bj::value(c.field)) << c.body;
        }
    }
    EXPECT_EQ(admin.get("/api/v1/invitations?limit=0").status, 400);
    EXPECT_EQ(admin.get("/api/v1/invitations?before=x").status, 400);
    EXPECT_EQ(anonymous.get("/api/v1/invitations/preview").status, 400);
    EXPECT_EQ(count("SELECT COUNT(*) FROM invitations"), 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox"), 0);
}

}  // namespace
}  // namespace village::mail_it
