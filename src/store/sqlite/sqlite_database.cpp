// SQLite backend: WAL, one serialised writer, pooled readers, migrations at start.
#include "store/sqlite/sqlite_database.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/time.hpp"
#include "store/migration.hpp"

namespace village::store::sqlite {

extern const std::vector<store::Migration> kMigrations;

SqliteDatabase::SqliteDatabase(std::string path, DatabaseOptions const& options)
    : path_(std::move(path)), in_memory_(path_ == ":memory:") {
    writer_ = std::make_unique<SqliteConnection>(path_, false);
    // An in-memory database exists only inside its one connection: reads share the writer.
    if (in_memory_) return;
    for (int i = 0; i < std::max(1, options.readers); ++i) {
        all_readers_.push_back(std::make_unique<SqliteConnection>(path_, true));
        idle_readers_.push_back(all_readers_.back().get());
    }
}

SqliteDatabase::~SqliteDatabase() {
    close();
}

Lease SqliteDatabase::writer() {
    auto lock = std::make_shared<std::unique_lock<std::mutex>>(writer_mutex_);
    if (!writer_) {
        throw DbError(Error{Errc::unavailable, "The database is closed", {}, "sqlite closed"});
    }
    return Lease(writer_.get(), [lock](Connection*) mutable { lock->unlock(); });
}

Lease SqliteDatabase::reader() {
    if (in_memory_) return writer();
    std::unique_lock lock(readers_mutex_);
    reader_returned_.wait(lock, [&] { return !idle_readers_.empty() || all_readers_.empty(); });
    if (all_readers_.empty()) {
        throw DbError(Error{Errc::unavailable, "The database is closed", {}, "sqlite closed"});
    }
    SqliteConnection* conn = idle_readers_.back();
    idle_readers_.pop_back();
    return Lease(conn, [this](Connection* c) {
        {
            std::lock_guard guard(readers_mutex_);
            idle_readers_.push_back(static_cast<SqliteConnection*>(c));
        }
        reader_returned_.notify_one();
    });
}

void SqliteDatabase::migrate() {
    std::lock_guard lock(writer_mutex_);
    writer_->exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, title TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    Rows rows;
    writer_->run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}, &rows);
    auto const current = rows.at(0).i64(0);
    for (auto const& migration : kMigrations) {
        if (migration.version <= current) continue;
        writer_->begin();
        try {
            writer_->exec_script(migration.sql);
            std::vector<Value> params{std::int64_t{migration.version}, std::string(migration.title),
                                      now_ms()};
            writer_->run(
                "INSERT INTO schema_migrations (version, title, applied_at) "
                "VALUES ($1, $2, $3)",
                params, nullptr);
            writer_->commit();
        } catch (...) {
            writer_->rollback();
            throw;
        }
        spdlog::info("applied migration {:04} {}", migration.version, migration.title);
    }
}

void SqliteDatabase::close() {
    {
        std::unique_lock lock(readers_mutex_);
        reader_returned_.wait(lock, [&] { return idle_readers_.size() == all_readers_.size(); });
        idle_readers_.clear();
        all_readers_.clear();
    }
    reader_returned_.notify_all();
    std::lock_guard lock(writer_mutex_);
    if (!writer_) return;
    if (!in_memory_) {
        // Fold the WAL back into the main file so the database is one tidy file at rest.
        try {
            writer_->exec_script("PRAGMA wal_checkpoint(TRUNCATE);");
        } catch (DbError const& e) {
            spdlog::warn("checkpoint at close failed: {}", e.what());
        }
    }
    writer_.reset();
}

}  // namespace village::store::sqlite
