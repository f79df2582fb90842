// Placeholder: the accounts module fills this in.
#include "accounts/cli.hpp"

namespace village::accounts {

void add_user_commands(CLI::App&, std::function<store::Database&()>, int&) {}

std::optional<std::string> first_admin_link(store::Database&, Config const&) { return std::nullopt; }

}  // namespace village::accounts
