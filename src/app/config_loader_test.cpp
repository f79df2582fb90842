// Configuration layers: defaults < village.toml < VILLAGE_* < flags, and clear refusals.
#include "app/config_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace village::app {
namespace {

EnvLookup env_of(std::map<std::string, std::string> values) {
    return [values = std::move(values)](std::string const& name) -> std::optional<std::string> {
        auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    };
}

TEST(ConfigLoader, DefaultsNeedNoConfigAtAll) {
    auto const config = load_config({});
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->port, 8080);
    EXPECT_EQ(config->listen, "127.0.0.1");
    EXPECT_EQ(config->data_dir, "./village-data");
}

TEST(ConfigLoader, TomlIsOverriddenByEnvironmentWhichIsOverriddenByFlags) {
    ConfigSources sources;
    sources.toml_text = R"(
port = 7000
threads = 3
listen = "0.0.0.0"
log_level = "debug"
trust_proxy = true
)";
    sources.env = env_of({{"VILLAGE_PORT", "7001"}, {"VILLAGE_THREADS", "5"}});
    sources.flags = {{"port", "7002"}};
    auto const config = load_config(sources);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->port, 7002);         // flag beats environment and toml
    EXPECT_EQ(config->threads, 5);         // environment beats toml
    EXPECT_EQ(config->listen, "0.0.0.0");  // toml beats the default
    EXPECT_EQ(config->log_level, "debug");
    EXPECT_TRUE(config->trust_proxy);
    EXPECT_EQ(config->idle_timeout_seconds, 60);  // untouched default
}

TEST(ConfigLoader, EmptyEnvironmentValuesCountAsUnset) {
    ConfigSources sources;
    sources.toml_text = "port = 7000";
    sources.env = env_of({{"VILLAGE_PORT", ""}});
    auto const config = load_config(sources);
    ASSERT_TRUE(config);
    EXPECT_EQ(config->port, 7000);
}

TEST(ConfigLoader, EverySettingHasAVariableAFlagAndAValidDefault) {
    for (auto const& setting : settings()) {
        SCOPED_TRACE(std::string(setting.key));
        EXPECT_EQ(setting.env.substr(0, 8), "VILLAGE_");
        EXPECT_EQ(setting.flag.substr(0, 2), "--");
        // The default, as --help shows it, is a value the setting accepts.
        Config config;
        auto const ok = setting.set(config, setting.show(config));
        EXPECT_TRUE(ok) << (ok ? "" : ok.error().message);
    }
}

TEST(ConfigLoader, ANonNumericPortFromTheEnvironmentNamesTheVariable) {
    ConfigSources sources;
    sources.env = env_of({{"VILLAGE_PORT", "abc"}});
    auto const config = load_config(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("VILLAGE_PORT"), std::string::npos);
    EXPECT_NE(config.error().message.find("'abc'"), std::string::npos);
}

TEST(ConfigLoader, AnOutOfRangeFlagNamesTheFlag) {
    ConfigSources sources;
    sources.flags = {{"port", "70000"}};
    auto const config = load_config(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("--port"), std::string::npos);
}

TEST(ConfigLoader, TomlValueOfTheWrongTypeIsRefused) {
    ConfigSources sources;
    sources.toml_text = "port = \"8080\"";
    auto const config = load_config(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("village.toml: port"), std::string::npos);
    EXPECT_NE(config.error().message.find("integer"), std::string::npos);
}

TEST(ConfigLoader, UnknownTomlKeyIsRefused) {
    ConfigSources sources;
    sources.toml_text = "prot = 8080";
    auto const config = load_config(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("prot"), std::string::npos);
}

TEST(ConfigLoader, BrokenTomlSaysWhere) {
    ConfigSources sources;
    sources.toml_text = "port = 8080\nlisten = \n";
    sources.toml_name = "/etc/village.toml";
    auto const config = load_config(sources);
    ASSERT_FALSE(config);
    EXPECT_NE(config.error().message.find("/etc/village.toml:2"), std::string::npos)
        << config.error().message;
}

TEST(ConfigLoader, BadValuesAreRefused) {
    for (auto const& [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"log_level", "loud"},
                                                          {"base_url", "example.org"},
                                                          {"threads", "-1"},
                                                          {"idle_timeout_seconds", "0"},
                                                          {"trust_proxy", "maybe"},
                                                          {"listen", ""}}) {
        SCOPED_TRACE(key);
        ConfigSources sources;
        sources.flags = {{key, value}};
        EXPECT_FALSE(load_config(sources));
    }
}

TEST(ConfigLoader, AnExplicitConfigFileMustExist) {
    auto const missing = read_config_file(std::string("/nonexistent/village.toml"));
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("/nonexistent/village.toml"), std::string::npos);
}

TEST(ConfigLoader, AConfigFileIsRead) {
    auto const path = std::filesystem::temp_directory_path() / "village-config-loader-test.toml";
    {
        std::ofstream out(path);
        out << "port = 9001\n";
    }
    auto const file = read_config_file(path.string());
    std::filesystem::remove(path);
    ASSERT_TRUE(file && *file);
    EXPECT_EQ((*file)->text, "port = 9001\n");
}

TEST(ConfigLoader, TheConfigurationGuideDocumentsEverySetting) {
    auto const doc_path =
        std::filesystem::path(__FILE__).parent_path() / "../../docs/configuration.md";
    std::ifstream in(doc_path);
    ASSERT_TRUE(in) << doc_path;
    std::string const doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto const& setting : settings()) {
        EXPECT_NE(doc.find(std::string(setting.env)), std::string::npos) << setting.env;
        EXPECT_NE(doc.find(std::string(setting.flag)), std::string::npos) << setting.flag;
        EXPECT_NE(doc.find("`" + std::string(setting.key) + "`"), std::string::npos) << setting.key;
    }
}

}  // namespace
}  // namespace village::app
