// Routes that belong to the process rather than to a module: the health check.
#include <spdlog/spdlog.h>

#include "app/app.hpp"

namespace village::app {

void add_health_route(http::Router& router) {
    router.get("/healthz", [](http::Request& req, store::Db& db) {
        try {
            (void)db.query("SELECT 1");
            return http::json_response(boost::json::object{{"status", "ok"}});
        } catch (store::DbError const& e) {
            spdlog::warn("[{}] health check: {}", req.request_id, e.what());
            return http::error_response(
                Error{Errc::unavailable, "The database is not answering", {}, e.what()});
        }
    });
}

}  // namespace village::app
