// SQLite-only behaviour; what every backend shares is tested in store/database_test.cpp.
#include "store/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace village::store {

TEST(SqliteDatabase, MigrationsAreRecordedOnceAndFileUsesWal) {
    auto const dir = std::filesystem::temp_directory_path() / "village-sqlite-test";
    std::filesystem::remove_all(dir);
    auto const path = (dir / "v.db").string();
    std::size_t first_count = 0;
    for (int run = 0; run < 2; ++run) {
        auto database = open_database("sqlite://" + path, {});
        ASSERT_TRUE(database);
        (*database)->migrate();
        Db db(**database);
        auto versions = db.query("SELECT version FROM schema_migrations");
        EXPECT_GE(versions.size(), 1u);
        if (run == 0) first_count = versions.size();
        EXPECT_EQ(versions.size(), first_count);
        EXPECT_EQ(db.query_one("PRAGMA journal_mode")->text(0), "wal");
        EXPECT_EQ(db.query_one("PRAGMA foreign_keys")->i64(0), 1);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace village::store
