#include "accounts/passwords.hpp"

#include <gtest/gtest.h>

#include "accounts/secrets.hpp"

namespace village::accounts {

TEST(Passwords, HashVerifiesTheSamePasswordOnly) {
    auto const stored = passwords::hash("correct horse battery staple");
    EXPECT_TRUE(stored.starts_with("$argon2id$")) << stored;
    EXPECT_TRUE(passwords::verify(stored, "correct horse battery staple"));
    EXPECT_FALSE(passwords::verify(stored, "correct horse battery stapler"));
    EXPECT_FALSE(passwords::verify(stored, "Correct horse battery staple"));
    EXPECT_FALSE(passwords::verify(stored, ""));
}

TEST(Passwords, HashesAreSaltedSoEqualPasswordsDiffer) {
    auto const a = passwords::hash("the same password");
    auto const b = passwords::hash("the same password");
    EXPECT_NE(a, b);
    EXPECT_TRUE(passwords::verify(b, "the same password"));
}

TEST(Passwords, MalformedStoredHashNeverVerifies) {
    EXPECT_FALSE(passwords::verify("", "anything at all"));
    EXPECT_FALSE(passwords::verify("plain text password", "plain text password"));
    EXPECT_FALSE(passwords::verify(std::string(300, '$'), "anything at all"));
}

TEST(Passwords, RulesCountCharactersNotBytes) {
    EXPECT_TRUE(passwords::check_rules("0123456789", "password"));
    auto short_one = passwords::check_rules("012345678", "password");
    ASSERT_FALSE(short_one);
    EXPECT_EQ(short_one.error().code, Errc::unprocessable);
    EXPECT_EQ(short_one.error().field, "password");
    // Nine two-byte characters are 18 bytes but still too short.
    EXPECT_FALSE(passwords::check_rules("ééééééééé", "password"));
    EXPECT_TRUE(passwords::check_rules("éééééééééé", "password"));
    auto long_one = passwords::check_rules(std::string(257, 'x'), "new_password");
    ASSERT_FALSE(long_one);
    EXPECT_EQ(long_one.error().code, Errc::too_large);
    EXPECT_EQ(long_one.error().field, "new_password");
    EXPECT_TRUE(passwords::check_rules(std::string(256, 'x'), "password"));
}

TEST(Passwords, RulesRefuseInvalidUtf8AndDoNotTrim) {
    auto bad = passwords::check_rules("abcdefghij\xff", "password");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::bad_request);
    // Spaces count: a password is taken exactly as typed.
    EXPECT_TRUE(passwords::check_rules("    ab    ", "password"));
}

TEST(Secrets, RandomTokensAreUrlSafeAndDistinct) {
    auto const a = secrets::random_token();
    auto const b = secrets::random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(
        a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
}

TEST(Secrets, HashesAreStableHexAndCompareInConstantTime) {
    auto const h = secrets::hash_token("some secret");
    EXPECT_EQ(h.size(), 64u);
    EXPECT_EQ(h, secrets::hash_token("some secret"));
    EXPECT_NE(h, secrets::hash_token("some secret."));
    EXPECT_TRUE(secrets::equal("abc", "abc"));
    EXPECT_FALSE(secrets::equal("abc", "abd"));
    EXPECT_FALSE(secrets::equal("abc", "abcd"));
    EXPECT_FALSE(secrets::equal("", ""));
}

}  // namespace village::accounts
