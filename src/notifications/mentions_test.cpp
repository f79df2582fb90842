// Reading mentions from markdown: the one form the web app inserts, and what is not a mention.
#include "notifications/mentions.hpp"

#include <gtest/gtest.h>

namespace village::notifications {
namespace {

std::vector<std::int64_t> ids(std::string_view text) {
    std::vector<std::int64_t> out;
    for (auto id : mentioned_members(text)) out.push_back(id.value);
    return out;
}

TEST(Mentions, ReadsEachMemberOnceInOrder) {
    EXPECT_EQ(ids("Hi @[Ann Lee](member:42) and @[Bo](member:7), ask @[Ann](member:42)"),
              (std::vector<std::int64_t>{42, 7}));
    EXPECT_EQ(ids("@[Dr O'Neill — PICU](member:3)!"), (std::vector<std::int64_t>{3}));
}

TEST(Mentions, IgnoresWhatIsNotAMention) {
    EXPECT_TRUE(ids("").empty());
    EXPECT_TRUE(ids("@Ann Lee, email ann@example.org").empty());
    EXPECT_TRUE(ids("[Ann](member:42)").empty());             // no @
    EXPECT_TRUE(ids("@[Ann](https://example.org)").empty());  // not a member link
    EXPECT_TRUE(ids("@[Ann](member:)").empty());
    EXPECT_TRUE(ids("@[Ann](member:0)").empty());
    EXPECT_TRUE(ids("@[Ann](member:-4)").empty());
    EXPECT_TRUE(ids("@[Ann](member:4x)").empty());
    EXPECT_TRUE(ids("@[Ann](member:99999999999999999999999)").empty());
    EXPECT_TRUE(ids("@[Ann\nLee](member:4)").empty());  // a name never spans lines
    EXPECT_TRUE(ids("@[Ann](member:4").empty());        // unclosed
    // A broken mention does not hide the good one after it.
    EXPECT_EQ(ids("@[broken @[Bo](member:7)"), (std::vector<std::int64_t>{7}));
}

TEST(Mentions, ReadsAtMostTheLimit) {
    std::string text;
    for (int i = 1; i <= 80; ++i) text += "@[M](member:" + std::to_string(i) + ") ";
    EXPECT_EQ(mentioned_members(text).size(), kMaxMentionsPerText);
}

}  // namespace
}  // namespace village::notifications
