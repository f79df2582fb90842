// The demo community: about 30 members, six spaces, boards with ~200 cards and comments.
#pragma once

#include "core/config.hpp"
#include "store/database.hpp"

namespace village::demo {

// Seeds the demo community once: does nothing (and returns false) if any member exists.
bool seed_if_empty(store::Database& database, Config const& config);

}  // namespace village::demo
