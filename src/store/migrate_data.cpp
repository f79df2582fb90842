// Copying every table between backends, verified by counts and checksums; see migrate_data.hpp.
#include "store/migrate_data.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace village::store {

namespace {

// Rows read per source query and the most parameters one INSERT carries (SQLite allows 32766,
// PostgreSQL 65535).
constexpr std::size_t kReadBatch = 1000;
constexpr std::size_t kMaxInsertParams = 2000;

std::string quote_name(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

std::string column_list(std::vector<std::string> const& columns) {
    std::string out;
    for (auto const& c : columns) {
        if (!out.empty()) out += ", ";
        out += quote_name(c);
    }
    return out;
}

[[noreturn]] void refuse(Errc code, std::string message) {
    throw DbError(Error{code, std::move(message), {}, {}});
}

std::vector<TableInfo> sqlite_tables(Sql& sql) {
    std::vector<TableInfo> tables;
    // pragma_table_list tells real tables from virtual (FTS) and shadow ones.
    auto names = sql.query(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name");
    for (auto const& row : names) {
        TableInfo table{row.text(0), {}, {}, {}};
        auto columns = sql.query(
            "SELECT name, type, \"notnull\", pk, hidden FROM pragma_table_xinfo($1) ORDER BY cid",
            table.name);
        std::vector<std::pair<std::int64_t, std::string>> key;
        for (auto const& c : columns) {
            table.columns.push_back(
                ColumnInfo{c.text(0), c.text(1), c.flag(2), c.i64(4) != 0, false});
            if (c.i64(3) > 0) key.emplace_back(c.i64(3), c.text(0));
        }
        std::sort(key.begin(), key.end());
        for (auto& [position, name] : key) table.primary_key.push_back(name);
        for (auto const& p :
             sql.query("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)", table.name)) {
            table.parents.push_back(p.text(0));
        }
        tables.push_back(std::move(table));
    }
    return tables;
}

std::vector<TableInfo> postgres_tables(Sql& sql) {
    std::vector<TableInfo> tables;
    auto names = sql.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' "
        "ORDER BY table_name COLLATE \"C\"");
    for (auto const& row : names) {
        TableInfo table{row.text(0), {}, {}, {}};
        auto columns = sql.query(
            "SELECT column_name, data_type, is_nullable = 'NO', is_generated <> 'NEVER', "
            "is_identity = 'YES' FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            table.name);
        for (auto const& c : columns) {
            table.columns.push_back(
                ColumnInfo{c.text(0), c.text(1), c.flag(2), c.flag(3), c.flag(4)});
        }
        auto key = sql.query(
            "SELECT k.column_name FROM information_schema.table_constraints t "
            "JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name "
            "AND k.table_schema = t.table_schema AND k.table_name = t.table_name "
            "WHERE t.table_schema = current_schema() AND t.table_name = $1 "
            "AND t.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position",
            table.name);
        for (auto const& k : key) table.primary_key.push_back(k.text(0));
        auto parents = sql.query(
            "SELECT DISTINCT p.relname FROM pg_constraint f JOIN pg_class p ON p.oid = f.confrelid "
            "WHERE f.contype = 'f' AND f.conrelid = to_regclass(quote_ident($1))",
            table.name);
        for (auto const& p : parents) table.parents.push_back(p.text(0));
        tables.push_back(std::move(table));
    }
    return tables;
}

// Parents before children (Kahn's algorithm, ties by name); self-references are fine within a
// table copied in key order. A cycle cannot be ordered: its tables go last, by name.
std::vector<TableInfo> in_dependency_order(std::vector<TableInfo> tables) {
    std::set<std::string> names;
    for (auto const& t : tables) names.insert(t.name);
    std::vector<TableInfo> ordered;
    std::set<std::string> done;
    while (!tables.empty()) {
        auto ready = std::find_if(tables.begin(), tables.end(), [&](TableInfo const& t) {
            return std::all_of(t.parents.begin(), t.parents.end(), [&](std::string const& p) {
                return p == t.name || !names.contains(p) || done.contains(p);
            });
        });
        if (ready == tables.end()) ready = tables.begin();
        done.insert(ready->name);
        ordered.push_back(std::move(*ready));
        tables.erase(ready);
    }
    return ordered;
}

// An order-independent hash of a multiset of rows: each row's BLAKE2b-128 hash, as two 64-bit
// lanes, added up. Values are encoded with their kind, so 1, 1.0, '1' and NULL all differ.
class RowHasher {
  public:
    void add(Row const& row, std::vector<std::size_t> const& indexes) {
        std::string encoded;
        for (auto i : indexes) {
            Value const& v = row.value(i);
            if (std::holds_alternative<std::nullptr_t>(v)) {
                encoded += "N;";
            } else if (auto const* n = std::get_if<std::int64_t>(&v)) {
                encoded += fmt::format("I{};", *n);
            } else if (auto const* d = std::get_if<double>(&v)) {
                encoded += fmt::format("D{};", *d);
            } else {
                auto const& s = std::get<std::string>(v);
                encoded += fmt::format("S{}:", s.size());
                encoded += s;
            }
        }
        std::array<unsigned char, 16> digest{};
        crypto_generichash(digest.data(), digest.size(),
                           reinterpret_cast<unsigned char const*>(encoded.data()), encoded.size(),
                           nullptr, 0);
        std::uint64_t lanes[2];
        std::memcpy(lanes, digest.data(), sizeof lanes);
        sum_[0] += lanes[0];
        sum_[1] += lanes[1];
        ++rows_;
    }
    [[nodiscard]] TableSummary summary() const {
        return TableSummary{rows_, fmt::format("{:016x}{:016x}", sum_[0], sum_[1])};
    }

  private:
    std::uint64_t sum_[2] = {0, 0};
    std::int64_t rows_ = 0;
};

// Reads every row of `columns` in primary-key order, a batch at a time, so memory does not
// grow with the table.
template <class OnBatch>
void read_table(Sql& sql, TableInfo const& table, std::vector<std::string> const& columns,
                OnBatch const& on_batch) {
    std::string const select =
        fmt::format("SELECT {} FROM {}", column_list(columns), quote_name(table.name));
    if (table.primary_key.empty()) {
        on_batch(sql.query(select));
        return;
    }
    std::vector<std::size_t> key_indexes;
    for (auto const& k : table.primary_key) {
        auto it = std::find(columns.begin(), columns.end(), k);
        if (it == columns.end()) refuse(Errc::internal, "primary key column not copied: " + k);
        key_indexes.push_back(static_cast<std::size_t>(it - columns.begin()));
    }
    std::string const order =
        fmt::format(" ORDER BY {} LIMIT {}", column_list(table.primary_key), kReadBatch);
    std::string after;
    for (std::size_t i = 0; i < table.primary_key.size(); ++i) {
        after += fmt::format("{}${}", i == 0 ? "" : ", ", i + 1);
    }
    std::string const next =
        fmt::format("{} WHERE ({}) > ({}){}", select, column_list(table.primary_key), after, order);

    Rows rows = sql.query(select + order);
    while (!rows.empty()) {
        std::vector<Value> last;
        for (auto i : key_indexes) last.push_back(rows.back().value(i));
        bool const more = rows.size() == kReadBatch;
        on_batch(std::move(rows));
        if (!more) break;
        rows = sql.query_values(next, last);
    }
}

void insert_rows(Sql& sql, std::string const& table, std::vector<std::string> const& columns,
                 Rows const& rows) {
    std::size_t const per_insert = std::max<std::size_t>(1, kMaxInsertParams / columns.size());
    std::string const head =
        fmt::format("INSERT INTO {} ({}) VALUES ", quote_name(table), column_list(columns));
    for (std::size_t start = 0; start < rows.size(); start += per_insert) {
        std::size_t const count = std::min(per_insert, rows.size() - start);
        std::string sql_text = head;
        std::vector<Value> params;
        params.reserve(count * columns.size());
        for (std::size_t r = 0; r < count; ++r) {
            sql_text += r == 0 ? "(" : ", (";
            for (std::size_t c = 0; c < columns.size(); ++c) {
                params.push_back(rows[start + r].value(c));
                sql_text += fmt::format("{}${}", c == 0 ? "" : ", ", params.size());
            }
            sql_text += ")";
        }
        sql.run(sql_text, params, nullptr);
    }
}

std::int64_t schema_version(Sql& sql) {
    return sql.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->i64(0);
}

}  // namespace

std::vector<TableInfo> describe_tables(Sql& sql, std::string_view backend) {
    return in_dependency_order(backend == "postgres" ? postgres_tables(sql) : sqlite_tables(sql));
}

TableSummary summarize_table(Sql& sql, TableInfo const& table,
                             std::vector<std::string> const& columns) {
    if (sodium_init() < 0) refuse(Errc::internal, "libsodium failed to initialise");
    RowHasher hasher;
    std::vector<std::size_t> all(columns.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    read_table(sql, table, columns, [&](Rows const& rows) {
        for (auto const& row : rows) hasher.add(row, all);
    });
    return hasher.summary();
}

Result<MigrateReport> copy_all(Database& from, Database& to) {
    if (&from == &to) return fail(Errc::bad_request, "Source and target are the same database");
    if (sodium_init() < 0) return fail(Errc::internal, "libsodium failed to initialise");
    try {
        Db source_db(from);
        Db target_db(to);
        // A write transaction on the source holds its write lock (SQLite's writer, PostgreSQL's
        // advisory lock): no village process changes it while it is read.
        auto source = source_db.begin();
        auto target = target_db.begin();

        auto const source_version = schema_version(source);
        auto const target_version = schema_version(target);
        if (source_version != target_version) {
            return fail(Errc::unprocessable,
                        fmt::format("The source is at schema version {} and the target at {}; "
                                    "migrate both to the same version first",
                                    source_version, target_version));
        }
        auto const source_tables = describe_tables(source, from.backend());
        auto const target_tables = describe_tables(target, to.backend());
        std::map<std::string, TableInfo const*> target_by_name;
        for (auto const& t : target_tables) {
            target_by_name[t.name] = &t;
            if (target.query_one(fmt::format("SELECT 1 FROM {} LIMIT 1", quote_name(t.name)))) {
                return fail(Errc::conflict,
                            fmt::format("The target is not empty: table {} has rows", t.name));
            }
        }

        MigrateReport report;
        std::vector<std::vector<std::string>> copied_columns;
        for (auto const& table : source_tables) {
            auto it = target_by_name.find(table.name);
            if (it == target_by_name.end()) {
                return fail(Errc::unprocessable,
                            fmt::format("The target has no table {}", table.name));
            }
            std::vector<std::string> columns;
            for (auto const& c : table.columns) {
                if (c.generated) continue;
                auto const& target_columns = it->second->columns;
                auto match = std::find_if(target_columns.begin(), target_columns.end(),
                                          [&](ColumnInfo const& t) { return t.name == c.name; });
                if (match == target_columns.end() || match->generated) {
                    return fail(Errc::unprocessable,
                                fmt::format("The target has no column {}.{}", table.name, c.name));
                }
                columns.push_back(c.name);
            }
            RowHasher hasher;
            std::vector<std::size_t> all(columns.size());
            for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
            read_table(source, table, columns, [&](Rows const& rows) {
                for (auto const& row : rows) hasher.add(row, all);
                insert_rows(target, table.name, columns, rows);
            });
            report.tables.push_back(TableCopy{table.name, hasher.summary(), {}});
            copied_columns.push_back(std::move(columns));
            spdlog::debug("copied {}: {} rows", table.name, report.tables.back().source.rows);
        }

        // Read everything back through the target transaction: commit only what arrived whole.
        for (std::size_t i = 0; i < source_tables.size(); ++i) {
            auto& copy = report.tables[i];
            copy.target =
                summarize_table(target, *target_by_name.at(copy.table), copied_columns[i]);
            if (copy.target.rows != copy.source.rows ||
                copy.target.checksum != copy.source.checksum) {
                return fail(Error{
                    Errc::internal,
                    fmt::format("Table {} did not arrive intact", copy.table),
                    {},
                    fmt::format("rows {} → {}, checksum {} → {}", copy.source.rows,
                                copy.target.rows, copy.source.checksum, copy.target.checksum)});
            }
        }

        if (to.backend() == "postgres") {
            // Identities would otherwise start at 1 and collide with the copied ids.
            for (auto const& table : target_tables) {
                for (auto const& c : table.columns) {
                    if (!c.identity) continue;
                    target.query(fmt::format("SELECT setval(pg_get_serial_sequence($1, $2), "
                                             "COALESCE(MAX({}), 0) + 1, false) FROM {}",
                                             quote_name(c.name), quote_name(table.name)),
                                 quote_name(table.name), c.name);
                }
            }
        }
        target.commit();
        return report;
    } catch (DbError const& e) {
        return fail(e.error());
    }
}

int run_migrate_data(std::string from, std::string to) {
    auto const sqlite_path = [](std::string const& url) -> std::optional<std::string> {
        if (url.starts_with("postgres://") || url.starts_with("postgresql://")) return {};
        if (url.starts_with("sqlite://")) return url.substr(9);
        return url;
    };
    // Opening a SQLite path that does not exist would create an empty database to copy from.
    if (auto path = sqlite_path(from);
        path && *path != ":memory:" && !std::filesystem::exists(*path)) {
        fmt::print(stderr, "migrate-data: no database at {}\n", *path);
        return 1;
    }
    auto source = open_database(from, {});
    if (!source) {
        fmt::print(stderr, "migrate-data: cannot open the source: {} {}\n", source.error().message,
                   source.error().detail);
        return 1;
    }
    auto target = open_database(to, {});
    if (!target) {
        fmt::print(stderr, "migrate-data: cannot open the target: {} {}\n", target.error().message,
                   target.error().detail);
        return 1;
    }
    try {
        (*source)->migrate();
        (*target)->migrate();
    } catch (DbError const& e) {
        fmt::print(stderr, "migrate-data: migrating failed: {}\n", e.what());
        return 1;
    }
    auto report = copy_all(**source, **target);
    if (!report) {
        fmt::print(stderr, "migrate-data: nothing copied: {}{}{}\n", report.error().message,
                   report.error().detail.empty() ? "" : ": ", report.error().detail);
        return 1;
    }
    std::int64_t total = 0;
    for (auto const& t : report->tables) {
        fmt::print("{:<24} {:>10} rows  checksum {}  ok\n", t.table, t.target.rows,
                   t.target.checksum);
        total += t.target.rows;
    }
    fmt::print("copied {} rows in {} tables; every count and checksum matches\n", total,
               report->tables.size());
    (*source)->close();
    (*target)->close();
    return 0;
}

}  // namespace village::store
