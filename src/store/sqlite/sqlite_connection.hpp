// One SQLite connection with its cache of prepared statements.
#pragma once

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "store/database.hpp"

namespace village::store::sqlite {

class SqliteConnection : public Connection {
  public:
    SqliteConnection(std::string const& path, bool read_only);
    ~SqliteConnection() override;
    SqliteConnection(SqliteConnection const&) = delete;
    SqliteConnection& operator=(SqliteConnection const&) = delete;

    std::int64_t run(std::string_view sql, std::span<Value const> params, Rows* out) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    // Runs a script of several statements (migrations).
    void exec_script(std::string_view sql);
    [[nodiscard]] sqlite3* handle() { return db_; }

  private:
    sqlite3_stmt* prepare(std::string_view sql);
    [[noreturn]] void raise(int rc, std::string_view context);

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace village::store::sqlite
