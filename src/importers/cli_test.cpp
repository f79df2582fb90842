// The import and export commands as an operator runs them, on a database file: a Trello import
// prints its report, an export writes Village's JSON or CSV, and that JSON imports back.
#include "importers/cli.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.hpp"

namespace village::importers {
namespace {

namespace fs = std::filesystem;

int run(std::vector<std::string> args) {
    args.insert(args.begin(), "village");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    return app::run_cli(static_cast<int>(argv.size()), argv.data());
}

class CliImport : public ::testing::Test {
  protected:
    void SetUp() override {
        auto pattern = (fs::temp_directory_path() / "village-import-XXXXXX").string();
        dir_ = ::mkdtemp(pattern.data());
        database_ = "sqlite://" + (dir_ / "village.db").string();
    }
    void TearDown() override { fs::remove_all(dir_); }

    // Runs a command, returning its exit status and what it printed on stdout.
    std::pair<int, std::string> capture(std::vector<std::string> args) {
        args.push_back("--database");
        args.push_back(database_);
        args.push_back("--log-level");
        args.push_back("warn");
        ::testing::internal::CaptureStdout();
        int const status = run(args);
        return {status, ::testing::internal::GetCapturedStdout()};
    }

    static fs::path fixture(std::string const& name) {
        return fs::path(__FILE__).parent_path().parent_path().parent_path() / "tests" / "fixtures" /
               "trello" / name;
    }

    fs::path dir_;
    std::string database_;
};

TEST_F(CliImport, WithoutAnAdminTheCommandSaysHowToMakeOne) {
    auto [status, out] = capture({"import", "trello", fixture("unicode.json").string()});
    EXPECT_EQ(status, 1);
}

TEST_F(CliImport, ImportsPrintsTheReportExportsAndRestores) {
    ASSERT_EQ(capture({"user", "create", "--role", "admin", "--email", "ops@example.org", "--name",
                       "Ops", "--password", "a long enough password"})
                  .first,
              0);
    auto [status, out] = capture({"import", "trello", fixture("unicode.json").string()});
    ASSERT_EQ(status, 0) << out;
    EXPECT_NE(out.find("Imported board 1 “Ünïcödé 🏥 小児科” from Trello"), std::string::npos)
        << out;
    EXPECT_NE(out.find("comments        1"), std::string::npos) << out;
    EXPECT_NE(out.find("Ana Ñandú"), std::string::npos) << out;

    auto const json = (dir_ / "board.json").string();
    ASSERT_EQ(capture({"export", "board", "1", "--output", json}).first, 0);
    std::ifstream in(json);
    std::stringstream text;
    text << in.rdbuf();
    auto const doc = boost::json::parse(text.str());
    EXPECT_EQ(doc.at("format"), "village-board");
    EXPECT_EQ(doc.at("board").at("name"), "Ünïcödé 🏥 小児科");

    auto restored = capture({"import", "village", json});
    ASSERT_EQ(restored.first, 0) << restored.second;
    EXPECT_NE(restored.second.find("Imported board 2"), std::string::npos);

    auto csv = capture({"export", "board", "2", "--format", "csv"});
    ASSERT_EQ(csv.first, 0);
    EXPECT_EQ(csv.second.rfind("list,title,description,labels,", 0), 0u) << csv.second;

    EXPECT_EQ(capture({"export", "board", "99"}).first, 1);
    EXPECT_EQ(capture({"export", "board", "1", "--format", "xml"}).first, 1);
    EXPECT_EQ(capture({"import", "trello", fixture("truncated.json").string()}).first, 1);
    EXPECT_EQ(capture({"import", "trello", (dir_ / "missing.json").string()}).first, 1);
    EXPECT_EQ(
        capture({"import", "trello", fixture("unicode.json").string(), "--space", "Nowhere"}).first,
        1);
    EXPECT_EQ(capture({"import", "trello", fixture("unicode.json").string(), "--as",
                       "nobody@example.org"})
                  .first,
              1);
}

}  // namespace
}  // namespace village::importers
