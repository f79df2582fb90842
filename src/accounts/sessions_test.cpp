#include "accounts/sessions.hpp"

#include <gtest/gtest.h>

#include "accounts/members.hpp"
#include "accounts/tokens.hpp"
#include "support/people.hpp"
#include "support/test_database.hpp"

namespace village::accounts {

namespace {

constexpr Millis kT0 = 1'800'000'000'000;
constexpr Millis kHour = 3'600'000;

class SessionsTest : public ::testing::Test {
  protected:
    SessionsTest()
        : database(testing::memory_database()),
          ada(testing::create_member(*database, "ada@example.org", Role::trainee, "Ada")),
          db(*database) {}

    Throttled<sessions::SignedIn> sign_in(std::string email, std::string password, Millis now = kT0,
                                          sessions::Client client = {}) {
        return sessions::sign_in(db, {std::move(email), std::move(password)}, client, kHour, now);
    }

    std::unique_ptr<store::Database> database;
    MemberId ada;
    store::Db db;
};

}  // namespace

TEST_F(SessionsTest, RightPasswordStartsASessionTheCookieIdentifies) {
    auto out = sign_in("ADA@example.org", testing::kPassword);
    ASSERT_TRUE(out.result) << out.result.error().message;
    EXPECT_EQ(out.result->member.id, ada);
    EXPECT_EQ(out.result->expires_at, kT0 + kHour);
    auto const who = sessions::identify(db, std::nullopt, out.result->token, kT0 + 1);
    EXPECT_EQ(who.via, sessions::Via::cookie);
    EXPECT_EQ(who.actor.id, ada);
    EXPECT_EQ(who.actor.role, Role::trainee);
    EXPECT_EQ(who.actor.display_name, "Ada");
    EXPECT_EQ(who.session, out.result->session);
    EXPECT_EQ(who.csrf_token, out.result->csrf_token);
    // Only a hash of the cookie's token is stored.
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM sessions WHERE token_hash = $1", out.result->token)
                  ->i64(0),
              0);
}

TEST_F(SessionsTest, WrongPasswordAndUnknownEmailAnswerAlike) {
    auto wrong = sign_in("ada@example.org", "not the password");
    auto unknown = sign_in("nobody@example.org", testing::kPassword);
    ASSERT_FALSE(wrong.result);
    ASSERT_FALSE(unknown.result);
    EXPECT_EQ(wrong.result.error().code, Errc::unauthorized);
    EXPECT_EQ(wrong.result.error().code, unknown.result.error().code);
    EXPECT_EQ(wrong.result.error().message, unknown.result.error().message);
    EXPECT_EQ(wrong.result.error().field, unknown.result.error().field);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM sessions")->i64(0), 0);
}

TEST_F(SessionsTest, DeactivatedMemberCannotSignIn) {
    {
        auto tx = db.begin();
        tx.exec("UPDATE members SET deactivated_at = 1 WHERE id = $1", ada);
        tx.commit();
    }
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_FALSE(out.result);
    EXPECT_EQ(out.result.error().code, Errc::unauthorized);
}

TEST_F(SessionsTest, SessionsExpire) {
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(out.result);
    auto const& token = out.result->token;
    EXPECT_TRUE(sessions::identify(db, std::nullopt, token, kT0 + kHour - 1).actor.signed_in());
    auto const late = sessions::identify(db, std::nullopt, token, kT0 + kHour);
    EXPECT_FALSE(late.actor.signed_in());
    EXPECT_EQ(late.via, sessions::Via::none);
}

TEST_F(SessionsTest, SigningInAgainRotatesTheCookiesSession) {
    auto first = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(first.result);
    sessions::Client client;
    client.previous_token = first.result->token;
    auto second = sign_in("ada@example.org", testing::kPassword, kT0 + 1000, client);
    ASSERT_TRUE(second.result);
    EXPECT_NE(second.result->token, first.result->token);
    EXPECT_NE(second.result->csrf_token, first.result->csrf_token);
    EXPECT_FALSE(
        sessions::identify(db, std::nullopt, first.result->token, kT0 + 2000).actor.signed_in());
    EXPECT_TRUE(
        sessions::identify(db, std::nullopt, second.result->token, kT0 + 2000).actor.signed_in());
}

TEST_F(SessionsTest, RevokedSessionIsAnonymous) {
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(out.result);
    sessions::revoke(db, out.result->session, kT0 + 1);
    EXPECT_FALSE(
        sessions::identify(db, std::nullopt, out.result->token, kT0 + 2).actor.signed_in());
    EXPECT_FALSE(sessions::identify(db, std::nullopt, "made-up", kT0 + 2).actor.signed_in());
    EXPECT_FALSE(sessions::identify(db, std::nullopt, "", kT0 + 2).actor.signed_in());
}

TEST_F(SessionsTest, LastUsedIsWrittenAtMostOnceAMinute) {
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(out.result);
    auto const last_used = [&] {
        return db.query_one("SELECT last_used_at FROM sessions WHERE id = $1", out.result->session)
            ->i64(0);
    };
    (void)sessions::identify(db, std::nullopt, out.result->token, kT0 + 30'000);
    EXPECT_EQ(last_used(), kT0);
    (void)sessions::identify(db, std::nullopt, out.result->token, kT0 + 60'000);
    EXPECT_EQ(last_used(), kT0 + 60'000);
    (void)sessions::identify(db, std::nullopt, out.result->token, kT0 + 90'000);
    EXPECT_EQ(last_used(), kT0 + 60'000);
    EXPECT_EQ(members::find(db, ada)->last_seen_at, kT0 + 60'000);
}

TEST_F(SessionsTest, FailuresPerAccountLockItBeforeThePasswordIsChecked) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(sign_in("ada@example.org", "wrong password", kT0 + i).result.error().code,
                  Errc::unauthorized);
    }
    auto locked = sign_in("ada@example.org", testing::kPassword, kT0 + 10);
    ASSERT_FALSE(locked.result);
    EXPECT_EQ(locked.result.error().code, Errc::rate_limited);
    EXPECT_EQ(locked.retry_after_seconds, 900);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM sessions")->i64(0), 0);
    // After the window the right password works again, and clears the count.
    auto later = sign_in("ada@example.org", testing::kPassword, kT0 + 15 * 60 * 1000 + 10);
    ASSERT_TRUE(later.result);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM signin_failures WHERE scope = 'account'")->i64(0),
              0);
}

TEST_F(SessionsTest, FailuresPerAddressLockEveryAccountFromIt) {
    sessions::Client from{"198.51.100.7", "test", std::nullopt};
    for (int i = 0; i < 20; ++i) {
        (void)sign_in("guess" + std::to_string(i) + "@example.org", "wrong password", kT0, from);
    }
    auto locked = sign_in("ada@example.org", testing::kPassword, kT0 + 1, from);
    ASSERT_FALSE(locked.result);
    EXPECT_EQ(locked.result.error().code, Errc::rate_limited);
    sessions::Client elsewhere{"198.51.100.8", "test", std::nullopt};
    EXPECT_TRUE(sign_in("ada@example.org", testing::kPassword, kT0 + 1, elsewhere).result);
}

TEST_F(SessionsTest, CsrfTokenMustMatchForCookieSessionsOnly) {
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(out.result);
    auto const who = sessions::identify(db, std::nullopt, out.result->token, kT0 + 1);
    EXPECT_TRUE(sessions::csrf_matches(who, out.result->csrf_token));
    EXPECT_FALSE(sessions::csrf_matches(who, std::nullopt));
    EXPECT_FALSE(sessions::csrf_matches(who, ""));
    EXPECT_FALSE(sessions::csrf_matches(who, out.result->csrf_token + "x"));
    EXPECT_TRUE(sessions::csrf_matches(sessions::Identity{}, std::nullopt));
}

TEST_F(SessionsTest, BearerTokenDecidesAloneWithoutCsrf) {
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(out.result);
    auto const actor = out.result->member.actor();
    auto pat = tokens::create(db, actor, "script", kT0);
    ASSERT_TRUE(pat);
    auto const by_token = sessions::identify(db, pat->secret, std::nullopt, kT0 + 1);
    EXPECT_EQ(by_token.via, sessions::Via::token);
    EXPECT_EQ(by_token.actor.id, ada);
    EXPECT_TRUE(sessions::csrf_matches(by_token, std::nullopt));
    // A bad bearer token never falls back to the cookie.
    auto const bad = sessions::identify(db, "vlg_wrong", out.result->token, kT0 + 1);
    EXPECT_FALSE(bad.actor.signed_in());
}

TEST_F(SessionsTest, CurrentGivesTheSessionsCsrfToken) {
    auto out = sign_in("ada@example.org", testing::kPassword);
    ASSERT_TRUE(out.result);
    auto const actor = out.result->member.actor();
    auto current = sessions::current(db, actor, out.result->session, kT0 + 1);
    ASSERT_TRUE(current);
    EXPECT_EQ(current->csrf_token, out.result->csrf_token);
    EXPECT_EQ(sessions::current(db, Actor::anonymous(), {}, kT0).error().code, Errc::unauthorized);
}

}  // namespace village::accounts
