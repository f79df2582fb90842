// The embedded backend: one writer connection used by one job at a time, a pool of readers.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace village::store::sqlite {

class SqliteDatabase : public Database {
  public:
    SqliteDatabase(std::string path, DatabaseOptions const& options);
    ~SqliteDatabase() override;

    [[nodiscard]] std::string_view backend() const override { return "sqlite"; }
    Lease reader() override;
    Lease writer() override;
    void migrate() override;
    void close() override;

  private:
    std::string path_;
    bool in_memory_ = false;
    std::unique_ptr<SqliteConnection> writer_;
    std::mutex writer_mutex_;  // held for the whole lease: the queue of writers

    std::mutex readers_mutex_;
    std::condition_variable reader_returned_;
    std::vector<std::unique_ptr<SqliteConnection>> all_readers_;
    std::vector<SqliteConnection*> idle_readers_;
};

}  // namespace village::store::sqlite
