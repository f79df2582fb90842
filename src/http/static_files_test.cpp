// The Accept-Encoding reading and the no-web-app answer; the serving rules are tested against
// the real server in tests/integration/web_app_test.cpp.
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace village::http {
namespace {

TEST(AcceptsEncoding, ListedCodingsAreAcceptedUnlessQIsZero) {
    EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "br"));
    EXPECT_TRUE(accepts_encoding("gzip, deflate, br", "gzip"));
    EXPECT_TRUE(accepts_encoding("GZIP", "gzip"));
    EXPECT_TRUE(accepts_encoding("br;q=0.5", "br"));
    EXPECT_FALSE(accepts_encoding("gzip, br;q=0", "br"));
    EXPECT_FALSE(accepts_encoding("br; q=0.000", "br"));
    EXPECT_FALSE(accepts_encoding("", "gzip"));
    EXPECT_FALSE(accepts_encoding("identity", "gzip"));
    EXPECT_FALSE(accepts_encoding("brotli", "br"));
}

TEST(AcceptsEncoding, StarCoversWhatIsNotListed) {
    EXPECT_TRUE(accepts_encoding("*", "br"));
    EXPECT_FALSE(accepts_encoding("*, br;q=0", "br"));
    EXPECT_TRUE(accepts_encoding("*, br;q=0", "gzip"));
}

TEST(StaticFiles, WithoutABuiltAppTheRootSaysSoAndApiPathsStayJson) {
    auto const files =
        StaticFiles::load(std::filesystem::temp_directory_path() / "village-no-such-web-dir");
    ASSERT_TRUE(files);
    EXPECT_TRUE(files->empty());
    Request root;
    root.path = "/";
    auto const page = files->serve(root);
    EXPECT_EQ(page.status, 404);
    EXPECT_NE(page.body.find("web app was not built"), std::string::npos);
    Request api;
    api.path = "/api/v1/x";
    auto const missing = files->serve(api);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.content_type, "application/json");
}

}  // namespace
}  // namespace village::http
