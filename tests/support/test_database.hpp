// A fresh, migrated database for unit tests: SQLite in memory.
#pragma once

#include <memory>

#include "store/database.hpp"

namespace village::testing {

[[nodiscard]] std::unique_ptr<store::Database> memory_database();

}  // namespace village::testing
