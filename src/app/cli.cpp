// The village command line: serve, migrate, version and the user commands, with configuration
// from defaults < village.toml < VILLAGE_* < flags (config_loader.hpp).
#include "app/cli.hpp"

#include "store/migrate_data.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "accounts/cli.hpp"
#include "app/app.hpp"
#include "app/config_loader.hpp"
#include "demo/seed.hpp"
#include "importers/cli.hpp"

namespace village::app {

namespace {

// A failure that ends the command with a message and an exit status.
struct CommandFailed : std::runtime_error {
    CommandFailed(std::string const& message, int status)
        : std::runtime_error(message), exit_status(status) {}
    int exit_status;
};

constexpr int kExitFailure = 1;    // the command could not do its work
constexpr int kExitBadConfig = 2;  // bad flags, environment or village.toml

// What the flags said, filled in by CLI11 as it parses.
struct Flags {
    std::map<std::string, std::string> settings;  // by setting key
    std::optional<std::string> config_path;
    bool demo = false;
};

// Adds --config and one flag per setting to a command, so `village serve --help` lists them.
void add_config_options(CLI::App& command, Flags& flags) {
    command
        .add_option_function<std::string>(
            "--config", [&flags](std::string const& path) { flags.config_path = path; },
            "Settings file (toml); default ./village.toml when it exists")
        ->option_text("PATH (env VILLAGE_CONFIG)");
    Config const defaults;
    for (auto const& setting : settings()) {
        auto const key = std::string(setting.key);
        auto const shown = setting.show(defaults);
        command
            .add_option_function<std::string>(
                std::string(setting.flag),
                [&flags, key](std::string const& value) { flags.settings[key] = value; },
                std::string(setting.help))
            ->option_text(fmt::format("{} [{}] (env {})", setting.value_name,
                                      shown.empty() ? "\"\"" : shown, setting.env));
    }
}

Config resolve_config(Flags const& flags) {
    auto const env = process_env();
    auto path = flags.config_path;
    if (!path) {
        if (auto from_env = env("VILLAGE_CONFIG"); from_env && !from_env->empty()) path = from_env;
    }
    auto file = read_config_file(path);
    if (!file) throw CommandFailed(file.error().message, kExitBadConfig);
    ConfigSources sources;
    if (*file) {
        sources.toml_text = (*file)->text;
        sources.toml_name = (*file)->name;
    }
    sources.env = env;
    sources.flags = flags.settings;
    auto config = load_config(sources);
    if (!config) throw CommandFailed(config.error().message, kExitBadConfig);
    return *config;
}

// The database for the log: the path, or the server without credentials.
std::string database_location(std::string const& url) {
    if (url.starts_with("sqlite://")) return url.substr(9);
    auto const scheme = url.find("://");
    auto const at = url.rfind('@');
    if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
    return url.substr(0, scheme + 3) + url.substr(at + 1);
}

void set_up_logging(Config const& config) {
    spdlog::set_level(spdlog::level::from_str(config.log_level));
}

std::unique_ptr<App> create_app(Config const& config) {
    auto app = App::create(config);
    if (!app) {
        auto const& error = app.error();
        throw CommandFailed(fmt::format("cannot open the database {}: {}{}",
                                        database_location(config.database_url()), error.message,
                                        error.detail.empty() ? "" : " (" + error.detail + ")"),
                            kExitFailure);
    }
    return std::move(*app);
}

int serve(Flags const& flags, std::chrono::steady_clock::time_point began) {
    auto const config = resolve_config(flags);
    set_up_logging(config);
    auto app = create_app(config);
    if (flags.demo) {
        if (demo::seed_if_empty(app->database(), config)) {
            spdlog::info("seeded the demo community");
        } else {
            spdlog::info("demo: the community already has members; nothing seeded");
        }
    }
    auto const port = app->start(true);
    if (!port) throw CommandFailed(port.error().message, kExitFailure);
    auto const startup_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - began)
                                .count();
    spdlog::info("village listening on http://{}:{} ({} threads, {} {}) in {} ms", config.listen,
                 *port, config.effective_threads(), app->database().backend(),
                 database_location(config.database_url()), startup_ms);
    if (auto link = accounts::first_admin_link(app->database(), config)) {
        fmt::print(
            "\n"
            "  This community has no members yet. Open this link to create the first admin:\n"
            "\n"
            "      {}\n"
            "\n"
            "  or create one on the command line:\n"
            "      village user create --role admin --email you@example.org --name \"Your "
            "Name\"\n"
            "\n",
            *link);
        std::fflush(stdout);
    }
    app->wait();
    return 0;
}

int migrate(Flags const& flags) {
    auto const config = resolve_config(flags);
    set_up_logging(config);
    auto app = create_app(config);  // opening migrates
    fmt::print("database {} is up to date\n", database_location(config.database_url()));
    app->stop();
    return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
    auto const began = std::chrono::steady_clock::now();
    CLI::App root{"Village: noticeboards for a training community", "village"};
    root.fallthrough();  // `village user create --data-dir x` reaches the root's flags
    root.require_subcommand(1);
    root.set_version_flag("--version", VILLAGE_VERSION);

    Flags flags;
    add_config_options(root, flags);
    auto* serve_command = root.add_subcommand("serve", "Run the server: the API and the web app");
    add_config_options(*serve_command, flags);
    serve_command->add_flag("--demo", flags.demo,
                            "Seed a demo community first, if there are no members yet");
    auto* migrate_command =
        root.add_subcommand("migrate", "Apply the database migrations, then exit");
    add_config_options(*migrate_command, flags);
    auto* version_command = root.add_subcommand("version", "Print the version");
    std::string copy_from, copy_to;
    auto* migrate_data_command = root.add_subcommand(
        "migrate-data", "Copy a whole community from one database to another (e.g. to PostgreSQL)");
    migrate_data_command->add_option("--from", copy_from, "Source: sqlite://PATH or postgresql://…")
        ->required();
    migrate_data_command->add_option("--to", copy_to, "Target, which must be empty")->required();

    // The user commands open the database when they run, with the configuration parsed by then.
    int exit_code = 0;
    std::unique_ptr<App> user_app;
    auto open_database = [&flags, &user_app]() -> store::Database& {
        if (!user_app) {
            auto const config = resolve_config(flags);
            // These commands print their results (e.g. `village export board 3 > board.json`):
            // log lines go to stderr so they never mix into the output.
            spdlog::set_default_logger(std::make_shared<spdlog::logger>(
                "village", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
            set_up_logging(config);
            user_app = create_app(config);
        }
        return user_app->database();
    };
    accounts::add_user_commands(root, open_database, exit_code);
    importers::add_import_export_commands(root, open_database, exit_code);

    try {
        try {
            root.parse(argc, argv);
        } catch (CLI::ParseError const& e) {
            auto const status = root.exit(e);
            return status == 0 ? 0 : kExitBadConfig;
        }
        if (user_app) user_app->stop();
        if (serve_command->parsed()) return serve(flags, began);
        if (migrate_command->parsed()) return migrate(flags);
        if (migrate_data_command->parsed()) return store::run_migrate_data(copy_from, copy_to);
        if (version_command->parsed()) {
            fmt::print("village {}\n", VILLAGE_VERSION);
            return 0;
        }
        return exit_code;
    } catch (CommandFailed const& e) {
        fmt::print(stderr, "village: {}\n", e.what());
        return e.exit_status;
    } catch (std::exception const& e) {
        fmt::print(stderr, "village: {}\n", e.what());
        return kExitFailure;
    }
}

}  // namespace village::app
