// Mail headers: RFC 2047 words that never split a character, dates, addresses.
#include "mail/message.hpp"

#include <gtest/gtest.h>

namespace village::mail {
namespace {

TEST(MailMessage, AsciiSubjectsStayAsTheyAreAndOthersAreEncodedWords) {
    EXPECT_EQ(encode_word("Your digest"), "Your digest");
    EXPECT_EQ(encode_word("café"), "=?UTF-8?B?Y2Fmw6k=?=");
    EXPECT_EQ(encode_word("line\r\nBcc: x@y"), "line  Bcc: x@y");  // no header injection
}

TEST(MailMessage, LongEncodedSubjectsFoldIntoWordsOfAtMost75Characters) {
    std::string subject;
    for (int i = 0; i < 40; ++i) subject += "é✓";
    auto const encoded = encode_word(subject);
    std::size_t start = 0;
    int words = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        auto const word = encoded.substr(start, end == std::string::npos ? end : end - start);
        EXPECT_LE(word.size(), 75u);
        EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
        ++words;
        if (end == std::string::npos) break;
        start = end + 3;
    }
    EXPECT_GT(words, 2);
}

TEST(MailMessage, DatesFollowRfc5322) {
    EXPECT_EQ(rfc5322_date(1'796'412'011'000), "Fri, 04 Dec 2026 19:20:11 +0000");
    EXPECT_EQ(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(MailMessage, AddressesQuoteOrEncodeTheirNames) {
    EXPECT_EQ(format_address({"a@b.org", ""}), "<a@b.org>");
    EXPECT_EQ(format_address({"a@b.org", "Ada Admin"}), "Ada Admin <a@b.org>");
    EXPECT_EQ(format_address({"a@b.org", "Admin, Ada"}), "\"Admin, Ada\" <a@b.org>");
    EXPECT_EQ(format_address({"a@b.org", "Zoë"}), "=?UTF-8?B?Wm/Dqw==?= <a@b.org>");
    auto const parsed = parse_address("\"Village\" <village@example.org>");
    EXPECT_EQ(parsed.email, "village@example.org");
    EXPECT_EQ(parsed.name, "Village");
    EXPECT_EQ(parse_address("bare@example.org").email, "bare@example.org");
}

TEST(MailMessage, MessageIdsAreUniqueAndNameTheDomain) {
    auto const a = new_message_id("village.test");
    EXPECT_NE(a, new_message_id("village.test"));
    EXPECT_TRUE(a.starts_with("<") && a.ends_with("@village.test>"));
}

}  // namespace
}  // namespace village::mail
