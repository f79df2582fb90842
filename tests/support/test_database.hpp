// Fresh databases for tests: SQLite in memory for unit tests; for integration tests a SQLite
// file in the test's data folder, or a fresh PostgreSQL database when
// VILLAGE_TEST_DATABASE_URL names a server (the README's test command starts one).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.hpp"

namespace village::testing {

[[nodiscard]] std::unique_ptr<store::Database> memory_database();

// A database URL nobody else uses, for one TestServer.
[[nodiscard]] std::string fresh_database_url(std::filesystem::path const& data_dir);

}  // namespace village::testing
