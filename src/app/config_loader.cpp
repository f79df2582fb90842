// The settings table and the four layers of configuration; see config_loader.hpp.
#include "app/config_loader.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace village::app {

namespace {

Result<std::int64_t> parse_int(std::string_view text, std::int64_t min, std::int64_t max) {
    std::int64_t n = 0;
    auto const [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || n < min ||
        n > max) {
        return fail(Errc::bad_request,
                    fmt::format("'{}' is not a whole number from {} to {}", text, min, max));
    }
    return n;
}

Result<bool> parse_bool(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") return true;
    if (lower == "false" || lower == "no" || lower == "off" || lower == "0") return false;
    return fail(Errc::bad_request, fmt::format("'{}' is not true or false", text));
}

Result<void> not_empty(std::string_view text) {
    if (text.empty()) return fail(Errc::bad_request, "must not be empty");
    return {};
}

template <std::int64_t Min, std::int64_t Max, class Field>
Result<void> set_int(Field& field, std::string_view text) {
    auto n = parse_int(text, Min, Max);
    if (!n) return fail(n.error());
    field = static_cast<Field>(*n);
    return {};
}

constexpr std::array<std::string_view, 7> kLogLevels = {"trace", "debug",    "info", "warn",
                                                        "error", "critical", "off"};

std::array<Setting, 20> const kSettings = {{
    {"data_dir", "VILLAGE_DATA_DIR", "--data-dir", "PATH",
     "Folder for the SQLite database and uploaded files", SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         if (auto ok = not_empty(t); !ok) return ok;
         c.data_dir = std::string(t);
         return {};
     },
     [](Config const& c) { return c.data_dir; }},
    {"web_dir", "VILLAGE_WEB_DIR", "--web-dir", "PATH",
     "Folder of the built web app (web/dist); empty: found beside the binary",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         c.web_dir = std::string(t);
         return {};
     },
     [](Config const& c) { return c.web_dir; }},
    {"database", "VILLAGE_DATABASE", "--database", "URL",
     "Database URL: sqlite:///path/file.db or postgresql://...; empty: sqlite in data_dir",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         c.database = std::string(t);
         return {};
     },
     [](Config const& c) { return c.database; }},
    {"listen", "VILLAGE_LISTEN", "--listen", "ADDRESS",
     "Address to listen on (0.0.0.0 or :: for every interface)", SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         if (auto ok = not_empty(t); !ok) return ok;
         c.listen = std::string(t);
         return {};
     },
     [](Config const& c) { return c.listen; }},
    {"port", "VILLAGE_PORT", "--port", "PORT", "TCP port to listen on; 0 picks a free one",
     SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<0, 65535>(c.port, t); },
     [](Config const& c) { return std::to_string(c.port); }},
    {"threads", "VILLAGE_THREADS", "--threads", "N",
     "I/O threads, and as many worker threads; 0: one per core", SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<0, 256>(c.threads, t); },
     [](Config const& c) { return std::to_string(c.threads); }},
    {"base_url", "VILLAGE_BASE_URL", "--base-url", "URL",
     "Public address used in links and mails; https:// makes cookies Secure; empty: "
     "http://listen:port",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         if (!t.empty() && !t.starts_with("http://") && !t.starts_with("https://")) {
             return fail(Errc::bad_request,
                         fmt::format("'{}' does not start with http:// or https://", t));
         }
         c.base_url = std::string(t);
         return {};
     },
     [](Config const& c) { return c.base_url; }},
    {"log_level", "VILLAGE_LOG_LEVEL", "--log-level", "LEVEL",
     "trace, debug, info, warn, error, critical or off", SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         if (std::find(kLogLevels.begin(), kLogLevels.end(), t) == kLogLevels.end()) {
             return fail(Errc::bad_request,
                         fmt::format("'{}' is not one of trace, debug, info, warn, error, "
                                     "critical, off",
                                     t));
         }
         c.log_level = std::string(t);
         return {};
     },
     [](Config const& c) { return c.log_level; }},
    {"idle_timeout_seconds", "VILLAGE_IDLE_TIMEOUT_SECONDS", "--idle-timeout-seconds", "SECONDS",
     "Close a keep-alive connection after this long without a request", SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<1, 86400>(c.idle_timeout_seconds, t); },
     [](Config const& c) { return std::to_string(c.idle_timeout_seconds); }},
    {"request_timeout_seconds", "VILLAGE_REQUEST_TIMEOUT_SECONDS", "--request-timeout-seconds",
     "SECONDS", "Time a client has to send one request, and to receive its answer",
     SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<1, 3600>(c.request_timeout_seconds, t); },
     [](Config const& c) { return std::to_string(c.request_timeout_seconds); }},
    {"session_days", "VILLAGE_SESSION_DAYS", "--session-days", "DAYS",
     "How long a sign-in lasts without use", SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<1, 3650>(c.session_days, t); },
     [](Config const& c) { return std::to_string(c.session_days); }},
    {"trust_proxy", "VILLAGE_TRUST_PROXY", "--trust-proxy", "BOOL",
     "Behind a reverse proxy: take the client address from X-Forwarded-For", SettingKind::boolean,
     [](Config& c, std::string_view t) -> Result<void> {
         auto b = parse_bool(t);
         if (!b) return fail(b.error());
         c.trust_proxy = *b;
         return {};
     },
     [](Config const& c) { return std::string(c.trust_proxy ? "true" : "false"); }},
    {"smtp_host", "VILLAGE_SMTP_HOST", "--smtp-host", "HOST",
     "SMTP server for outgoing mail; empty: mails are written as .eml files into data_dir/mail",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         c.smtp_host = std::string(t);
         return {};
     },
     [](Config const& c) { return c.smtp_host; }},
    {"smtp_port", "VILLAGE_SMTP_PORT", "--smtp-port", "PORT",
     "SMTP server port (587 for STARTTLS, 465 for implicit TLS)", SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<1, 65535>(c.smtp_port, t); },
     [](Config const& c) { return std::to_string(c.smtp_port); }},
    {"smtp_security", "VILLAGE_SMTP_SECURITY", "--smtp-security", "MODE",
     "starttls (upgrade after connecting), tls (implicit TLS) or none (plain, e.g. a local relay)",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         if (t != "starttls" && t != "tls" && t != "none") {
             return fail(Errc::bad_request,
                         fmt::format("'{}' is not one of starttls, tls, none", t));
         }
         c.smtp_security = std::string(t);
         return {};
     },
     [](Config const& c) { return c.smtp_security; }},
    {"smtp_user", "VILLAGE_SMTP_USER", "--smtp-user", "USER",
     "SMTP user name; empty: no authentication", SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         c.smtp_user = std::string(t);
         return {};
     },
     [](Config const& c) { return c.smtp_user; }},
    {"smtp_password", "VILLAGE_SMTP_PASSWORD", "--smtp-password", "PASSWORD",
     "SMTP password (prefer the environment variable to a flag)", SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         c.smtp_password = std::string(t);
         return {};
     },
     [](Config const& c) { return std::string(c.smtp_password.empty() ? "" : "(set)"); }},
    {"smtp_ca_file", "VILLAGE_SMTP_CA_FILE", "--smtp-ca-file", "FILE",
     "PEM certificates to trust for the SMTP server's TLS (e.g. a private CA); empty: the "
     "system's",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         c.smtp_ca_file = std::string(t);
         return {};
     },
     [](Config const& c) { return c.smtp_ca_file; }},
    {"mail_from", "VILLAGE_MAIL_FROM", "--mail-from", "ADDRESS",
     "Sender of every mail, e.g. \"Village <village@example.org>\"; empty: village@ the base "
     "URL's host",
     SettingKind::text,
     [](Config& c, std::string_view t) -> Result<void> {
         if (!t.empty() && (t.find('@') == std::string_view::npos ||
                            t.find_first_of("\r\n") != std::string_view::npos)) {
             return fail(Errc::bad_request, fmt::format("'{}' is not a mail address", t));
         }
         c.mail_from = std::string(t);
         return {};
     },
     [](Config const& c) { return c.mail_from; }},
    {"mail_retry_seconds", "VILLAGE_MAIL_RETRY_SECONDS", "--mail-retry-seconds", "SECONDS",
     "Wait before retrying a mail the SMTP server did not take; doubles each time, up to an hour",
     SettingKind::integer,
     [](Config& c, std::string_view t) { return set_int<1, 3600>(c.mail_retry_seconds, t); },
     [](Config const& c) { return std::to_string(c.mail_retry_seconds); }},
}};

// Re-labels an error with where the value came from: "VILLAGE_PORT: 'abc' is not …".
tl::unexpected<Error> at(std::string_view where, Error error) {
    error.message = fmt::format("{}: {}", where, error.message);
    return tl::unexpected<Error>(std::move(error));
}

// A toml value as the text form the setters take, if its type is right for the setting.
std::optional<std::string> toml_as_text(toml::node const& node, SettingKind kind) {
    switch (kind) {
        case SettingKind::text:
            if (auto const* v = node.as_string()) return v->get();
            return std::nullopt;
        case SettingKind::integer:
            if (auto const* v = node.as_integer()) return std::to_string(v->get());
            return std::nullopt;
        case SettingKind::boolean:
            if (auto const* v = node.as_boolean()) return std::string(v->get() ? "true" : "false");
            return std::nullopt;
    }
    return std::nullopt;
}

std::string_view kind_name(SettingKind kind) {
    switch (kind) {
        case SettingKind::text:
            return "a string";
        case SettingKind::integer:
            return "an integer";
        case SettingKind::boolean:
            return "true or false";
    }
    return "a value";
}

}  // namespace

std::span<Setting const> settings() {
    return kSettings;
}

Setting const* find_setting(std::string_view key) {
    for (auto const& setting : kSettings) {
        if (setting.key == key) return &setting;
    }
    return nullptr;
}

EnvLookup process_env() {
    return [](std::string const& name) -> std::optional<std::string> {
        char const* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

Result<void> apply_toml(Config& config, std::string_view text, std::string_view name) {
    toml::table table;
    try {
        table = toml::parse(text, std::string(name));
    } catch (toml::parse_error const& e) {
        return fail(Errc::bad_request,
                    fmt::format("{}:{}: {}", name, e.source().begin.line, e.description()));
    }
    for (auto const& [key, node] : table) {
        auto const* setting = find_setting(key.str());
        auto const where = fmt::format("{}: {}", name, key.str());
        if (setting == nullptr) {
            return fail(Errc::bad_request, fmt::format("{}: unknown setting", where));
        }
        auto const text_value = toml_as_text(node, setting->kind);
        if (!text_value) {
            return fail(Errc::bad_request,
                        fmt::format("{}: must be {}", where, kind_name(setting->kind)));
        }
        if (auto ok = setting->set(config, *text_value); !ok) return at(where, ok.error());
    }
    return {};
}

Result<void> apply_env(Config& config, EnvLookup const& env) {
    if (!env) return {};
    for (auto const& setting : kSettings) {
        auto const value = env(std::string(setting.env));
        if (!value || value->empty()) continue;
        if (auto ok = setting.set(config, *value); !ok) return at(setting.env, ok.error());
    }
    return {};
}

Result<void> apply_flags(Config& config, std::map<std::string, std::string> const& flags) {
    for (auto const& [key, value] : flags) {
        auto const* setting = find_setting(key);
        if (setting == nullptr) {
            return fail(Errc::bad_request, fmt::format("unknown setting '{}'", key));
        }
        if (auto ok = setting->set(config, value); !ok) return at(setting->flag, ok.error());
    }
    return {};
}

Result<Config> load_config(ConfigSources const& sources) {
    Config config;
    if (sources.toml_text) {
        if (auto ok = apply_toml(config, *sources.toml_text, sources.toml_name); !ok) {
            return fail(ok.error());
        }
    }
    if (auto ok = apply_env(config, sources.env); !ok) return fail(ok.error());
    if (auto ok = apply_flags(config, sources.flags); !ok) return fail(ok.error());
    return config;
}

Result<std::optional<TomlFile>> read_config_file(std::optional<std::string> const& explicit_path) {
    std::string path = explicit_path.value_or("village.toml");
    std::error_code ec;
    if (!explicit_path && !std::filesystem::exists(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path, ec)) {
        return fail(Errc::bad_request, fmt::format("cannot read the config file '{}'", path));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return TomlFile{path, text.str()};
}

}  // namespace village::app
