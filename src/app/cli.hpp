// The command line: parses config (village.toml < VILLAGE_* < flags) and runs a subcommand.
#pragma once

namespace village::app {

int run_cli(int argc, char** argv);

}  // namespace village::app
