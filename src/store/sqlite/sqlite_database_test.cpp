#include "store/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_database.hpp"

namespace village::store {

namespace {

std::int64_t insert_member(Sql& sql, std::string const& email) {
    auto row = sql.query_one(
        "INSERT INTO members (email, email_key, display_name, role, created_at, updated_at) "
        "VALUES ($1, $2, $3, 'trainee', 0, 0) RETURNING id",
        email, email, std::string("Someone"));
    return row->i64(0);
}

}  // namespace

TEST(SqliteDatabase, CommittedWritesAreVisibleAndRolledBackOnesAreNot) {
    auto database = testing::memory_database();
    Db db(*database);
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

TEST(SqliteDatabase, UniqueViolationComesBackAsConflict) {
    auto database = testing::memory_database();
    Db db(*database);
    auto tx = db.begin();
    insert_member(tx, "same@example.org");
    try {
        insert_member(tx, "same@example.org");
        FAIL() << "expected a DbError";
    } catch (DbError const& e) {
        EXPECT_EQ(e.error().code, Errc::conflict);
    }
}

TEST(SqliteDatabase, ForeignKeysAreEnforced) {
    auto database = testing::memory_database();
    Db db(*database);
    auto tx = db.begin();
    try {
        tx.exec("INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)", 999, 999);
        FAIL() << "expected a DbError";
    } catch (DbError const& e) {
        EXPECT_EQ(e.error().code, Errc::unprocessable);
    }
}

TEST(SqliteDatabase, MigrationsAreRecordedOnceAndFileUsesWal) {
    auto const dir = std::filesystem::temp_directory_path() / "village-sqlite-test";
    std::filesystem::remove_all(dir);
    auto const path = (dir / "v.db").string();
    for (int run = 0; run < 2; ++run) {
        auto database = open_database("sqlite://" + path, {});
        ASSERT_TRUE(database);
        (*database)->migrate();
        Db db(**database);
        auto versions = db.query("SELECT version FROM schema_migrations");
        EXPECT_GE(versions.size(), 1u);
        EXPECT_EQ(db.query_one("PRAGMA journal_mode")->text(0), "wal");
        EXPECT_EQ(db.query_one("PRAGMA foreign_keys")->i64(0), 1);
    }
    std::filesystem::remove_all(dir);
}

TEST(SqliteDatabase, PlaceholdersBindByNumberInAnyOrder) {
    auto database = testing::memory_database();
    Db db(*database);
    auto row = db.query_one("SELECT $2 || '-' || $1", std::string("a"), std::string("b"));
    EXPECT_EQ(row->text(0), "b-a");
}

}  // namespace village::store
