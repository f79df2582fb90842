// A running server that sends its mail to a real SMTP server (aiosmtpd on loopback), with one
// member of each role and a signed-in client for each, for the mail integration tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_server.hpp"

namespace village::mail_it {

namespace bj = boost::json;
using testing::HttpClient;
using testing::HttpResponse;
using testing::ReceivedMail;

inline constexpr char const* kBaseUrl = "https://village.test";

// Mail to the sink; links name kBaseUrl (the tests call the server on its real port).
inline std::function<void(Config&)> smtp_to(testing::SmtpSink const& sink) {
    return [port = sink.port()](Config& c) {
        c.smtp_host = "127.0.0.1";
        c.smtp_port = port;
        c.smtp_security = "none";
        c.mail_from = "Village Test <noreply@village.test>";
        c.mail_retry_seconds = 1;
        c.base_url = kBaseUrl;
    };
}

class MailFixture : public ::testing::Test {
  protected:
    MailFixture()
        : server(smtp_to(sink)),
          people(testing::create_community(server.database())),
          anonymous(server.client()),
          guest(testing::sign_in(server, "guest@example.org")),
          trainee(testing::sign_in(server, "trainee@example.org")),
          trainer(testing::sign_in(server, "trainer@example.org")),
          admin(testing::sign_in(server, "admin@example.org")) {}

    std::int64_t count(std::string const& sql) {
        store::Db db(server.database());
        return db.query_one(sql)->i64(0);
    }

    // The token in a mailed link "<kBaseUrl><path>?token=…".
    static std::string token_in(ReceivedMail const& mail, std::string const& path) {
        auto const link = testing::find_link(mail.text, std::string(kBaseUrl) + path + "?token=");
        auto const at = link.find("?token=");
        return at == std::string::npos ? std::string() : link.substr(at + 7);
    }

    // The session a client is signed in as, or "" when it is not.
    static std::string signed_in_as(HttpClient& client) {
        auto const me = client.get("/api/v1/me");
        if (me.status != 200) return {};
        return std::string(me.json().at("email").as_string());
    }

    testing::SmtpSink sink;
    testing::TestServer server;
    testing::Community people;
    HttpClient anonymous;
    HttpClient guest;
    HttpClient trainee;
    HttpClient trainer;
    HttpClient admin;
};

}  // namespace village::mail_it
