// `village import trello|village FILE [--space NAME] [--as EMAIL]` and
// `village export board ID [--format json|csv] [--output FILE]`.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "store/database.hpp"

namespace village::importers {

// Registers the commands. They act as the member given by --as (default: the first admin), so
// the same rules apply as over HTTP. `database` opens the database on first use; a command
// stores its exit status in `exit_code`.
void add_import_export_commands(CLI::App& root, std::function<store::Database&()> database,
                                int& exit_code);

}  // namespace village::importers
