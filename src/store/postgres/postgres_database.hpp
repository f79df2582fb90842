// The scale-out backend: a bounded pool of libpq connections shared by readers and writers.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/postgres/postgres_connection.hpp"

namespace village::store::postgres {

class PostgresDatabase : public Database {
  public:
    // Connects once, so a wrong URL or an absent server is reported at start; throws DbError.
    PostgresDatabase(std::string url, DatabaseOptions const& options);
    ~PostgresDatabase() override;

    [[nodiscard]] std::string_view backend() const override { return "postgres"; }
    Lease reader() override;
    Lease writer() override;
    // Under a PostgreSQL advisory lock, so processes starting together migrate once.
    void migrate() override;
    void close() override;

    // How long a job waits for a free connection before answering 503.
    static constexpr std::chrono::seconds kLeaseTimeout{10};
    // The advisory lock key held while migrating ("village" in ASCII).
    static constexpr std::int64_t kMigrationLock = 0x76696c6c616765;

  protected:
    // LISTEN on a dedicated connection (postgres_listener.cpp).
    std::unique_ptr<Listening> listen_remote(std::string const& channel,
                                             NoticeHandler handler) override;

  private:
    Lease lease();
    void give_back(PostgresConnection* connection);

    ConnectParams params_;
    std::size_t max_connections_;

    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<PostgresConnection>> idle_;
    std::size_t open_ = 0;  // idle, leased, or being connected
    bool closed_ = false;
};

}  // namespace village::store::postgres
