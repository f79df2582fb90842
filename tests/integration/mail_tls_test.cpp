// SMTP over TLS, against aiosmtpd with a self-signed certificate made by openssl for the test:
// STARTTLS (the sink requires it before any mail) and implicit TLS (SMTPS) deliver when the
// certificate is trusted through smtp_ca_file; plain text to a server that requires STARTTLS,
// and an untrusted certificate, leave the mail queued with the reason — so a delivery proves
// the TLS path was taken and verified. Mails read by the sink's MIME parser.
#include <thread>

#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

using Security = testing::SmtpSink::Security;

// A server that mails the sink with `security`, trusting the sink's certificate or not.
std::function<void(Config&)> over(testing::SmtpSink const& sink, std::string security,
                                  bool trust) {
    return [&sink, security = std::move(security), trust](Config& c) {
        smtp_to(sink)(c);
        c.smtp_security = security;
        if (trust) c.smtp_ca_file = sink.certificate().string();
    };
}

struct Tls {
    Tls(Security mode, std::string security, bool trust)
        : sink(mode),
          server(over(sink, std::move(security), trust)),
          people(testing::create_community(server.database())) {}

    // Asks for a sign-in link by mail, as anyone may.
    void ask_for_link() {
        auto anonymous = server.client();
        auto const r =
            anonymous.post("/api/v1/session/link", bj::object{{"email", "trainee@example.org"}});
        ASSERT_EQ(r.status, 202) << r.body;
    }
    // The reason the worker recorded for the mail it could not send, once it has tried.
    std::string last_error() {
        store::Db db(server.database());
        for (int i = 0; i < 200; ++i) {
            auto row = db.query_one(
                "SELECT last_error FROM mail_outbox WHERE sent_at IS NULL AND last_error IS NOT "
                "NULL");
            if (row) return row->text(0);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return {};
    }
    void expect_delivered() {
        auto const mails = sink.wait_for(1);
        ASSERT_EQ(mails.size(), 1u);
        EXPECT_EQ(mails[0].rcpt_tos, std::vector<std::string>{"trainee@example.org"});
        EXPECT_EQ(mails[0].header("Subject"), "Your sign-in link for Village");
        EXPECT_EQ(mails[0].content_type, "multipart/alternative");
        EXPECT_TRUE(mails[0].defects.empty());
    }

    testing::SmtpSink sink;
    testing::TestServer server;
    testing::Community people;
};

TEST(MailTls, StartTlsDeliversToATrustedServer) {
    Tls t(Security::starttls, "starttls", true);
    t.ask_for_link();
    t.expect_delivered();
}

TEST(MailTls, PlainTextToAServerRequiringStartTlsIsRefusedAndTheMailWaits) {
    Tls t(Security::starttls, "none", true);
    t.ask_for_link();
    auto const error = t.last_error();
    EXPECT_NE(error.find("530"), std::string::npos) << error;  // "Must issue a STARTTLS first"
    EXPECT_TRUE(t.sink.received().empty());
}

TEST(MailTls, AnUntrustedCertificateIsRefusedAndTheMailWaits) {
    Tls t(Security::starttls, "starttls", false);  // the system's certificates only
    t.ask_for_link();
    auto const error = t.last_error();
    EXPECT_NE(error.find("certificate"), std::string::npos) << error;
    EXPECT_TRUE(t.sink.received().empty());
}

TEST(MailTls, ImplicitTlsDeliversToATrustedServer) {
    Tls t(Security::implicit_tls, "tls", true);
    t.ask_for_link();
    t.expect_delivered();
}

}  // namespace
}  // namespace village::mail_it
