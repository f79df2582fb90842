// PostgreSQL connection: prepared statements per distinct SQL, text parameters, typed errors.
#include "store/postgres/postgres_connection.hpp"
#include "store/sql_text.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <charconv>
#include <cstring>
#include <memory>

namespace village::store::postgres {

namespace {

// Type OIDs from PostgreSQL's pg_type catalogue (stable since forever).
constexpr Oid kBool = 16;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kText = 25;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kNumeric = 1700;
constexpr Oid kUnknown = 0;  // let the server infer the type from where the parameter is used

// Statements cached per connection before the cache is dropped and started afresh; only
// queries built from filters can produce many distinct texts.
constexpr std::size_t kMaxCachedStatements = 2000;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

Errc classify(std::string_view state) {
    if (state == "23505" || state == "23P01") return Errc::conflict;
    if (state == "23503" || state == "23514" || state == "23502") return Errc::unprocessable;
    // Serialisation failures and deadlocks: the job may be retried.
    if (state == "40001" || state == "40P01") return Errc::unavailable;
    if (state.starts_with("08")) return Errc::unavailable;   // connection exceptions
    if (state.starts_with("53")) return Errc::unavailable;   // too many connections, out of disk
    if (state.starts_with("57P")) return Errc::unavailable;  // admin or crash shutdown, starting
    if (state == "55P03" || state == "57014") return Errc::unavailable;  // lock timeout, cancel
    if (state == "22021") return Errc::bad_request;                      // text not UTF-8
    if (state == "54000") return Errc::too_large;
    return Errc::internal;
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
        case Errc::bad_request:
            return "Text must be valid UTF-8";
        default:
            return "The server hit an unexpected database error";
    }
}

// Which of $1, $2, … the SQL uses, skipping literals, quoted names and comments, so a
// parameter the statement does not use can be given a type the server does not need to infer.
std::vector<bool> used_placeholders(std::string_view sql) {
    std::vector<bool> used;
    std::size_t i = 0;
    auto const n = sql.size();
    while (i < n) {
        if (auto const past = skip_literal_or_comment(sql, i); past != i) {
            i = past;
            continue;
        }
        char const c = sql[i];
        if (c == '$' && i + 1 < n && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            std::size_t index = 0;
            auto const* first = sql.data() + i + 1;
            auto [end, ec] = std::from_chars(first, sql.data() + n, index);
            i = static_cast<std::size_t>(end - sql.data());
            if (ec != std::errc{} || index == 0) continue;
            if (used.size() < index) used.resize(index, false);
            used[index - 1] = true;
        } else {
            ++i;
        }
    }
    return used;
}

// Typed values, as SQLite hands them back: integers and booleans as int64, floats as double.
Value read_value(PGresult const* result, int row, int column, Oid type) {
    if (PQgetisnull(result, row, column)) return nullptr;
    char const* text = PQgetvalue(result, row, column);
    auto const size = static_cast<std::size_t>(PQgetlength(result, row, column));
    switch (type) {
        case kBool:
            return std::int64_t{text[0] == 't' ? 1 : 0};
        case kInt2:
        case kInt4:
        case kInt8:
        case kOid:
        case kNumeric: {  // SUM(bigint) is numeric: whole values read back as integers
            std::int64_t n = 0;
            auto [end, ec] = std::from_chars(text, text + size, n);
            if (ec == std::errc{} && end == text + size) return n;
            if (type != kNumeric) break;
            double d = 0;
            auto [dend, dec] = std::from_chars(text, text + size, d);
            if (dec == std::errc{} && dend == text + size) return d;
            break;
        }
        case kFloat4:
        case kFloat8: {
            double d = 0;
            auto [end, ec] = std::from_chars(text, text + size, d);
            if (ec == std::errc{} && end == text + size) return d;
            return std::stod(std::string(text, size));  // Infinity, NaN
        }
        default:
            break;
    }
    return std::string(text, size);
}

}  // namespace

PostgresConnection::PostgresConnection(ConnectParams const& params) {
    std::vector<char const*> keywords;
    std::vector<char const*> values;
    for (std::size_t i = 0; i < params.keywords.size(); ++i) {
        keywords.push_back(params.keywords[i].c_str());
        values.push_back(params.values[i].c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keywords.data(), values.data(), 1);
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        std::string detail = conn_ ? PQerrorMessage(conn_) : "out of memory";
        while (!detail.empty() && detail.back() == '\n') detail.pop_back();
        PQfinish(conn_);
        conn_ = nullptr;
        throw DbError(Error{Errc::unavailable,
                            std::string(message_for(Errc::unavailable)),
                            {},
                            "postgres connect: " + detail});
    }
    // Quiet: NOTICEs (e.g. "relation already exists, skipping") are not worth a log line each.
    PQsetNoticeProcessor(
        conn_, [](void*, char const*) {}, nullptr);
}

PostgresConnection::~PostgresConnection() {
    PQfinish(conn_);
}

bool PostgresConnection::broken() const {
    return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK;
}

bool PostgresConnection::reusable() const {
    return !broken() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool PostgresConnection::looks_alive() const {
    if (!reusable()) return false;
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    // Readable while idle means the server spoke first: almost always a termination notice
    // followed by EOF. Reconnecting on the rare harmless message costs little.
    return poll(&fd, 1, 0) == 0;
}

void PostgresConnection::raise(PGresult const* result, std::string_view context) {
    char const* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    Errc code = classify(state ? state : "");
    if (broken()) code = Errc::unavailable;  // the connection is gone, whatever was said
    std::string message = result ? PQresultErrorMessage(result) : "";
    if (message.empty() && conn_) message = PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    throw DbError(
        Error{code,
              std::string(message_for(code)),
              {},
              fmt::format("postgres {} ({}): {}", context, state ? state : "-", message)});
}

std::string const& PostgresConnection::prepare(std::string_view sql,
                                               std::span<Value const> params) {
    auto const used = used_placeholders(sql);
    std::vector<Oid> types(params.size(), kText);
    std::string key(sql);
    key.push_back('\0');
    for (std::size_t i = 0; i < params.size(); ++i) {
        // A parameter the SQL never names still needs a type; text is as good as any.
        if (i >= used.size() || !used[i]) {
            key.push_back('x');
            continue;
        }
        Value const& v = params[i];
        if (std::holds_alternative<std::int64_t>(v)) {
            // Typed, so `COALESCE($1, 0)` or `$1 > 0` is not taken as a 32-bit integer.
            types[i] = kInt8;
            key.push_back('i');
        } else if (std::holds_alternative<double>(v)) {
            types[i] = kFloat8;
            key.push_back('d');
        } else {
            // Text and null: the server infers the column's type, as SQLite's affinity would.
            types[i] = kUnknown;
            key.push_back(std::holds_alternative<std::string>(v) ? 's' : 'n');
        }
    }
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;

    if (statements_.size() >= kMaxCachedStatements && reusable()) {
        exec_script("DEALLOCATE ALL");
        statements_.clear();
    }
    auto name = fmt::format("village_{}", next_statement_++);
    std::string const text(sql);
    auto const attempt = [&](std::vector<Oid> const& with) {
        return ResultPtr(PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(with.size()),
                                   with.data()),
                         &PQclear);
    };
    auto const failed_with = [](ResultPtr const& r) -> std::string_view {
        if (r && PQresultStatus(r.get()) == PGRES_COMMAND_OK) return {};
        char const* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        return state ? state : "?";
    };
    // Inside a transaction a failed prepare would abort it, and the second try below needs it
    // alive: a savepoint, only for the first use of a statement on this connection.
    bool const in_transaction = PQtransactionStatus(conn_) == PQTRANS_INTRANS;
    if (in_transaction) exec_script("SAVEPOINT village_prepare");
    auto result = attempt(types);
    auto state = failed_with(result);
    if (state == "42883" || state == "42725" || state == "42P18") {
        // No function for int8 arguments (e.g. substr(text, int4)): let the server infer the
        // numbers from where they are used. A parameter used only as `$1 IS NULL` has no
        // type to infer: make the untyped ones text.
        std::vector<Oid> relaxed = types;
        for (auto& t : relaxed) {
            if (state == "42P18") {
                if (t == kUnknown) t = kText;
            } else if (t == kInt8 || t == kFloat8) {
                t = kUnknown;
            }
        }
        if (in_transaction) exec_script("ROLLBACK TO SAVEPOINT village_prepare");
        auto retried = attempt(relaxed);
        if (failed_with(retried).empty()) {
            result = std::move(retried);
            state = {};
        }
    }
    if (in_transaction) {
        if (!state.empty()) exec_script("ROLLBACK TO SAVEPOINT village_prepare");
        exec_script("RELEASE SAVEPOINT village_prepare");
    }
    if (!state.empty()) raise(result.get(), fmt::format("preparing [{}]", sql.substr(0, 200)));
    return statements_.emplace(std::move(key), std::move(name)).first->second;
}

std::int64_t PostgresConnection::run(std::string_view sql, std::span<Value const> params,
                                     Rows* out) {
    if (broken()) raise(nullptr, "running on a lost connection");
    std::vector<std::string> texts(params.size());
    std::vector<char const*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
        Value const& v = params[i];
        if (auto const* n = std::get_if<std::int64_t>(&v)) {
            texts[i] = std::to_string(*n);
        } else if (auto const* d = std::get_if<double>(&v)) {
            texts[i] = fmt::format("{}", *d);
        } else if (auto const* s = std::get_if<std::string>(&v)) {
            // Parameters travel as C strings: a NUL would silently cut the text short.
            if (std::memchr(s->data(), '\0', s->size()) != nullptr) {
                throw DbError(Error{Errc::bad_request,
                                    "Text must not contain NUL characters",
                                    {},
                                    "postgres: NUL byte in a text parameter"});
            }
            texts[i] = *s;
        } else {
            continue;  // null
        }
        values[i] = texts[i].c_str();
    }
    std::string const& name = prepare(sql, params);
    ResultPtr result(PQexecPrepared(conn_, name.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0),
                     &PQclear);
    auto const status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        raise(result.get(), fmt::format("running [{}]", sql.substr(0, 200)));
    }
    if (out && status == PGRES_TUPLES_OK) {
        int const rows = PQntuples(result.get());
        int const columns = PQnfields(result.get());
        std::vector<Oid> types(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c)
            types[static_cast<std::size_t>(c)] = PQftype(result.get(), c);
        out->reserve(out->size() + static_cast<std::size_t>(rows));
        for (int r = 0; r < rows; ++r) {
            std::vector<Value> row;
            row.reserve(types.size());
            for (int c = 0; c < columns; ++c) {
                row.push_back(read_value(result.get(), r, c, types[static_cast<std::size_t>(c)]));
            }
            out->emplace_back(std::move(row));
        }
    }
    char const* changed = PQcmdTuples(result.get());
    std::int64_t count = 0;
    std::from_chars(changed, changed + std::strlen(changed), count);
    return count;
}

void PostgresConnection::exec_script(std::string_view sql) {
    if (broken()) raise(nullptr, "running on a lost connection");
    std::string const text(sql);
    ResultPtr result(PQexec(conn_, text.c_str()), &PQclear);
    auto const status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        raise(result.get(), fmt::format("running script [{}]", sql.substr(0, 200)));
    }
}

// Write transactions take one lock per database, so they run one at a time across every
// process, as SQLite's single writer does: a service's read-then-write (the last admin, a
// position after the last card) cannot interleave with another, and ids (activity ids above
// all) are handed out in commit order, so "everything after id N" misses nothing. Reads
// outside transactions do not wait. One round trip: both statements go in one message.
void PostgresConnection::begin() {
    try {
        exec_script(fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})", kWriteLock));
    } catch (DbError const&) {
        if (!broken() && PQtransactionStatus(conn_) != PQTRANS_IDLE) {
            ResultPtr(PQexec(conn_, "ROLLBACK"), &PQclear);
        }
        throw;
    }
}

void PostgresConnection::commit() {
    if (!broken() && PQtransactionStatus(conn_) == PQTRANS_INERROR) {
        // PostgreSQL would answer COMMIT with a silent ROLLBACK; say so instead. A statement
        // of this transaction already failed and the caller carried on regardless.
        exec_script("ROLLBACK");
        throw DbError(Error{Errc::internal,
                            std::string(message_for(Errc::internal)),
                            {},
                            "postgres: commit of a transaction in which a statement failed"});
    }
    exec_script("COMMIT");
}

void PostgresConnection::rollback() {
    if (broken() || PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
    exec_script("ROLLBACK");
}

void PostgresConnection::notify(std::string_view channel, std::string_view payload) {
    std::vector<Value> params{std::string(channel), std::string(payload)};
    run("SELECT pg_notify($1, $2)", params, nullptr);
}

}  // namespace village::store::postgres
