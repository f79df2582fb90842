// SQLite runs the claiming queries written for PostgreSQL once their row locks are blanked.
#include "store/sqlite/dialect.hpp"

#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/test_database.hpp"

namespace village::store::sqlite {
namespace {

TEST(SqliteDialect, BlanksRowLocksInAnyCaseAndSpacing) {
    EXPECT_EQ(without_row_locks("SELECT id FROM t LIMIT 5 FOR UPDATE SKIP LOCKED"),
              "SELECT id FROM t LIMIT 5                       ");
    std::string const spread = "for\n  update skip\tlocked";
    EXPECT_EQ(without_row_locks("SELECT 1 " + spread + ")"),
              "SELECT 1 " + std::string(spread.size(), ' ') + ")");
    EXPECT_EQ(without_row_locks("SELECT 1 FOR UPDATE"), "SELECT 1           ");
    EXPECT_EQ(without_row_locks("SELECT 1 FOR UPDATE NOWAIT"), "SELECT 1                  ");
}

TEST(SqliteDialect, LeavesLiteralsNamesCommentsAndOtherWordsAlone) {
    std::string const sql =
        "SELECT 'FOR UPDATE SKIP LOCKED', \"for update\" -- FOR UPDATE\n"
        "FROM t WHERE platform_for = 1 /* FOR UPDATE */ AND x = 'a''b'";
    EXPECT_EQ(without_row_locks(sql), sql);
    EXPECT_EQ(without_row_locks("SELECT before_update FROM fork"),
              "SELECT before_update FROM fork");
}

TEST(SqliteDialect, AClaimWrittenForPostgresRunsOnSqlite) {
    auto database = testing::memory_database();
    Db db(*database);
    auto tx = db.begin();
    tx.exec("CREATE TABLE jobs (id INTEGER PRIMARY KEY, taken INTEGER NOT NULL DEFAULT 0)");
    tx.exec("INSERT INTO jobs (id) VALUES (1), (2), (3)");
    auto const claimed = tx.query(
        "UPDATE jobs SET taken = 1 WHERE id IN (SELECT id FROM jobs WHERE taken = 0 "
        "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id",
        2);
    ASSERT_EQ(claimed.size(), 2u);
    EXPECT_EQ(tx.query_one("SELECT COUNT(*) FROM jobs WHERE taken = 0")->i64(0), 1);
    tx.commit();
}

}  // namespace
}  // namespace village::store::sqlite
