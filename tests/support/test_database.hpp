// Fresh databases for tests: SQLite in memory for unit tests; for integration tests a SQLite
// file in the test's data folder, or a fresh PostgreSQL database when
// VILLAGE_TEST_DATABASE_URL names a server (the README's test command starts one).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace village::testing {

[[nodiscard]] std::unique_ptr<store::Database> memory_database();

// A database URL nobody else uses, for one TestServer: with VILLAGE_TEST_DATABASE_URL set, a
// newly created, empty PostgreSQL database on that server; otherwise a SQLite file in data_dir.
[[nodiscard]] std::string fresh_database_url(std::filesystem::path const& data_dir);

// The admin URL from VILLAGE_TEST_DATABASE_URL, if a PostgreSQL server is there for tests.
[[nodiscard]] std::optional<std::string> test_postgres_url();
// CREATE DATABASE village_test_<random> on the test server; its URL. Throws when unset.
[[nodiscard]] std::string create_postgres_database();

// For tests written once and run on every backend: "sqlite", and "postgres" (whose cases
// skip when VILLAGE_TEST_DATABASE_URL is unset).
[[nodiscard]] std::vector<std::string> backends();
// A fresh, migrated database of that backend: SQLite in memory, or a new PostgreSQL database.
// Returns null for "postgres" when no test server is configured.
[[nodiscard]] std::unique_ptr<store::Database> fresh_database(std::string_view backend);

}  // namespace village::testing
