#include "accounts/setup.hpp"

#include <gtest/gtest.h>

#include "accounts/members.hpp"
#include "support/people.hpp"
#include "support/test_database.hpp"

namespace village::accounts {

namespace {

constexpr Millis kT0 = 1'800'000'000'000;
constexpr Millis kHour = 3'600'000;

setup::FirstAdmin first(std::string token) {
    return {std::move(token), "Organiser@Example.org", "Olu Organiser", "a long enough password"};
}

}  // namespace

TEST(Setup, AnEmptyCommunityGetsAOneTimeLinkThatMakesTheFirstAdmin) {
    auto database = testing::memory_database();
    store::Db db(*database);
    auto token = setup::first_admin_token(db, kT0);
    ASSERT_TRUE(token);

    auto bad = setup::create_first_admin(db, first("wrong"), {}, kHour, kT0 + 1);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::forbidden);

    auto made = setup::create_first_admin(db, first(*token), {}, kHour, kT0 + 1);
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->member.role, Role::admin);
    EXPECT_EQ(made->member.email, "Organiser@Example.org");
    EXPECT_FALSE(made->csrf_token.empty());
    EXPECT_EQ(sessions::identify(db, std::nullopt, made->token, kT0 + 2).actor.id, made->member.id);

    // Used up, and the community is no longer empty.
    auto again = setup::create_first_admin(db, first(*token), {}, kHour, kT0 + 2);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::conflict);
    EXPECT_FALSE(setup::first_admin_token(db, kT0 + 3));
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 1);
}

TEST(Setup, LinksExpireAfterADay) {
    auto database = testing::memory_database();
    store::Db db(*database);
    auto token = setup::first_admin_token(db, kT0);
    ASSERT_TRUE(token);
    auto late =
        setup::create_first_admin(db, first(*token), {}, kHour, kT0 + kSetupTokenLifetimeMs);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, Errc::forbidden);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 0);
}

TEST(Setup, BadInputWritesNothingAndKeepsTheLink) {
    auto database = testing::memory_database();
    store::Db db(*database);
    auto token = setup::first_admin_token(db, kT0);
    ASSERT_TRUE(token);
    auto weak = first(*token);
    weak.password = "short";
    EXPECT_EQ(setup::create_first_admin(db, weak, {}, kHour, kT0 + 1).error().field, "password");
    auto bad_email = first(*token);
    bad_email.email = "organiser";
    EXPECT_EQ(setup::create_first_admin(db, bad_email, {}, kHour, kT0 + 1).error().field, "email");
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 0);
    EXPECT_TRUE(setup::create_first_admin(db, first(*token), {}, kHour, kT0 + 1));
}

TEST(Setup, NoLinkOnceMembersExist) {
    auto database = testing::memory_database();
    testing::create_member(*database, "someone@example.org", Role::trainee);
    store::Db db(*database);
    EXPECT_FALSE(setup::first_admin_token(db, kT0));
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM setup_tokens")->i64(0), 0);
}

}  // namespace village::accounts
