// The PostgreSQL migrations mirror the SQLite ones: after both are applied, the two schemas
// have the same tables, columns (kind, NOT NULL), keys, foreign keys and indexes. Guards the
// rule that every store/migrations/sqlite/NNNN file has a PostgreSQL twin of the same meaning.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "store/migrate_data.hpp"
#include "support/test_database.hpp"

namespace village::store {

namespace {

// SQLite's declared types and PostgreSQL's data types, by what they store.
std::string kind(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(), ::tolower);
    if (type == "integer" || type == "bigint" || type == "smallint" || type == "int") {
        return "integer";
    }
    if (type == "text") return "text";
    if (type == "real" || type == "double precision") return "real";
    if (type == "blob" || type == "bytea") return "blob";
    return "other: " + type;
}

struct Index {
    std::string table;
    std::vector<std::string> columns;
    bool unique = false;
    bool operator==(Index const&) const = default;
};

std::ostream& operator<<(std::ostream& out, Index const& index) {
    out << index.table << (index.unique ? " unique (" : " (");
    for (auto const& c : index.columns) out << c << ' ';
    return out << ')';
}

// Named indexes (CREATE INDEX), by name.
std::map<std::string, Index> sqlite_indexes(Sql& sql) {
    std::map<std::string, Index> out;
    for (auto const& row : sql.query(
             "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL "
             "AND tbl_name IN (SELECT name FROM pragma_table_list WHERE type = 'table')")) {
        Index index{row.text(1), {}, false};
        for (auto const& c :
             sql.query("SELECT name FROM pragma_index_info($1) ORDER BY seqno", row.text(0))) {
            index.columns.push_back(c.text(0));
        }
        index.unique = sql.query_one("SELECT \"unique\" FROM pragma_index_list($1) WHERE name = $2",
                                     row.text(1), row.text(0))
                           ->flag(0);
        out[row.text(0)] = index;
    }
    return out;
}

std::map<std::string, Index> postgres_indexes(Sql& sql) {
    std::map<std::string, Index> out;
    for (auto const& row : sql.query(
             "SELECT i.relname, t.relname, x.indisunique FROM pg_index x "
             "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
             "WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = "
             "current_schema()) "
             "AND t.relkind = 'r' "
             "AND t.relname <> 'schema_migrations' "
             "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)")) {
        Index index{row.text(1), {}, row.flag(2)};
        for (auto const& c : sql.query(
                 "SELECT a.attname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                 "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey) "
                 "WHERE i.relname = $1 ORDER BY array_position(x.indkey::int2[], a.attnum)",
                 row.text(0))) {
            index.columns.push_back(c.text(0));
        }
        out[row.text(0)] = index;
    }
    return out;
}

// Foreign keys and UNIQUE constraints, as sorted text lines per table, so their names (which
// differ between the backends) do not matter.
std::set<std::string> sqlite_constraints(Sql& sql, std::string const& table) {
    std::set<std::string> out;
    for (auto const& fk :
         sql.query("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list($1)",
                   table)) {
        out.insert("fk " + fk.text(0) + " -> " + fk.text(1) + "(" + fk.text(2) + ") on delete " +
                   fk.text(3));
    }
    for (auto const& ix :
         sql.query("SELECT name FROM pragma_index_list($1) WHERE origin = 'u'", table)) {
        std::string line = "unique";
        for (auto const& c :
             sql.query("SELECT name FROM pragma_index_info($1) ORDER BY seqno", ix.text(0))) {
            line += " " + c.text(0);
        }
        out.insert(line);
    }
    return out;
}

std::set<std::string> postgres_constraints(Sql& sql, std::string const& table) {
    std::set<std::string> out;
    for (auto const& fk :
         sql.query("SELECT a.attname, p.relname, pa.attname, CASE c.confdeltype "
                   "WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' "
                   "WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END "
                   "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                   "JOIN pg_class p ON p.oid = c.confrelid "
                   "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
                   "JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1] "
                   "WHERE c.contype = 'f' AND t.relname = $1",
                   table)) {
        out.insert("fk " + fk.text(0) + " -> " + fk.text(1) + "(" + fk.text(2) + ") on delete " +
                   fk.text(3));
    }
    for (auto const& u :
         sql.query("SELECT (SELECT string_agg(a.attname, ' ' ORDER BY k.n) "
                   "FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) "
                   "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) "
                   "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                   "WHERE c.contype = 'u' AND t.relname = $1",
                   table)) {
        out.insert("unique " + u.text(0));
    }
    return out;
}

class SchemaParity : public ::testing::Test {
  protected:
    void SetUp() override {
        postgres_ = testing::fresh_database("postgres");
        if (!postgres_) GTEST_SKIP() << "VILLAGE_TEST_DATABASE_URL is not set";
        sqlite_ = testing::memory_database();
    }
    std::unique_ptr<Database> sqlite_;
    std::unique_ptr<Database> postgres_;
};

TEST_F(SchemaParity, TablesColumnsKeysAndConstraintsMatch) {
    Db lite(*sqlite_);
    Db pg(*postgres_);
    auto const lite_tables = describe_tables(lite, "sqlite");
    auto const pg_tables = describe_tables(pg, "postgres");
    std::vector<std::string> lite_names, pg_names;
    for (auto const& t : lite_tables) lite_names.push_back(t.name);
    for (auto const& t : pg_tables) pg_names.push_back(t.name);
    ASSERT_EQ(lite_names, pg_names);

    for (std::size_t i = 0; i < lite_tables.size(); ++i) {
        auto const& l = lite_tables[i];
        auto const& p = pg_tables[i];
        SCOPED_TRACE(l.name);
        ASSERT_EQ(l.columns.size(), p.columns.size());
        for (std::size_t c = 0; c < l.columns.size(); ++c) {
            EXPECT_EQ(l.columns[c].name, p.columns[c].name);
            EXPECT_EQ(kind(l.columns[c].type), kind(p.columns[c].type)) << l.columns[c].name;
            // SQLite lets a lone INTEGER PRIMARY KEY be declared without NOT NULL.
            bool const rowid = l.primary_key.size() == 1 && l.primary_key[0] == l.columns[c].name;
            EXPECT_EQ(l.columns[c].not_null || rowid, p.columns[c].not_null) << l.columns[c].name;
            EXPECT_EQ(l.columns[c].generated, p.columns[c].generated) << l.columns[c].name;
        }
        EXPECT_EQ(l.primary_key, p.primary_key);
        EXPECT_EQ(sqlite_constraints(lite, l.name), postgres_constraints(pg, p.name));
    }
}

TEST_F(SchemaParity, IndexesMatchByNameAndColumns) {
    Db lite(*sqlite_);
    Db pg(*postgres_);
    EXPECT_EQ(sqlite_indexes(lite), postgres_indexes(pg));
}

TEST_F(SchemaParity, EveryTextColumnComparesBytewiseAsInSqlite) {
    Db pg(*postgres_);
    // COLLATE "C": ORDER BY, <, > and lower() behave as with SQLite's BINARY collation (bytes,
    // ASCII-only case mapping), whatever locale the PostgreSQL database was created with.
    EXPECT_GT(pg.query_one("SELECT COUNT(*) FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND column_name = 'position'")
                  ->i64(0),
              0);
    for (auto const& row : pg.query(
             "SELECT table_name || '.' || column_name FROM information_schema.columns "
             "WHERE table_schema = current_schema() AND data_type = 'text' "
             "AND table_name <> 'schema_migrations' AND collation_name IS DISTINCT FROM 'C'")) {
        ADD_FAILURE() << row.text(0) << " needs COLLATE \"C\"";
    }
}

}  // namespace

}  // namespace village::store
