// The live socket's Origin check.
#include "live/origin.hpp"

#include <gtest/gtest.h>

namespace village::live {
namespace {

TEST(LiveOrigin, NoOriginIsNotABrowserAndIsAllowed) {
    EXPECT_TRUE(origin_allowed(std::nullopt, "127.0.0.1:8080", "http://127.0.0.1:8080"));
}

TEST(LiveOrigin, SameSiteByBaseUrlOrHost) {
    EXPECT_TRUE(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", "http://127.0.0.1:8080"));
    EXPECT_TRUE(origin_allowed("https://village.example.org", "internal:8080",
                               "https://Village.example.org/"));
    EXPECT_TRUE(origin_allowed("https://village.example.org", "village.example.org:443",
                               "http://127.0.0.1:8080"));
    EXPECT_TRUE(origin_allowed("http://LOCALHOST:9000", "localhost:9000", "http://127.0.0.1:1"));
}

TEST(LiveOrigin, OtherSitesAreRefused) {
    EXPECT_FALSE(origin_allowed("http://evil.example", "127.0.0.1:8080", "http://127.0.0.1:8080"));
    EXPECT_FALSE(
        origin_allowed("http://127.0.0.1:8081", "127.0.0.1:8080", "http://127.0.0.1:8080"));
    EXPECT_FALSE(origin_allowed("null", "127.0.0.1:8080", "http://127.0.0.1:8080"));
    EXPECT_FALSE(origin_allowed("http://127.0.0.1:8080.evil.example", "127.0.0.1:8080",
                                "http://127.0.0.1:8080"));
    EXPECT_FALSE(origin_allowed("http://evil.example", std::nullopt, "http://127.0.0.1:8080"));
}

}  // namespace
}  // namespace village::live
