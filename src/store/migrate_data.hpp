// Copying a whole community from one database to another (SQLite → PostgreSQL or back), with
// a per-table row count and content checksum computed on both sides.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace village::store {

struct ColumnInfo {
    std::string name;
    std::string type;  // as declared: "INTEGER", "bigint", "text", …
    bool not_null = false;
    bool generated = false;  // computed by the database; never copied
    bool identity = false;   // PostgreSQL identity column, whose sequence follows copied ids
};

struct TableInfo {
    std::string name;
    std::vector<ColumnInfo> columns;       // in declaration order
    std::vector<std::string> primary_key;  // in key order; empty when the table has none
    std::vector<std::string> parents;      // tables its foreign keys refer to
};

// The schema's own tables in dependency order (parents first): not schema_migrations, not
// SQLite's internal, virtual (FTS) or shadow tables, since those are derived from the others.
[[nodiscard]] std::vector<TableInfo> describe_tables(Sql& sql, std::string_view backend);

struct TableSummary {
    std::int64_t rows = 0;
    std::string checksum;  // 32 hex digits; independent of row order and of the backend
};

// Counts and checksums the stored values of `columns` of every row of `table`.
[[nodiscard]] TableSummary summarize_table(Sql& sql, TableInfo const& table,
                                           std::vector<std::string> const& columns);

struct TableCopy {
    std::string table;
    TableSummary source;
    TableSummary target;  // read back inside the target transaction, before commit
};

struct MigrateReport {
    std::vector<TableCopy> tables;
};

// Copies every row of every table, keeping ids, in one target transaction that commits only
// when each table's count and checksum read back from the target match the source. Refuses a
// target that already holds rows or sits at another schema version. Resets PostgreSQL identity
// sequences past the copied ids.
[[nodiscard]] Result<MigrateReport> copy_all(Database& from, Database& to);

// `village migrate-data --from URL --to URL`: opens both, applies pending migrations to both,
// copies, prints one line per table. Returns the process exit status.
int run_migrate_data(std::string from, std::string to);

}  // namespace village::store
