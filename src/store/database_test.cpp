// What every backend must do alike, written once and run on SQLite and on PostgreSQL (the
// PostgreSQL cases skip unless VILLAGE_TEST_DATABASE_URL names a test server).
#include <gtest/gtest.h>

#include <limits>

#include "store/database.hpp"
#include "store/migration.hpp"
#include "support/test_database.hpp"

namespace village::store {

namespace sqlite {
extern const std::vector<store::Migration> kMigrations;
}
namespace postgres {
extern const std::vector<store::Migration> kMigrations;
}

namespace {

std::int64_t insert_member(Sql& sql, std::string const& email) {
    auto row = sql.query_one(
        "INSERT INTO members (email, email_key, display_name, role, created_at, updated_at) "
        "VALUES ($1, $2, $3, 'trainee', 0, 0) RETURNING id",
        email, email, std::string("Someone"));
    return row->i64(0);
}

DbError expect_db_error(auto&& action) {
    try {
        action();
    } catch (DbError const& e) {
        return e;
    }
    ADD_FAILURE() << "expected a DbError";
    return DbError(Error{});
}

class EveryBackend : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        database_ = testing::fresh_database(GetParam());
        if (!database_) GTEST_SKIP() << "VILLAGE_TEST_DATABASE_URL is not set";
    }
    std::unique_ptr<Database> database_;
};

TEST_P(EveryBackend, CommittedWritesAreVisibleAndRolledBackOnesAreNot) {
    Db db(*database_);
    {
        auto tx = db.begin();
        insert_member(tx, "kept@example.org");
        tx.commit();
    }
    {
        auto tx = db.begin();
        insert_member(tx, "dropped@example.org");
        // no commit: the destructor rolls back
    }
    auto rows = db.query("SELECT email FROM members ORDER BY id");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].text(0), "kept@example.org");
}

TEST_P(EveryBackend, AfterCommitCallbacksRunOnlyOnCommit) {
    Db db(*database_);
    int runs = 0;
    {
        auto tx = db.begin();
        tx.after_commit([&] { ++runs; });
    }
    EXPECT_EQ(runs, 0);
    auto tx = db.begin();
    tx.after_commit([&] { ++runs; });
    tx.commit();
    EXPECT_EQ(runs, 1);
}

TEST_P(EveryBackend, UniqueViolationComesBackAsConflict) {
    Db db(*database_);
    auto tx = db.begin();
    insert_member(tx, "same@example.org");
    auto e = expect_db_error([&] { insert_member(tx, "same@example.org"); });
    EXPECT_EQ(e.error().code, Errc::conflict);
}

TEST_P(EveryBackend, ForeignKeysAreEnforced) {
    Db db(*database_);
    auto tx = db.begin();
    auto e = expect_db_error([&] {
        tx.exec("INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)", 999, 999);
    });
    EXPECT_EQ(e.error().code, Errc::unprocessable);
}

TEST_P(EveryBackend, CheckAndNotNullViolationsAreUnprocessable) {
    Db db(*database_);
    {
        auto tx = db.begin();
        auto e = expect_db_error([&] {
            tx.exec(
                "INSERT INTO members (email, email_key, display_name, role, created_at, "
                "updated_at) VALUES ('a@b.org', 'a@b.org', 'A', 'pope', 0, 0)");
        });
        EXPECT_EQ(e.error().code, Errc::unprocessable);
    }
    auto tx = db.begin();
    auto e = expect_db_error([&] {
        tx.exec(
            "INSERT INTO members (email, email_key, display_name, role, created_at, updated_at) "
            "VALUES ('a@b.org', 'a@b.org', $1, 'guest', 0, 0)",
            nullptr);
    });
    EXPECT_EQ(e.error().code, Errc::unprocessable);
}

TEST_P(EveryBackend, ADeleteCascadesAlongForeignKeys) {
    Db db(*database_);
    auto tx = db.begin();
    auto const member = insert_member(tx, "gone@example.org");
    tx.exec("INSERT INTO groups (name, name_key, created_at) VALUES ('G', 'g', 0)");
    tx.exec("INSERT INTO group_members (group_id, member_id) SELECT id, $1 FROM groups", member);
    tx.exec("DELETE FROM members WHERE id = $1", member);
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM group_members")->i64(0), 0);
}

TEST_P(EveryBackend, PlaceholdersBindByNumberInAnyOrder) {
    Db db(*database_);
    auto row = db.query_one("SELECT $2 || '-' || $1", std::string("a"), std::string("b"));
    EXPECT_EQ(row->text(0), "b-a");
    // The same parameter twice, and a parameter the statement does not use.
    auto same = db.query_one("SELECT $1 || $1", std::string("x"), std::string("unused"));
    EXPECT_EQ(same->text(0), "xx");
}

TEST_P(EveryBackend, ParametersFitFunctionsOfSmallIntegersAndBareNullChecks) {
    Db db(*database_);
    EXPECT_EQ(db.query_one("SELECT substr($1, $2, $3)", "abcdef", 2, 3)->text(0), "bcd");
    EXPECT_TRUE(db.query_one("SELECT $1 IS NULL", nullptr)->flag(0));
    // Inside a transaction too, and the transaction carries on afterwards.
    auto tx = db.begin();
    insert_member(tx, "in@example.org");
    EXPECT_EQ(tx.query_one("SELECT substr(email, $1, $2) FROM members", 1, 2)->text(0), "in");
    EXPECT_FALSE(tx.query_one("SELECT $1 IS NULL", "x")->flag(0));
    tx.commit();
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 1);
}

TEST_P(EveryBackend, ValuesRoundTripWithTheirTypes) {
    Db db(*database_);
    auto tx = db.begin();
    std::int64_t const big = std::numeric_limits<std::int64_t>::max();
    std::int64_t const at = 1'790'000'000'123;  // a time in milliseconds: past 32 bits
    std::string const name = "Zoë «ST3» 🩺 O'Brien";
    auto const id = tx.query_one(
                          "INSERT INTO members (email, email_key, display_name, role, grade, "
                          "created_at, updated_at, last_seen_at) "
                          "VALUES ($1, $1, $2, 'trainer', $3, $4, $5, $6) RETURNING id",
                          std::string("z@example.org"), name, nullptr, at, big, nullptr)
                        ->i64(0);
    auto row = tx.query_one(
        "SELECT display_name, grade, created_at, updated_at, last_seen_at, id FROM members "
        "WHERE id = $1",
        id);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->text(0), name);
    EXPECT_TRUE(row->is_null(1));
    EXPECT_EQ(row->opt_text(1), std::nullopt);
    EXPECT_EQ(row->i64(2), at);
    EXPECT_EQ(row->i64(3), big);
    EXPECT_EQ(row->opt_i64(4), std::nullopt);
    EXPECT_EQ(row->i64(5), id);
    // Integers arrive as integers, whatever the backend's wire format.
    EXPECT_TRUE(std::holds_alternative<std::int64_t>(row->value(2)));
    // Expressions over 64-bit parameters stay 64-bit.
    EXPECT_EQ(tx.query_one("SELECT COALESCE($1, 0) + 1", at)->i64(0), at + 1);
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM members WHERE created_at > $1", at - 1)->i64(0),
              1);
    EXPECT_EQ(tx.query_one("SELECT SUM(created_at) FROM members")->i64(0), at);
    EXPECT_DOUBLE_EQ(tx.query_one("SELECT $1 * 2", 1.25)->f64(0), 2.5);
    EXPECT_TRUE(tx.query_one("SELECT COUNT(*) > 0 FROM members")->flag(0));
}

TEST_P(EveryBackend, RowsChangedAreCounted) {
    Db db(*database_);
    auto tx = db.begin();
    insert_member(tx, "one@example.org");
    insert_member(tx, "two@example.org");
    EXPECT_EQ(tx.exec("UPDATE members SET grade = 'ST1'"), 2);
    EXPECT_EQ(tx.exec("UPDATE members SET grade = 'ST2' WHERE email = $1", "one@example.org"), 1);
    EXPECT_EQ(tx.exec("DELETE FROM members WHERE email = $1", "nobody@example.org"), 0);
}

TEST_P(EveryBackend, OrderingKeysSortBytewise) {
    Db db(*database_);
    auto tx = db.begin();
    tx.exec(
        "INSERT INTO boards (name, visibility, created_at, updated_at) "
        "VALUES ('B', 'community', 0, 0)");
    auto const board = tx.query_one("SELECT id FROM boards")->i64(0);
    // Upper case before lower, shorter before longer, '~' after letters: plain byte order.
    for (char const* position : {"a", "B", "aa", "~", "Z0", "a0"}) {
        tx.exec(
            "INSERT INTO lists (board_id, name, position, created_at, updated_at) "
            "VALUES ($1, $2, $2, 0, 0)",
            board, std::string(position));
    }
    std::string order;
    for (auto const& row :
         tx.query("SELECT position FROM lists WHERE board_id = $1 ORDER BY position", board)) {
        order += row.text(0) + " ";
    }
    EXPECT_EQ(order, "B Z0 a a0 aa ~ ");
    // Range comparisons (used to place a card between two others) agree with the order.
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM lists WHERE position > $1", "Z")->i64(0), 5);
}

TEST_P(EveryBackend, TextSortsAndLowerCasesByBytesAndAsciiOnly) {
    Db db(*database_);
    auto tx = db.begin();
    for (char const* name : {"Émile", "eve", "ÖLSEN", "Zoë", "adam"}) {
        insert_member(tx, std::string(name) + "@example.org");
        tx.exec("UPDATE members SET display_name = $1 WHERE email = $2", std::string(name),
                std::string(name) + "@example.org");
    }
    std::string order;
    for (auto const& row :
         tx.query("SELECT lower(display_name) FROM members ORDER BY lower(display_name), id")) {
        order += row.text(0) + " ";
    }
    EXPECT_EQ(order, "adam eve zoë Émile Ölsen ");
}

TEST_P(EveryBackend, MigrationsAreRecordedOnce) {
    database_->migrate();
    database_->migrate();
    Db db(*database_);
    auto const& migrations = GetParam() == "postgres" ? postgres::kMigrations : sqlite::kMigrations;
    auto rows = db.query(
        "SELECT version, COUNT(*) FROM schema_migrations GROUP BY version "
        "ORDER BY version");
    ASSERT_EQ(rows.size(), migrations.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].i64(0), migrations[i].version);
        EXPECT_EQ(rows[i].i64(1), 1);
    }
}

TEST_P(EveryBackend, ReadsOutsideATransactionSeeCommittedData) {
    // (Scoped: an in-memory SQLite database reads through its one writer connection.)
    {
        Db reader(*database_);
        EXPECT_EQ(reader.query_one("SELECT COUNT(*) FROM members")->i64(0), 0);
    }
    {
        Db writer(*database_);
        auto tx = writer.begin();
        insert_member(tx, "new@example.org");
        tx.commit();
    }
    Db reader(*database_);
    EXPECT_EQ(reader.query_one("SELECT COUNT(*) FROM members")->i64(0), 1);
}

TEST(EveryBackendMigrations, BothBackendsHaveTheSameMigrationVersions) {
    ASSERT_EQ(sqlite::kMigrations.size(), postgres::kMigrations.size())
        << "every SQLite migration needs its PostgreSQL twin in store/migrations/postgres/";
    for (std::size_t i = 0; i < sqlite::kMigrations.size(); ++i) {
        EXPECT_EQ(sqlite::kMigrations[i].version, postgres::kMigrations[i].version);
        EXPECT_EQ(sqlite::kMigrations[i].title, postgres::kMigrations[i].title);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, EveryBackend, ::testing::ValuesIn(testing::backends()),
                         [](auto const& info) { return info.param; });

}  // namespace

}  // namespace village::store
