// Two real `village serve` processes on one PostgreSQL share one outbox: every mail is sent
// once, by one of them (the claim's FOR UPDATE SKIP LOCKED), none twice, none lost.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "mail/outbox.hpp"
#include "support/process.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_database.hpp"

namespace village {
namespace {

std::filesystem::path temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "village-procs-XXXXXX").string();
    return ::mkdtemp(pattern.data());
}

std::size_t lines_containing(std::filesystem::path const& file, std::string const& text) {
    std::ifstream in(file);
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) n += line.find(text) != std::string::npos;
    return n;
}

TEST(MailProcesses, TwoServersOnOnePostgresSendEachMailOnce) {
    if (!testing::test_postgres_url()) GTEST_SKIP() << "VILLAGE_TEST_DATABASE_URL is not set";
    auto const url = testing::create_postgres_database();
    auto database = store::open_database(url, {});
    ASSERT_TRUE(database);
    (*database)->migrate();

    testing::SmtpSink sink;
    auto const dir = temp_dir();
    std::vector<std::unique_ptr<testing::ChildProcess>> servers;
    std::vector<std::uint16_t> ports;
    for (int i = 0; i < 2; ++i) {
        auto const port = testing::free_port();
        auto const data = dir / ("data" + std::to_string(i));
        servers.push_back(std::make_unique<testing::ChildProcess>(
            std::vector<std::string>{VILLAGE_BINARY, "serve", "--database", url, "--listen",
                                     "127.0.0.1", "--port", std::to_string(port), "--data-dir",
                                     data.string(), "--smtp-host", "127.0.0.1", "--smtp-port",
                                     std::to_string(sink.port()), "--smtp-security", "none",
                                     "--mail-retry-seconds", "1", "--base-url",
                                     "https://village.test"},
            std::map<std::string, std::string>{},
            (dir / ("server" + std::to_string(i) + ".log")).string()));
        ports.push_back(port);
    }
    for (auto port : ports) ASSERT_TRUE(testing::wait_for_port(port, std::chrono::seconds(30)));

    // Queued while both run, a few at a time, as changes across the community would.
    constexpr int kMails = 40;
    Config config;
    config.base_url = "https://village.test";
    auto const sender = mail::sender_from(config);
    std::set<std::string> queued;
    store::Db db(**database);
    for (int i = 0; i < kMails; ++i) {
        auto tx = db.begin();
        mail::outbox::enqueue(tx, sender,
                              mail::Outgoing{"notification",
                                             std::nullopt,
                                             {"p" + std::to_string(i) + "@example.org", ""},
                                             {"Mail " + std::to_string(i), "text", "<p>html</p>"},
                                             {}});
        tx.commit();
        if (i % 5 == 4) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (auto const& row : db.query("SELECT message_id FROM mail_outbox")) queued.insert(row.text(0));
    ASSERT_EQ(queued.size(), static_cast<std::size_t>(kMails));

    auto received = sink.wait_for(kMails, std::chrono::seconds(60));
    ASSERT_EQ(received.size(), static_cast<std::size_t>(kMails));
    std::this_thread::sleep_for(std::chrono::seconds(3));  // nothing more comes
    received = sink.received();
    EXPECT_EQ(received.size(), static_cast<std::size_t>(kMails));
    std::set<std::string> arrived;
    for (auto const& m : received) arrived.insert(m.header("Message-ID"));
    EXPECT_EQ(arrived, queued);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")->i64(0), 0);
    // Each was claimed once: no process took a mail another was sending.
    EXPECT_EQ(db.query_one("SELECT MAX(attempts) FROM mail_outbox")->i64(0), 1);

    for (auto& server : servers) EXPECT_EQ(server->stop(), 0);
    std::size_t const by_first = lines_containing(dir / "server0.log", ") to p");
    std::size_t const by_second = lines_containing(dir / "server1.log", ") to p");
    EXPECT_EQ(by_first + by_second, static_cast<std::size_t>(kMails));
    std::cout << "sent by the first process: " << by_first << ", by the second: " << by_second
              << "\n";
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace village
