// The binary serves the built web app: a folder laid out as `npm run build` writes web/dist
// (index.html, hashed assets with .gz and .br copies beside them), served with the caching,
// compression and fallback rules web/README.md lists.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "app/app.hpp"
#include "support/test_server.hpp"

namespace village::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex =
    "<!doctype html><html lang=\"en\"><head><script type=\"module\" "
    "src=\"/assets/index-3f2a9c.js\"></script></head><body><div id=\"app\"></div></body></html>";
constexpr std::string_view kScript = "console.log('village');";
constexpr std::string_view kScriptGzip = "\x1f\x8b gzip bytes of the script";
constexpr std::string_view kScriptBrotli = "brotli bytes of the script";

class WebDist {
  public:
    WebDist() {
        std::random_device random;
        dir_ = fs::temp_directory_path() / ("village-web-" + std::to_string(random()));
        fs::create_directories(dir_ / "assets");
        write("index.html", kIndex);
        write("index.html.gz", "gzip bytes of index.html");
        write("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        write("assets/index-3f2a9c.js", kScript);
        write("assets/index-3f2a9c.js.gz", kScriptGzip);
        write("assets/index-3f2a9c.js.br", kScriptBrotli);
        write("assets/index-77aa01.css", "body{margin:0}");
    }
    ~WebDist() { fs::remove_all(dir_); }
    [[nodiscard]] fs::path const& dir() const { return dir_; }

  private:
    void write(std::string const& name, std::string_view text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
    }
    fs::path dir_;
};

class WebApp : public ::testing::Test {
  protected:
    WebDist dist_;
    TestServer server_{[this](Config& c) { c.web_dir = dist_.dir().string(); }};

    HttpResponse get(std::string const& target, std::string const& accept_encoding = {}) {
        auto client = server_.client();
        std::vector<std::pair<std::string, std::string>> headers;
        if (!accept_encoding.empty()) headers.emplace_back("Accept-Encoding", accept_encoding);
        return client.request("GET", target, {}, headers);
    }
};

TEST_F(WebApp, RootIsTheAppPageNeverCachedAndUnderTheContentSecurityPolicy) {
    auto const page = get("/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, kIndex);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(page.header("cache-control"), "no-cache");
    auto const csp = page.header("content-security-policy");
    ASSERT_TRUE(csp);
    EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
}

TEST_F(WebApp, TheAppsOwnRoutesAnswerWithTheAppPage) {
    for (auto const* target : {"/signin", "/boards/12", "/boards/12/cards/7", "/profile",
                               "/admin", "/setup?token=abc", "/index.html"}) {
        SCOPED_TRACE(target);
        auto const page = get(target);
        EXPECT_EQ(page.status, 200);
        EXPECT_EQ(page.body, kIndex);
        EXPECT_EQ(page.header("cache-control"), "no-cache");
    }
}

TEST_F(WebApp, HashedAssetsAreCachedForAYearAndSentPrecompressed) {
    auto const brotli = get("/assets/index-3f2a9c.js", "gzip, deflate, br");
    EXPECT_EQ(brotli.status, 200);
    EXPECT_EQ(brotli.body, kScriptBrotli);
    EXPECT_EQ(brotli.header("content-encoding"), "br");
    EXPECT_EQ(brotli.header("content-type"), "text/javascript");
    EXPECT_EQ(brotli.header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(brotli.header("vary"), "Accept-Encoding");

    auto const gzip = get("/assets/index-3f2a9c.js", "gzip");
    EXPECT_EQ(gzip.body, kScriptGzip);
    EXPECT_EQ(gzip.header("content-encoding"), "gzip");

    auto const refused_br = get("/assets/index-3f2a9c.js", "br;q=0, gzip;q=0.8");
    EXPECT_EQ(refused_br.body, kScriptGzip);

    auto const plain = get("/assets/index-3f2a9c.js");
    EXPECT_EQ(plain.body, kScript);
    EXPECT_EQ(plain.header("content-encoding"), std::nullopt);
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");

    // A file the build did not compress goes as it is, whatever the client accepts.
    auto const css = get("/assets/index-77aa01.css", "br, gzip");
    EXPECT_EQ(css.body, "body{margin:0}");
    EXPECT_EQ(css.header("content-encoding"), std::nullopt);
    EXPECT_EQ(css.header("content-type"), "text/css");
}

TEST_F(WebApp, OtherFilesAreCachedBriefly) {
    auto const icon = get("/favicon.svg");
    EXPECT_EQ(icon.status, 200);
    EXPECT_EQ(icon.header("content-type"), "image/svg+xml");
    EXPECT_EQ(icon.header("cache-control"), "public, max-age=3600");
}

TEST_F(WebApp, AMissingAssetAndUnknownApiPathsAreJson404s) {
    for (auto const* target : {"/assets/index-old.js", "/api/v1/no-such-thing", "/api"}) {
        SCOPED_TRACE(target);
        auto const response = get(target);
        EXPECT_EQ(response.status, 404);
        EXPECT_EQ(response.error_code(), "not_found");
    }
}

TEST_F(WebApp, WritesToAPagePathAreRefusedInTheErrorShape) {
    auto client = server_.client();
    auto const response = client.request("POST", "/boards/12", "{}");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.error_code(), "not_found");
}

TEST_F(WebApp, ARevalidatedPageThatDidNotChangeIs304) {
    auto const first = get("/");
    auto const etag = first.header("etag");
    ASSERT_TRUE(etag);
    auto client = server_.client();
    auto const again = client.request("GET", "/boards/3", {}, {{"If-None-Match", *etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
}

TEST_F(WebApp, HeadSaysTheLengthWithoutTheBody) {
    auto client = server_.client();
    auto const head = client.request("HEAD", "/assets/index-3f2a9c.js");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("content-length"), std::to_string(kScript.size()));
}

TEST(WebAppMissing, AConfiguredFolderWithoutTheAppStopsTheStart) {
    auto const empty = fs::temp_directory_path() / "village-empty-web-dir";
    fs::create_directories(empty);
    Config config;
    config.data_dir = (fs::temp_directory_path() / "village-empty-web-dir-data").string();
    config.web_dir = empty.string();
    auto const app = app::App::create(config);
    ASSERT_FALSE(app);
    EXPECT_EQ(app.error().field, "web_dir");
    EXPECT_NE(app.error().message.find("index.html"), std::string::npos);
    fs::remove_all(empty);
    fs::remove_all(config.data_dir);
}

}  // namespace
}  // namespace village::testing
