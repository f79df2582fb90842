// PostgreSQL backend: lazy, bounded connection pool; broken connections are dropped and
// replaced on the next lease, so the process rides out a server restart by itself.
#include "store/postgres/postgres_database.hpp"

#include <spdlog/spdlog.h>

#include "core/time.hpp"
#include "store/migration.hpp"

namespace village::store::postgres {

extern const std::vector<store::Migration> kMigrations;

namespace {

[[noreturn]] void unavailable(std::string detail) {
    throw DbError(Error{Errc::unavailable,
                        "The database is busy or unavailable; try again shortly",
                        {},
                        std::move(detail)});
}

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, DatabaseOptions const& options)
    : max_connections_(static_cast<std::size_t>(std::max(1, options.readers)) + 1) {
    // Defaults first: libpq lets later keywords win, so settings in the URL override them.
    // A short connect timeout makes requests fail fast (503) while the server is away; TCP
    // keepalives and a user timeout notice a server that vanished without closing. A writer
    // that waits over 10 s for the write lock gives up with a 503, as a full pool does.
    std::pair<char const*, char const*> const defaults[] = {
        {"connect_timeout", "2"},           {"application_name", "village"},
        {"keepalives_idle", "30"},          {"keepalives_interval", "10"},
        {"keepalives_count", "3"},          {"tcp_user_timeout", "30000"},
        {"options", "-c lock_timeout=10s"},
    };
    for (auto const& [keyword, value] : defaults) {
        params_.keywords.emplace_back(keyword);
        params_.values.emplace_back(value);
    }
    params_.keywords.emplace_back("dbname");  // expanded from the URL, last, so it wins
    params_.values.push_back(std::move(url));
    auto first = std::make_unique<PostgresConnection>(params_);
    idle_.push_back(std::move(first));
    open_ = 1;
}

PostgresDatabase::~PostgresDatabase() {
    close();
}

Lease PostgresDatabase::reader() {
    return lease();
}

Lease PostgresDatabase::writer() {
    return lease();
}

Lease PostgresDatabase::lease() {
    std::unique_lock lock(mutex_);
    auto const deadline = std::chrono::steady_clock::now() + kLeaseTimeout;
    while (true) {
        if (closed_) unavailable("postgres: the database is closed");
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            if (connection->looks_alive()) {
                return Lease(connection.release(), [this](Connection* c) {
                    give_back(static_cast<PostgresConnection*>(c));
                });
            }
            // Lost while idle (server restarted, backend terminated): replace it below.
            --open_;
            lock.unlock();
            connection.reset();
            lock.lock();
            continue;
        }
        if (open_ < max_connections_) {
            ++open_;
            lock.unlock();
            try {
                auto connection = std::make_unique<PostgresConnection>(params_);
                return Lease(connection.release(), [this](Connection* c) {
                    give_back(static_cast<PostgresConnection*>(c));
                });
            } catch (...) {
                lock.lock();
                --open_;
                lock.unlock();
                returned_.notify_one();
                throw;
            }
        }
        if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= max_connections_) {
            unavailable("postgres: no free connection in the pool");
        }
    }
}

void PostgresDatabase::give_back(PostgresConnection* raw) {
    std::unique_ptr<PostgresConnection> connection(raw);
    // A connection left mid-transaction (its rollback failed) is not safe to reuse either.
    bool const keep = connection->reusable();
    {
        std::lock_guard lock(mutex_);
        if (keep && !closed_) {
            idle_.push_back(std::move(connection));
        } else {
            --open_;
        }
    }
    returned_.notify_one();
    // A dropped connection is closed here, outside the lock.
}

void PostgresDatabase::migrate() {
    Lease lease = this->lease();
    auto& conn = static_cast<PostgresConnection&>(*lease);
    std::vector<Value> lock_key{kMigrationLock};
    // Session-level: held across the migrations' own transactions, released below or by the
    // server if this process dies. A second process waits here, then finds nothing to do.
    // However long another process's migrations take: no lock timeout while migrating.
    conn.exec_script("SET lock_timeout = 0");
    conn.run("SELECT pg_advisory_lock($1)", lock_key, nullptr);
    try {
        conn.exec_script(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, title TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        Rows rows;
        conn.run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}, &rows);
        auto const current = rows.at(0).i64(0);
        for (auto const& migration : kMigrations) {
            if (migration.version <= current) continue;
            conn.begin();
            try {
                conn.exec_script(migration.sql);
                std::vector<Value> params{std::int64_t{migration.version},
                                          std::string(migration.title), now_ms()};
                conn.run(
                    "INSERT INTO schema_migrations (version, title, applied_at) "
                    "VALUES ($1, $2, $3)",
                    params, nullptr);
                conn.commit();
            } catch (...) {
                conn.rollback();
                throw;
            }
            spdlog::info("applied migration {:04} {}", migration.version, migration.title);
        }
    } catch (...) {
        if (!conn.broken()) {
            try {
                conn.run("SELECT pg_advisory_unlock($1)", lock_key, nullptr);
                conn.exec_script("RESET lock_timeout");
            } catch (DbError const& e) {
                spdlog::warn("releasing the migration lock failed: {}", e.what());
            }
        }
        throw;
    }
    conn.run("SELECT pg_advisory_unlock($1)", lock_key, nullptr);
    conn.exec_script("RESET lock_timeout");
}

void PostgresDatabase::close() {
    std::vector<std::unique_ptr<PostgresConnection>> closing;
    {
        std::unique_lock lock(mutex_);
        // Let jobs in flight finish: leased connections come back through give_back.
        returned_.wait(lock, [&] { return idle_.size() == open_; });
        closed_ = true;
        closing.swap(idle_);
        open_ = 0;
    }
    returned_.notify_all();
}

}  // namespace village::store::postgres
