#include "accounts/tokens.hpp"

#include <gtest/gtest.h>

#include "accounts/members.hpp"
#include "support/people.hpp"
#include "support/test_database.hpp"

namespace village::accounts {

namespace {

constexpr Millis kT0 = 1'800'000'000'000;

class TokensTest : public ::testing::Test {
  protected:
    TokensTest()
        : database(testing::memory_database()),
          ada{testing::create_member(*database, "ada@example.org", Role::trainee), Role::trainee,
              "ada"},
          bob{testing::create_member(*database, "bob@example.org", Role::admin), Role::admin,
              "bob"},
          db(*database) {}

    std::unique_ptr<store::Database> database;
    Actor ada, bob;
    store::Db db;
};

}  // namespace

TEST_F(TokensTest, SecretIsShownOnceAndOnlyItsHashIsStored) {
    auto made = tokens::create(db, ada, "  nightly export ", kT0);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_TRUE(made->secret.starts_with("vlg_"));
    EXPECT_EQ(made->token.name, "nightly export");
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM access_tokens WHERE token_hash = $1", made->secret)
                  ->i64(0),
              0);
    auto listed = tokens::list(db, ada, kT0);
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ((*listed)[0].id, made->token.id);
    EXPECT_TRUE(tokens::list(db, bob, kT0)->empty());
}

TEST_F(TokensTest, ResolveFindsTheHolderAndRecordsUseOnceAMinute) {
    auto made = tokens::create(db, ada, "script", kT0);
    ASSERT_TRUE(made);
    auto holder = tokens::resolve(db, made->secret, kT0 + 1);
    ASSERT_TRUE(holder);
    EXPECT_EQ(holder->actor.id, ada.id);
    EXPECT_EQ(holder->actor.role, Role::trainee);
    (void)tokens::resolve(db, made->secret, kT0 + 30'000);
    EXPECT_EQ(tokens::list(db, ada, kT0)->at(0).last_used_at, kT0 + 1);
    EXPECT_FALSE(tokens::resolve(db, made->secret + "x", kT0 + 1));
    EXPECT_FALSE(tokens::resolve(db, "not even the prefix", kT0 + 1));
}

TEST_F(TokensTest, RevokedTokensStopWorkingAndOthersTokensAreNotFound) {
    auto made = tokens::create(db, ada, "script", kT0);
    ASSERT_TRUE(made);
    auto by_other = tokens::revoke(db, bob, made->token.id, kT0 + 1);
    ASSERT_FALSE(by_other);
    EXPECT_EQ(by_other.error().code, Errc::not_found);
    EXPECT_TRUE(tokens::resolve(db, made->secret, kT0 + 2));

    ASSERT_TRUE(tokens::revoke(db, ada, made->token.id, kT0 + 3));
    EXPECT_FALSE(tokens::resolve(db, made->secret, kT0 + 4));
    EXPECT_TRUE(tokens::list(db, ada, kT0 + 4)->empty());
    EXPECT_EQ(tokens::revoke(db, ada, made->token.id, kT0 + 5).error().code, Errc::not_found);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM activity WHERE type = 'token.revoked'")->i64(0),
              1);
}

TEST_F(TokensTest, DeactivatedMembersTokensStopWorking) {
    auto made = tokens::create(db, ada, "script", kT0);
    ASSERT_TRUE(made);
    ASSERT_TRUE(members::update_by_admin(db, bob, ada.id, {.deactivated = true}));
    EXPECT_FALSE(tokens::resolve(db, made->secret, kT0 + 1));
}

TEST_F(TokensTest, NamesAreCheckedAndAnonymousVisitorsHaveNone) {
    EXPECT_EQ(tokens::create(db, Actor::anonymous(), "x", kT0).error().code, Errc::unauthorized);
    EXPECT_EQ(tokens::list(db, Actor::anonymous(), kT0).error().code, Errc::unauthorized);
    EXPECT_EQ(tokens::create(db, ada, " ", kT0).error().field, "name");
    EXPECT_EQ(tokens::create(db, ada, std::string(201, 'n'), kT0).error().code, Errc::too_large);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM access_tokens")->i64(0), 0);
}

TEST_F(TokensTest, AMemberHoldsABoundedNumberOfTokens) {
    for (std::size_t i = 0; i < kMaxTokensPerMember; ++i) {
        ASSERT_TRUE(tokens::create(db, ada, "t" + std::to_string(i), kT0));
    }
    auto over = tokens::create(db, ada, "one more", kT0);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, Errc::unprocessable);
    EXPECT_TRUE(tokens::create(db, bob, "bob's first", kT0));
}

}  // namespace village::accounts
