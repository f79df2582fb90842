// The real village server, started inside the test process on a free port with a fresh
// database in a fresh temporary data folder. One TestServer per test keeps tests independent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "core/config.hpp"
#include "store/database.hpp"
#include "support/http_client.hpp"

namespace village::app {
class App;
}

namespace village::testing {

class TestServer {
  public:
    // The database is SQLite in the data folder, or PostgreSQL when VILLAGE_TEST_DATABASE_URL
    // is set (a fresh schema per server). `adjust` may change the config before start.
    explicit TestServer(std::function<void(Config&)> const& adjust = {});
    // `before_start` runs after the app is built and before it listens, e.g. to add a test-only
    // route through app.router().
    TestServer(std::function<void(Config&)> const& adjust,
               std::function<void(app::App&)> const& before_start);
    ~TestServer();  // graceful shutdown, then the data folder is removed
    TestServer(TestServer const&) = delete;
    TestServer& operator=(TestServer const&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] Config const& config() const;
    // The server's own database, for checking what was (not) written.
    [[nodiscard]] store::Database& database();
    [[nodiscard]] HttpClient client() const { return HttpClient(port()); }
    [[nodiscard]] app::App& app();
    // Graceful stop, as on SIGTERM: requests in flight finish, new connections are refused.
    // The destructor does the same; calling both is fine.
    void stop();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace village::testing
