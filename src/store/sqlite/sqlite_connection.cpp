// SQLite connection: pragmas, prepared-statement cache, typed errors.
#include "store/sqlite/sqlite_connection.hpp"

#include <fmt/format.h>

#include "store/sqlite/dialect.hpp"

namespace village::store::sqlite {

namespace {

Errc classify(int extended) {
    switch (extended) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return Errc::conflict;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_NOTNULL:
            return Errc::unprocessable;
        default:
            break;
    }
    switch (extended & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
            return Errc::unavailable;
        case SQLITE_TOOBIG:
            return Errc::too_large;
        default:
            return Errc::internal;
    }
}

std::string_view message_for(Errc code) {
    switch (code) {
        case Errc::conflict:
            return "That clashes with something that already exists";
        case Errc::unprocessable:
            return "That refers to something that does not exist";
        case Errc::unavailable:
            return "The database is busy or unavailable; try again shortly";
        case Errc::too_large:
            return "That is too large to store";
        default:
            return "The server hit an unexpected database error";
    }
}

}  // namespace

SqliteConnection::SqliteConnection(std::string const& path, bool read_only) {
    int const flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    int const rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) raise(rc, fmt::format("opening {}", path));
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    // WAL lets readers run beside the writer; FULL sync makes a commit durable before we answer.
    exec_script(
        "PRAGMA foreign_keys = ON;"
        "PRAGMA synchronous = FULL;"
        "PRAGMA temp_store = MEMORY;");
    // Readers stay writable at the file level (WAL needs its -shm file) but refuse writes.
    exec_script(read_only ? "PRAGMA query_only = ON;" : "PRAGMA journal_mode = WAL;");
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

void SqliteConnection::raise(int rc, std::string_view context) {
    int const extended = db_ ? sqlite3_extended_errcode(db_) : rc;
    Errc const code = classify(extended != 0 ? extended : rc);
    std::string detail = fmt::format("sqlite {} ({}): {}", context, extended,
                                     db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    throw DbError(Error{code, std::string(message_for(code)), {}, std::move(detail)});
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    auto const text = without_row_locks(sql);
    int const rc = sqlite3_prepare_v3(db_, text.data(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) raise(rc, fmt::format("preparing [{}]", sql));
    // Text that holds no statement (only a comment) prepares to nothing: a bug, not a query.
    if (stmt == nullptr) raise(SQLITE_MISUSE, fmt::format("preparing [{}]: no statement", sql));
    statements_.emplace(std::string(sql), stmt);
    return stmt;
}

std::int64_t SqliteConnection::run(std::string_view sql, std::span<Value const> params, Rows* out) {
    sqlite3_stmt* stmt = prepare(sql);
    // Reset on every way out, so a cached statement never holds a read lock open.
    struct Reset {
        sqlite3_stmt* s;
        ~Reset() {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
        }
    } reset{stmt};

    for (std::size_t i = 0; i < params.size(); ++i) {
        // Placeholders are written $1, $2, …; look each up by name so their order may vary.
        auto const name = fmt::format("${}", i + 1);
        int const index = sqlite3_bind_parameter_index(stmt, name.c_str());
        if (index == 0) continue;  // a parameter the statement does not use
        Value const& v = params[i];
        int rc = SQLITE_OK;
        if (std::holds_alternative<std::nullptr_t>(v)) {
            rc = sqlite3_bind_null(stmt, index);
        } else if (auto const* n = std::get_if<std::int64_t>(&v)) {
            rc = sqlite3_bind_int64(stmt, index, *n);
        } else if (auto const* d = std::get_if<double>(&v)) {
            rc = sqlite3_bind_double(stmt, index, *d);
        } else {
            auto const& s = std::get<std::string>(v);
            rc =
                sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        if (rc != SQLITE_OK) raise(rc, "binding");
    }

    int const columns = sqlite3_column_count(stmt);
    while (true) {
        int const rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) raise(rc, fmt::format("running [{}]", sql.substr(0, 200)));
        if (!out) continue;
        std::vector<Value> row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(stmt, c)) {
                case SQLITE_NULL:
                    row.emplace_back(nullptr);
                    break;
                case SQLITE_INTEGER:
                    row.emplace_back(sqlite3_column_int64(stmt, c));
                    break;
                case SQLITE_FLOAT:
                    row.emplace_back(sqlite3_column_double(stmt, c));
                    break;
                default: {
                    auto const* text = reinterpret_cast<char const*>(sqlite3_column_text(stmt, c));
                    auto const size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
                    row.emplace_back(std::string(text ? text : "", size));
                }
            }
        }
        out->emplace_back(std::move(row));
    }
    return sqlite3_changes64(db_);
}

void SqliteConnection::exec_script(std::string_view sql) {
    std::string const text(sql);
    char* message = nullptr;
    int const rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (message) sqlite3_free(message);
    if (rc != SQLITE_OK) raise(rc, "running script");
}

// IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a lock.
void SqliteConnection::begin() {
    exec_script("BEGIN IMMEDIATE");
}
void SqliteConnection::commit() {
    exec_script("COMMIT");
}
void SqliteConnection::rollback() {
    if (!sqlite3_get_autocommit(db_)) exec_script("ROLLBACK");
}

}  // namespace village::store::sqlite
