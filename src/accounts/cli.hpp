// `village user create|list|set-role|set-password`, and the first-admin link for an empty
// community.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "store/database.hpp"

namespace village::accounts {

// Registers the `user` subcommands. `database` opens (and migrates) the database on first use;
// a subcommand stores its exit status in `exit_code`.
void add_user_commands(CLI::App& root, std::function<store::Database&()> database, int& exit_code);

// When the community has no members yet: creates a one-time setup token and returns the link
// (base URL + "/setup?token=…") that creates the first admin. Otherwise nullopt.
[[nodiscard]] std::optional<std::string> first_admin_link(store::Database& database,
                                                          Config const& config);

}  // namespace village::accounts
