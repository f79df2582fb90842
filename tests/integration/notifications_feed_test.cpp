// The personal feed and quiet hours over real HTTP: feed ordering, pagination and "mark all
// seen"; quiet hours keep notifications but mark them as not to be pushed.
#include <gtest/gtest.h>

#include "notifications/quiet_hours.hpp"
#include "notifications_fixture.hpp"

namespace village::notifications_testing {
namespace {

using P = Persona;

std::vector<std::pair<std::string, std::int64_t>> items_of(bj::object const& page) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (auto const& item : page.at("items").as_array()) {
        out.emplace_back(std::string(item.at("type").as_string()),
                         item.at("card").at("id").as_int64());
    }
    return out;
}

TEST(NotificationsFeed, NewestFirstPagedAndMarkedSeen) {
    NotifyWorld w;
    w.follow(P::trainee, "boards", w.board, "normal");
    auto const a = w.new_card(P::board_member, "First");
    auto const b = w.new_card(P::board_editor, "Second");
    w.new_comment(P::board_admin, a, "On the first");
    auto const c = w.new_card(P::trainee, "Mine");  // one's own posts are not news
    w.new_comment(P::board_editor, c, "On mine");

    using Items = std::vector<std::pair<std::string, std::int64_t>>;
    auto page = w.feed(P::trainee);
    EXPECT_EQ(
        items_of(page),
        (Items{
            {"comment.added", c}, {"comment.added", a}, {"card.created", b}, {"card.created", a}}));
    EXPECT_EQ(page.at("unseen").as_int64(), 4);
    EXPECT_TRUE(page.at("items").as_array()[0].at("unseen").as_bool());

    auto first = w.feed(P::trainee, "?limit=3");
    EXPECT_EQ(items_of(first).size(), 3u);
    auto const cursor = first.at("next_before").as_int64();
    auto rest = w.feed(P::trainee, "?limit=3&before=" + std::to_string(cursor));
    EXPECT_EQ(items_of(rest), (Items{{"card.created", a}}));
    EXPECT_TRUE(rest.at("next_before").is_null());

    // Mark all seen; what comes after is unseen again.
    auto seen = w.as(P::trainee).request("POST", "/api/v1/me/feed/seen");
    ASSERT_EQ(seen.status, 200) << seen.body;
    auto after = w.feed(P::trainee);
    EXPECT_EQ(after.at("unseen").as_int64(), 0);
    EXPECT_FALSE(after.at("items").as_array()[0].at("unseen").as_bool());
    auto const d = w.new_card(P::board_member, "Later");
    auto latest = w.feed(P::trainee);
    EXPECT_EQ(latest.at("unseen").as_int64(), 1);
    EXPECT_EQ(items_of(latest).front(), (std::pair<std::string, std::int64_t>{"card.created", d}));
    EXPECT_TRUE(latest.at("items").as_array()[0].at("unseen").as_bool());
    EXPECT_FALSE(latest.at("items").as_array()[1].at("unseen").as_bool());

    // A stale mark (an older id) never moves the mark back.
    auto stale = w.as(P::trainee).post("/api/v1/me/feed/seen", bj::object{{"up_to", 1}});
    ASSERT_EQ(stale.status, 200) << stale.body;
    EXPECT_EQ(stale.json().at("seen_up_to").as_int64(), after.at("seen_up_to").as_int64());

    // A muted card drops out of the feed from then on; a removed comment leaves it.
    w.follow(P::trainee, "cards", d, "muted");
    w.new_comment(P::board_editor, d, "Not in the feed");
    EXPECT_EQ(items_of(w.feed(P::trainee)).front().first, "card.created");
}

TEST(NotificationsFeed, OnlyWhatTheMemberMayStillSee) {
    NotifyWorld w;
    auto const board = w.new_board("Interviews", "community");
    auto const list = w.new_list(board, "Dates");
    w.follow(P::trainer, "boards", board, "watching");
    w.new_card(P::community_admin, "Panel dates", list);
    EXPECT_EQ(items_of(w.feed(P::trainer)).size(), 1u);
    auto r = w.as(P::community_admin)
                 .patch(id_path("/api/v1/boards/", board), bj::object{{"visibility", "private"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(items_of(w.feed(P::trainer)).empty());
}

TEST(NotificationsQuietHours, RecordedButNotPushedWhileQuiet) {
    NotifyWorld w;
    // Every day off: quiet whatever the clock says, so the test does not depend on it.
    auto set = w.as(P::trainee)
                   .put("/api/v1/me/quiet_hours",
                        bj::object{{"time_zone", "Europe/London"},
                                   {"start", "21:00"},
                                   {"end", "08:00"},
                                   {"days_off",
                                    bj::array{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}}});
    ASSERT_EQ(set.status, 200) << set.body;
    EXPECT_TRUE(set.json().at("quiet_hours").at("quiet_now").as_bool());
    EXPECT_EQ(set.json().at("quiet_hours").at("start"), "21:00");
    w.follow(P::trainee, "boards", w.board, "watching");
    w.follow(P::trainer, "boards", w.board, "watching");
    auto const card = w.new_card(P::board_member, "Handover changes");
    EXPECT_EQ(w.notifications(P::trainee), (std::vector<Seen>{{"card", card, false}}));
    EXPECT_EQ(w.notifications(P::trainer), (std::vector<Seen>{{"card", card, true}}));
    EXPECT_EQ(w.unread(P::trainee), 1);

    // Cleared: alerts flow again.
    ASSERT_EQ(w.as(P::trainee).del("/api/v1/me/quiet_hours").status, 204);
    auto none = w.as(P::trainee).get("/api/v1/me/quiet_hours");
    EXPECT_TRUE(none.json().at("quiet_hours").is_null());
    auto const next = w.new_card(P::board_member, "Another");
    EXPECT_EQ(w.notifications(P::trainee).front(), (Seen{"card", next, true}));
}

// The rule itself, at fixed instants (no clock): windows across midnight, days off read in the
// member's zone, summer time.
TEST(NotificationsQuietHours, IsQuietAtFixedTimes) {
    using notifications::is_quiet;
    using notifications::QuietHours;
    auto at = [](std::string const& iso) { return *parse_iso8601(iso, "at"); };
    QuietHours night{"Europe/London", 21 * 60, 8 * 60, 0};
    // 2026-07-01 is a Wednesday; London is UTC+1 in summer.
    EXPECT_TRUE(is_quiet(night, at("2026-07-01T20:30:00Z")));   // 21:30 local
    EXPECT_FALSE(is_quiet(night, at("2026-07-01T19:30:00Z")));  // 20:30 local
    EXPECT_TRUE(is_quiet(night, at("2026-07-02T06:59:00Z")));   // 07:59 local
    EXPECT_FALSE(is_quiet(night, at("2026-07-02T07:00:00Z")));  // 08:00 local
    // In winter London is UTC: 20:30Z is 20:30 local, not quiet.
    EXPECT_FALSE(is_quiet(night, at("2026-12-02T20:30:00Z")));
    EXPECT_TRUE(is_quiet(night, at("2026-12-02T21:00:00Z")));

    QuietHours weekend{"Australia/Sydney", std::nullopt, std::nullopt, (1u << 5) | (1u << 6)};
    // Friday 2026-07-03 15:00Z is Saturday 01:00 in Sydney (UTC+10): a day off there.
    EXPECT_TRUE(is_quiet(weekend, at("2026-07-03T15:00:00Z")));
    EXPECT_FALSE(is_quiet(weekend, at("2026-07-03T13:00:00Z")));  // Friday 23:00 there

    QuietHours day{"UTC", 9 * 60, 17 * 60, 0};
    EXPECT_TRUE(is_quiet(day, at("2026-07-01T09:00:00Z")));
    EXPECT_FALSE(is_quiet(day, at("2026-07-01T17:00:00Z")));
    EXPECT_FALSE(is_quiet(QuietHours{}, at("2026-07-01T12:00:00Z")));
}

}  // namespace
}  // namespace village::notifications_testing
