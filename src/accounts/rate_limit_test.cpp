#include "accounts/rate_limit.hpp"

#include <gtest/gtest.h>

#include "support/test_database.hpp"

namespace village::accounts {

namespace {
constexpr Millis kT0 = 1'800'000'000'000;
constexpr Millis kWindow = rate_limit::kPerAccount.window_ms;
}  // namespace

TEST(RateLimitRule, AllowsUpToTheLimitThenWaitsForTheOldestToLeaveTheWindow) {
    rate_limit::Policy const policy{3, 60'000};
    EXPECT_EQ(rate_limit::wait_seconds({}, policy, kT0), 0);
    EXPECT_EQ(rate_limit::wait_seconds({kT0 - 10'000, kT0 - 5'000}, policy, kT0), 0);
    // Three failures: the next attempt opens when the oldest is a minute old.
    EXPECT_EQ(rate_limit::wait_seconds({kT0 - 10'000, kT0 - 5'000, kT0}, policy, kT0), 50);
    // Four failures: it takes the two oldest leaving.
    EXPECT_EQ(rate_limit::wait_seconds({kT0 - 10'000, kT0 - 5'000, kT0 - 1, kT0}, policy, kT0), 55);
    // Never "wait 0 seconds" while limited; partial seconds round up.
    EXPECT_EQ(rate_limit::wait_seconds({kT0 - 59'999, kT0, kT0}, policy, kT0), 1);
}

TEST(RateLimit, FiveFailuresLockTheAccountForTheWindowOnly) {
    auto database = testing::memory_database();
    store::Db db(*database);
    {
        auto tx = db.begin();
        for (int i = 0; i < 4; ++i) rate_limit::record_failure(tx, "ada@example.org", "", kT0 + i);
        tx.commit();
    }
    EXPECT_EQ(rate_limit::retry_after(db, "ada@example.org", "", kT0 + 10), 0);
    {
        auto tx = db.begin();
        rate_limit::record_failure(tx, "ada@example.org", "", kT0 + 4);
        tx.commit();
    }
    EXPECT_EQ(rate_limit::retry_after(db, "ada@example.org", "", kT0 + 10), kWindow / 1000);
    EXPECT_EQ(rate_limit::retry_after(db, "bob@example.org", "", kT0 + 10), 0);
    EXPECT_GT(rate_limit::retry_after(db, "ada@example.org", "", kT0 + kWindow - 1), 0);
    EXPECT_EQ(rate_limit::retry_after(db, "ada@example.org", "", kT0 + kWindow + 1), 0);
}

TEST(RateLimit, TwentyFailuresFromOneAddressLockEveryAccountFromIt) {
    auto database = testing::memory_database();
    store::Db db(*database);
    {
        auto tx = db.begin();
        for (int i = 0; i < 20; ++i) {
            rate_limit::record_failure(tx, "user" + std::to_string(i) + "@example.org",
                                       "203.0.113.9", kT0);
        }
        tx.commit();
    }
    EXPECT_GT(rate_limit::retry_after(db, "fresh@example.org", "203.0.113.9", kT0 + 1), 0);
    EXPECT_EQ(rate_limit::retry_after(db, "fresh@example.org", "198.51.100.1", kT0 + 1), 0);
}

TEST(RateLimit, ClearingTheAccountKeepsTheAddressCount) {
    auto database = testing::memory_database();
    store::Db db(*database);
    {
        auto tx = db.begin();
        for (int i = 0; i < 20; ++i) rate_limit::record_failure(tx, "ada@example.org", "::1", kT0);
        rate_limit::clear_account(tx, "ada@example.org");
        tx.commit();
    }
    EXPECT_EQ(rate_limit::retry_after(db, "ada@example.org", "", kT0 + 1), 0);
    EXPECT_GT(rate_limit::retry_after(db, "ada@example.org", "::1", kT0 + 1), 0);
}

TEST(RateLimit, OldFailuresArePrunedAsNewOnesArrive) {
    auto database = testing::memory_database();
    store::Db db(*database);
    {
        auto tx = db.begin();
        for (int i = 0; i < 5; ++i) rate_limit::record_failure(tx, "ada@example.org", "::1", kT0);
        rate_limit::record_failure(tx, "ada@example.org", "::1", kT0 + kWindow + 1);
        tx.commit();
    }
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM signin_failures")->i64(0), 2);
}

}  // namespace village::accounts
