// The outbox against a real SMTP server (aiosmtpd on loopback): mails queued while the server
// is down all arrive, once each, when it is back; with no SMTP server they become .eml files;
// and what arrives is good mail as a MIME parser reads it.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <thread>

#include "mail/outbox.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_server.hpp"

namespace village {
namespace {

using testing::SmtpSink;
using testing::TestServer;

std::function<void(Config&)> smtp_to(SmtpSink const& sink) {
    return [port = sink.port()](Config& c) {
        c.smtp_host = "127.0.0.1";
        c.smtp_port = port;
        c.smtp_security = "none";
        c.mail_from = "Village Test <noreply@village.test>";
        c.mail_retry_seconds = 1;
        c.base_url = "https://village.test";
    };
}

// Queues one mail the way a service does: inside a transaction, sent only after commit.
std::int64_t queue(TestServer& server, std::string const& to, std::string const& subject) {
    store::Db db(server.database());
    auto tx = db.begin();
    mail::Outgoing out{"notification",
                       std::nullopt,
                       {to, "Tess Trainee"},
                       {subject, "Plain words for " + to, "<p>HTML words for " + to + "</p>"},
                       {}};
    auto const id = mail::outbox::enqueue(tx, mail::sender_from(server.config()), out);
    tx.commit();
    return id;
}

TEST(MailOutbox, MailsQueuedWhileTheServerIsDownArriveOnceEachWhenItIsBack) {
    SmtpSink sink;
    TestServer server(smtp_to(sink));
    sink.stop();

    constexpr int kMails = 6;
    std::set<std::string> message_ids;
    for (int i = 0; i < kMails; ++i) {
        queue(server, "person" + std::to_string(i) + "@example.org", "Mail " + std::to_string(i));
    }
    store::Db db(server.database());
    for (auto const& row : db.query("SELECT message_id FROM mail_outbox")) {
        message_ids.insert(row.text(0));
    }
    ASSERT_EQ(message_ids.size(), static_cast<std::size_t>(kMails));

    // The worker tries, fails, and keeps every mail queued with the error.
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (db.query_one("SELECT COUNT(*) FROM mail_outbox WHERE attempts > 0 AND last_error IS "
                        "NOT NULL")
                   ->i64(0) < kMails &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM mail_outbox WHERE last_error IS NOT NULL")->i64(0),
              kMails);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL")->i64(0),
              0);

    sink.start();
    auto received = sink.wait_for(kMails, std::chrono::seconds(30));
    ASSERT_EQ(received.size(), static_cast<std::size_t>(kMails));
    // Another few retry intervals: nothing arrives twice.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    received = sink.received();
    ASSERT_EQ(received.size(), static_cast<std::size_t>(kMails));
    std::set<std::string> arrived;
    for (auto const& mail : received) arrived.insert(mail.header("Message-ID"));
    EXPECT_EQ(arrived, message_ids);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND "
                           "last_error IS NULL")
                  ->i64(0),
              kMails);
}

TEST(MailOutbox, WhatArrivesIsMultipartMailWithEncodedHeaders) {
    SmtpSink sink;
    TestServer server(smtp_to(sink));
    store::Db db(server.database());
    {
        auto tx = db.begin();
        mail::Outgoing out{
            "notification",
            std::nullopt,
            {"zoe@example.org", "Zoë Ó'Brien, ST3"},
            {"Neonatal teaching day — café at 9 ✓ and a long subject that needs folding over "
             "more than one encoded word",
             "Plain: café ✓", "<p>HTML: caf&eacute; ✓</p>"},
            {{"List-Unsubscribe", "<https://village.test/api/v1/mail/unsubscribe?token=abc>"},
             {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}}};
        mail::outbox::enqueue(tx, mail::sender_from(server.config()), out);
        tx.commit();
    }
    auto const received = sink.wait_for(1);
    ASSERT_EQ(received.size(), 1u);
    auto const& m = received[0];
    EXPECT_TRUE(m.defects.empty());
    EXPECT_EQ(m.content_type, "multipart/alternative");
    EXPECT_EQ(m.header("Subject"),
              "Neonatal teaching day — café at 9 ✓ and a long subject that needs folding over "
              "more than one encoded word");
    EXPECT_TRUE(m.raw_header("Subject").starts_with("=?UTF-8?B?")) << m.raw_header("Subject");
    // The parser shows the decoded name quoted, because of its comma.
    EXPECT_EQ(m.header("To"), "\"Zoë Ó'Brien, ST3\" <zoe@example.org>");
    EXPECT_EQ(m.header("From"), "Village Test <noreply@village.test>");
    EXPECT_EQ(m.mail_from, "noreply@village.test");
    ASSERT_EQ(m.rcpt_tos.size(), 1u);
    EXPECT_EQ(m.rcpt_tos[0], "zoe@example.org");
    EXPECT_TRUE(m.header("Message-ID").ends_with("@village.test>")) << m.header("Message-ID");
    EXPECT_FALSE(m.header("Date").empty());
    EXPECT_EQ(m.text, "Plain: café ✓");
    EXPECT_EQ(m.html, "<p>HTML: caf&eacute; ✓</p>");
    EXPECT_EQ(m.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
}

TEST(MailOutbox, WithoutAnSmtpServerMailsBecomeEmlFilesInTheDataFolder) {
    TestServer server([](Config& c) { c.base_url = "https://village.test"; });
    auto const id = queue(server, "offline@example.org", "Written to disk");
    auto const folder = std::filesystem::path(server.config().data_dir) / "mail";
    std::filesystem::path file;
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (file.empty() && std::chrono::steady_clock::now() < deadline) {
        std::error_code ec;
        for (auto const& entry : std::filesystem::directory_iterator(folder, ec)) {
            if (entry.path().extension() == ".eml") file = entry.path();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_FALSE(file.empty()) << "no .eml file in " << folder;
    auto const mail = testing::parse_mail_file(file);
    EXPECT_EQ(mail.header("Subject"), "Written to disk");
    EXPECT_EQ(mail.header("To"), "Tess Trainee <offline@example.org>");
    EXPECT_EQ(mail.text, "Plain words for offline@example.org");
    store::Db db(server.database());
    EXPECT_EQ(db.query_one("SELECT message_id FROM mail_outbox WHERE id = $1", id)->text(0),
              mail.header("Message-ID"));
    EXPECT_FALSE(db.query_one("SELECT sent_at FROM mail_outbox WHERE id = $1", id)->is_null(0));
}

}  // namespace
}  // namespace village
