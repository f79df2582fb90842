// PostgreSQL-only behaviour: the pool, lost connections, concurrent migrations. Skips unless
// VILLAGE_TEST_DATABASE_URL names a test server (scripts/postgres-for-tests starts one).
#include "store/postgres/postgres_database.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/migration.hpp"
#include "support/test_database.hpp"

namespace village::store::postgres {

extern const std::vector<store::Migration> kMigrations;

namespace {

using namespace std::chrono_literals;

std::unique_ptr<Database> open(std::string const& url, DatabaseOptions options = {}) {
    auto db = open_database(url, options);
    if (!db) throw std::runtime_error(db.error().detail);
    return std::move(*db);
}

void insert_member(Sql& sql, std::string const& email) {
    sql.exec(
        "INSERT INTO members (email, email_key, display_name, role, created_at, updated_at) "
        "VALUES ($1, $1, 'Someone', 'trainee', 0, 0)",
        email);
}

class Postgres : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!testing::test_postgres_url()) GTEST_SKIP() << "VILLAGE_TEST_DATABASE_URL is not set";
        url_ = testing::create_postgres_database();
        admin_ = open(*testing::test_postgres_url());
    }
    // Ends a server process the way a restart or an administrator would, and waits for it.
    void terminate(std::int64_t pid) {
        Db admin(*admin_);
        ASSERT_TRUE(admin.query_one("SELECT pg_terminate_backend($1, 5000)", pid)->flag(0));
    }
    std::string url_;
    std::unique_ptr<Database> admin_;
};

TEST_F(Postgres, AConnectionLostMidTransactionFailsWithUnavailableThenTheNextJobSucceeds) {
    auto database = open(url_);
    database->migrate();
    {
        Db db(*database);
        auto tx = db.begin();
        insert_member(tx, "lost@example.org");
        terminate(tx.query_one("SELECT pg_backend_pid()")->i64(0));
        try {
            insert_member(tx, "also-lost@example.org");
            FAIL() << "expected a DbError";
        } catch (DbError const& e) {
            EXPECT_EQ(e.error().code, Errc::unavailable);
        }
    }  // the rollback of a lost connection is quiet, and the connection is dropped
    Db db(*database);
    auto tx = db.begin();
    insert_member(tx, "kept@example.org");
    tx.commit();
    auto rows = db.query("SELECT email FROM members");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "kept@example.org");
}

TEST_F(Postgres, AnIdleConnectionLostInThePoolIsReplacedBeforeUse) {
    auto database = open(url_, {.readers = 1});
    std::int64_t first_pid = 0;
    {
        Db db(*database);
        first_pid = db.query_one("SELECT pg_backend_pid()")->i64(0);
    }
    terminate(first_pid);
    Db db(*database);
    auto const pid = db.query_one("SELECT pg_backend_pid()")->i64(0);
    EXPECT_NE(pid, first_pid);
}

TEST_F(Postgres, ACommitAfterAFailedStatementIsRefusedNotSilentlyRolledBack) {
    auto database = open(url_);
    database->migrate();
    Db db(*database);
    {
        auto tx = db.begin();
        insert_member(tx, "first@example.org");
        EXPECT_THROW(insert_member(tx, "first@example.org"), DbError);
        EXPECT_THROW(tx.commit(), DbError);
    }
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 0);
    auto tx = db.begin();  // the connection went back to the pool in a usable state
    insert_member(tx, "second@example.org");
    tx.commit();
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 1);
}

TEST_F(Postgres, TextWithANulCharacterIsRefusedRatherThanCutShort) {
    auto database = open(url_);
    database->migrate();
    Db db(*database);
    auto tx = db.begin();
    try {
        insert_member(tx, std::string("cut\0short@example.org", 21));
        FAIL() << "expected a DbError";
    } catch (DbError const& e) {
        EXPECT_EQ(e.error().code, Errc::bad_request);
    }
}

TEST_F(Postgres, TheConnectionPoolIsBounded) {
    auto database = open(url_, {.readers = 1});  // at most 2 connections
    auto first = database->reader();
    auto second = database->writer();
    std::atomic<bool> leased = false;
    std::thread waiter([&] {
        auto third = database->reader();
        leased = true;
    });
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(leased) << "a third connection was opened";
    Rows rows;
    second->run("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()", {},
                &rows);
    EXPECT_EQ(rows.at(0).i64(0), 2);
    first.reset();
    waiter.join();
    EXPECT_TRUE(leased);
}

TEST_F(Postgres, WriteTransactionsOfTwoProcessesRunOneAtATimeAndReadsDoNotWait) {
    auto one = open(url_);
    auto two = open(url_);
    one->migrate();
    // The SQLite-shaped race: both read how many admins there are, then each demotes one.
    // Serialised, the second sees the first's change and keeps the last admin.
    {
        Db db(*one);
        auto tx = db.begin();
        insert_member(tx, "a1@example.org");
        insert_member(tx, "a2@example.org");
        tx.exec("UPDATE members SET role = 'admin'");
        tx.commit();
    }
    std::atomic<int> step = 0;
    auto demote_unless_last = [&](Database& database, std::string const& email) {
        Db db(database);
        auto tx = db.begin();
        auto const admins = tx.query_one("SELECT COUNT(*) FROM members WHERE role = 'admin'");
        ++step;
        // Give the other process every chance to read the same count.
        std::this_thread::sleep_for(200ms);
        if (admins->i64(0) > 1) {
            tx.exec("UPDATE members SET role = 'trainer' WHERE email = $1", email);
        }
        tx.commit();
    };
    std::thread a(demote_unless_last, std::ref(*one), "a1@example.org");
    std::thread b(demote_unless_last, std::ref(*two), "a2@example.org");
    // While a writer holds the lock, a plain read still answers at once.
    while (step == 0) std::this_thread::yield();
    auto const start = std::chrono::steady_clock::now();
    Db reader(*two);
    EXPECT_EQ(reader.query_one("SELECT COUNT(*) FROM members")->i64(0), 2);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 150ms);
    a.join();
    b.join();
    EXPECT_EQ(reader.query_one("SELECT COUNT(*) FROM members WHERE role = 'admin'")->i64(0), 1);
}

TEST_F(Postgres, AWriterWaitsForTheWriteLockForABoundedTimeButMigrationsWaitAsLongAsNeeded) {
    auto database = open(url_, {.readers = 1});  // the next job reuses the migrating connection
    database->migrate();
    Db db(*database);
    // The migration lifted the limit for itself and put it back for the jobs after it.
    EXPECT_EQ(db.query_one("SHOW lock_timeout")->text(0), "10s");
}

TEST_F(Postgres, MigrationsStartedTogetherByTwoProcessesApplyEachMigrationOnce) {
    // Separate Database objects stand for separate processes: separate pools, sessions, locks.
    for (int round = 0; round < 3; ++round) {
        auto const url = round == 0 ? url_ : testing::create_postgres_database();
        auto one = open(url);
        auto two = open(url);
        std::atomic<int> ready = 0;
        std::string failures;
        std::mutex failures_mutex;
        auto migrate = [&](Database& database) {
            ++ready;
            while (ready < 2) std::this_thread::yield();
            try {
                database.migrate();
            } catch (std::exception const& e) {
                std::lock_guard lock(failures_mutex);
                failures += e.what();
            }
        };
        std::thread a(migrate, std::ref(*one));
        std::thread b(migrate, std::ref(*two));
        a.join();
        b.join();
        EXPECT_EQ(failures, "");
        Db db(*one);
        auto rows = db.query(
            "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version");
        ASSERT_EQ(rows.size(), kMigrations.size());
        for (auto const& row : rows) EXPECT_EQ(row.i64(1), 1) << "version " << row.i64(0);
    }
}

TEST(PostgresUnreachable, OpeningFailsFastWithUnavailable) {
    auto const start = std::chrono::steady_clock::now();
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    auto db = open_database("postgresql://postgres@127.0.0.1:1/village", {});
    auto const took = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::unavailable);
    EXPECT_LT(took, 3s);
}

TEST(PostgresUnreachable, AServerThatNeverAnswersIsGivenUpAfterTheConnectTimeout) {
    // A socket that listens but never speaks: the kernel completes the TCP handshake, and the
    // startup message then waits for an answer that does not come.
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(fd, 8), 0);
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
    auto const port = ntohs(address.sin_port);

    auto const start = std::chrono::steady_clock::now();
    auto db = open_database(fmt::format("postgresql://postgres@127.0.0.1:{}/village", port), {});
    auto const took = std::chrono::steady_clock::now() - start;
    ::close(fd);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::unavailable);
    EXPECT_GE(took, 1s);
    EXPECT_LT(took, 5s);
}

}  // namespace

}  // namespace village::store::postgres
