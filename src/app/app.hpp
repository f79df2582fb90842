// One village process assembled from a Config: the database (migrated), the route table with
// every module's routes, and the HTTP server. The command line and the tests both start it here.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "accounts/routes.hpp"
#include "boards/routes.hpp"
#include "core/config.hpp"
#include "core/result.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "mail/routes.hpp"
#include "mail/worker.hpp"
#include "live/hub.hpp"
#include "live/routes.hpp"
#include "store/database.hpp"

namespace village::app {

class App {
  public:
    // Opens and migrates the database and builds the routes; nothing listens yet.
    [[nodiscard]] static Result<std::unique_ptr<App>> create(Config config);
    ~App();  // stops, if still running
    App(App const&) = delete;
    App& operator=(App const&) = delete;

    // Binds config.listen:config.port (0: a free port) and starts serving; returns the port.
    // With `handle_signals`, SIGINT and SIGTERM start the graceful stop that wait() finishes.
    [[nodiscard]] Result<std::uint16_t> start(bool handle_signals = false);
    // Blocks until a signal or stop() from another thread, then stops.
    void wait();
    // Graceful stop (as on SIGTERM): no new connections, requests in flight finish, then the
    // threads end and the database closes. Idempotent.
    void stop();

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] Config const& config() const { return config_; }
    [[nodiscard]] store::Database& database() { return *database_; }
    // Routes may be added before start().
    [[nodiscard]] http::Router& router() { return router_; }
    [[nodiscard]] live::Hub& hub() { return *hub_; }

  private:
    App(Config config, std::unique_ptr<store::Database> database, http::StaticFiles web);
    [[nodiscard]] static Result<http::StaticFiles> load_web_app(Config const& config);

    Config config_;  // the routes keep references to it: App never moves
    std::unique_ptr<store::Database> database_;
    http::StaticFiles web_;
    std::unique_ptr<live::Hub> hub_;  // before the routes and server that use it
    http::Router router_;
    accounts::AccountsRoutes accounts_;
    boards::BoardsRoutes boards_;
    mail::MailRoutes mail_;
    live::LiveRoutes live_;
    std::unique_ptr<http::Server> server_;
    std::unique_ptr<mail::Worker> mail_worker_;  // runs while the server does
    std::mutex stop_mutex_;
    bool closed_ = false;
};

// GET /healthz: 200 {"status":"ok"} when the database answers, 503 in the error shape if not.
void add_health_route(http::Router& router);

}  // namespace village::app
