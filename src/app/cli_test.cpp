// The command line as a person runs it: exit statuses for good and bad invocations.
#include "app/cli.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

namespace village::app {
namespace {

int run(std::vector<std::string> args) {
    args.insert(args.begin(), "village");
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    return run_cli(static_cast<int>(argv.size()), argv.data());
}

class TempDir {
  public:
    TempDir() {
        auto pattern = (std::filesystem::temp_directory_path() / "village-cli-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    [[nodiscard]] std::filesystem::path const& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

TEST(Cli, VersionAndHelpSucceed) {
    EXPECT_EQ(run({"version"}), 0);
    EXPECT_EQ(run({"--help"}), 0);
    EXPECT_EQ(run({"serve", "--help"}), 0);
}

TEST(Cli, ABadPortIsExitStatusTwoBeforeAnythingStarts) {
    EXPECT_EQ(run({"serve", "--port", "abc"}), 2);
    EXPECT_EQ(run({"serve", "--port", "65536"}), 2);
}

TEST(Cli, UnknownFlagsAndMissingSubcommandAreExitStatusTwo) {
    EXPECT_EQ(run({"serve", "--no-such-flag"}), 2);
    EXPECT_EQ(run({}), 2);
}

TEST(Cli, AMissingConfigFileIsExitStatusTwo) {
    EXPECT_EQ(run({"migrate", "--config", "/nonexistent/village.toml"}), 2);
}

TEST(Cli, MigrateCreatesTheDatabaseInTheDataFolder) {
    TempDir dir;
    auto const data = dir.path() / "data";
    EXPECT_EQ(run({"migrate", "--data-dir", data.string()}), 0);
    EXPECT_TRUE(std::filesystem::exists(data / "village.db"));
}

}  // namespace
}  // namespace village::app
