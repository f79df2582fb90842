// One libpq connection with its cache of prepared statements.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

namespace village::store::postgres {

// libpq's own keyword/value form, so the URL's settings can override our defaults.
struct ConnectParams {
    std::vector<std::string> keywords;
    std::vector<std::string> values;
};

class PostgresConnection : public Connection {
  public:
    // The transaction-level advisory lock every write transaction holds ("villagew").
    static constexpr std::int64_t kWriteLock = 0x76696c6c61676577;
    // Throws DbError (unavailable) when the server cannot be reached within connect_timeout.
    explicit PostgresConnection(ConnectParams const& params);
    ~PostgresConnection() override;
    PostgresConnection(PostgresConnection const&) = delete;
    PostgresConnection& operator=(PostgresConnection const&) = delete;

    std::int64_t run(std::string_view sql, std::span<Value const> params, Rows* out) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    // NOTIFY within the open transaction: PostgreSQL delivers it to listeners on commit.
    void notify(std::string_view channel, std::string_view payload) override;
    // Runs a script of several statements without parameters (migrations).
    void exec_script(std::string_view sql);

    // The connection is lost and must not be used again.
    [[nodiscard]] bool broken() const;
    // Neither lost nor inside a transaction: safe to hand to the next job.
    [[nodiscard]] bool reusable() const;
    // A cheap check before reuse: an idle connection has nothing to read unless the server
    // closed it (restart, pg_terminate_backend) and said so.
    [[nodiscard]] bool looks_alive() const;

  private:
    std::string const& prepare(std::string_view sql, std::span<Value const> params);
    [[noreturn]] void raise(PGresult const* result, std::string_view context);

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> statements_;  // SQL + parameter types → name
    std::size_t next_statement_ = 0;
};

}  // namespace village::store::postgres
