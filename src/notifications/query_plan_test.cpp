// A page of the feed or of notifications walks one index from the cursor and needs no sort, so
// it costs what the page shows whatever the size of the community (checked on SQLite's plans).
#include <gtest/gtest.h>

#include <string>

#include "notifications/feed_sql.hpp"
#include "notifications/notifications_sql.hpp"
#include "support/test_database.hpp"

namespace village::notifications {
namespace {

std::string plan(store::Sql& sql, std::string_view query, std::vector<store::Value> params) {
    std::string out;
    for (auto const& row : sql.query_values("EXPLAIN QUERY PLAN " + std::string(query), params)) {
        out += row.text(3) + "\n";
    }
    return out;
}

TEST(QueryPlans, AFeedPageWalksTheMembersKeyWithoutSorting) {
    auto database = village::testing::memory_database();
    store::Db db(*database);
    auto const p = plan(db, sql::feed_page, {std::int64_t{1}, std::int64_t{100}, std::int64_t{10}});
    EXPECT_NE(p.find("SEARCH f USING INDEX sqlite_autoindex_feed_items_1 (member_id=? AND "
                     "activity_id<?)"),
              std::string::npos)
        << p;
    EXPECT_EQ(p.find("TEMP B-TREE"), std::string::npos) << p;
    EXPECT_EQ(p.find("SCAN"), std::string::npos) << p;
}

TEST(QueryPlans, ANotificationPageWalksTheMembersIndexWithoutSorting) {
    auto database = village::testing::memory_database();
    store::Db db(*database);
    auto const p = plan(db, sql::notification_page,
                        {std::int64_t{1}, std::int64_t{100}, std::int64_t{0}, std::int64_t{10}});
    EXPECT_NE(p.find("USING INDEX notifications_member (member_id=? AND id<?)"), std::string::npos)
        << p;
    EXPECT_EQ(p.find("TEMP B-TREE"), std::string::npos) << p;
    EXPECT_EQ(p.find("SCAN"), std::string::npos) << p;
}

}  // namespace
}  // namespace village::notifications
