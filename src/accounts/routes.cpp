// Placeholder: the accounts module fills this in.
#include "accounts/routes.hpp"

namespace village::accounts {

void AccountsRoutes::add_to(http::Router&) {}

http::Middleware AccountsRoutes::authenticate() {
    return [](http::Request&, store::Db&) -> std::optional<http::Response> { return std::nullopt; };
}

}  // namespace village::accounts
