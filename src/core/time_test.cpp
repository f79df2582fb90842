#include "core/time.hpp"

#include <gtest/gtest.h>

namespace village {

TEST(Iso8601, RoundTripsWholeSecondsAndMilliseconds) {
    auto at = parse_iso8601("2026-03-14T09:30:00Z", "due_at");
    ASSERT_TRUE(at);
    EXPECT_EQ(iso8601(*at), "2026-03-14T09:30:00Z");
    auto ms = parse_iso8601("2026-03-14T09:30:00.250Z", "due_at");
    ASSERT_TRUE(ms);
    EXPECT_EQ(*ms - *at, 250);
    EXPECT_EQ(iso8601(*ms), "2026-03-14T09:30:00.250Z");
}

TEST(Iso8601, AppliesOffsetsAndAcceptsBareDates) {
    auto london = parse_iso8601("2026-07-01T10:00:00+01:00", "start_at");
    auto utc = parse_iso8601("2026-07-01T09:00:00Z", "start_at");
    ASSERT_TRUE(london && utc);
    EXPECT_EQ(*london, *utc);
    auto day = parse_iso8601("2026-07-01", "start_at");
    ASSERT_TRUE(day);
    EXPECT_EQ(iso8601(*day), "2026-07-01T00:00:00Z");
}

TEST(Iso8601, RejectsNonsenseNamingTheField) {
    for (auto bad : {"", "tomorrow", "2026-02-30", "2026-13-01", "2026-01-01T25:00Z",
                     "2026-01-01T10:00", "2026-01-01T10:00:00Zjunk", "99999-01-01"}) {
        auto at = parse_iso8601(bad, "due_at");
        ASSERT_FALSE(at) << bad;
        EXPECT_EQ(at.error().code, Errc::bad_request);
        EXPECT_EQ(at.error().field, "due_at");
    }
}

}  // namespace village
