// Placeholder: the demo seed is filled in once the accounts and boards services exist.
#include "demo/seed.hpp"

namespace village::demo {

bool seed_if_empty(store::Database&, Config const&) { return false; }

}  // namespace village::demo
