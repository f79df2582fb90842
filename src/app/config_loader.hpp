// Loading a Config: built-in defaults < village.toml < VILLAGE_* environment variables < flags.
// One table of settings drives all four and the --help text; docs/configuration.md lists them.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "core/result.hpp"

namespace village::app {

enum class SettingKind { text, integer, boolean };

// One field of Config, as a toml key, an environment variable and a flag.
struct Setting {
    std::string_view key;         // in village.toml: "idle_timeout_seconds"
    std::string_view env;         // "VILLAGE_IDLE_TIMEOUT_SECONDS"
    std::string_view flag;        // "--idle-timeout-seconds"
    std::string_view value_name;  // "SECONDS", shown in --help
    std::string_view help;
    SettingKind kind;
    // Checks and stores a value given as text; the error names what is wrong, not where.
    Result<void> (*set)(Config& config, std::string_view text);
    // The current value as text, e.g. the default.
    std::string (*show)(Config const& config);
};

[[nodiscard]] std::span<Setting const> settings();
[[nodiscard]] Setting const* find_setting(std::string_view key);

// Where values come from. Environment values that are empty count as unset.
using EnvLookup = std::function<std::optional<std::string>(std::string const& name)>;
[[nodiscard]] EnvLookup process_env();

struct ConfigSources {
    // The contents of village.toml and the name to show in messages, if there is one.
    std::optional<std::string> toml_text;
    std::string toml_name = "village.toml";
    EnvLookup env;                             // none: no environment
    std::map<std::string, std::string> flags;  // by setting key, as typed
};

// Each step adds its layer on top of `config`; errors say which file, variable or flag.
[[nodiscard]] Result<void> apply_toml(Config& config, std::string_view text, std::string_view name);
[[nodiscard]] Result<void> apply_env(Config& config, EnvLookup const& env);
[[nodiscard]] Result<void> apply_flags(Config& config,
                                       std::map<std::string, std::string> const& flags);

// Defaults < toml < environment < flags.
[[nodiscard]] Result<Config> load_config(ConfigSources const& sources);

// Which village.toml to read: the --config / VILLAGE_CONFIG path (must exist), else
// ./village.toml when it exists, else none. Returns its text and name.
struct TomlFile {
    std::string name;
    std::string text;
};
[[nodiscard]] Result<std::optional<TomlFile>> read_config_file(
    std::optional<std::string> const& explicit_path);

}  // namespace village::app
