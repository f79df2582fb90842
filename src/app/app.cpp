// Assembling and running one village process; see app.hpp.
#include "app/app.hpp"

#include "mail/digests.hpp"
#include "mail/immediate.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <filesystem>
#include <system_error>

#include "notifications/fanout.hpp"
#include "notifications/routes.hpp"
#include "importers/routes.hpp"

namespace village::app {

Result<std::unique_ptr<App>> App::create(Config config) {
    auto web = load_web_app(config);
    if (!web) return fail(web.error());
    store::DatabaseOptions options;
    options.readers = config.effective_threads() + 1;  // one per worker, one for the rest
    auto database = store::open_database(config.database_url(), options);
    if (!database) return fail(database.error());
    try {
        (*database)->migrate();
    } catch (store::DbError const& e) {
        auto error = e.error();
        if (error.message.empty()) error.message = "The database could not be migrated";
        return fail(std::move(error));
    }
    return std::unique_ptr<App>(
        new App(std::move(config), std::move(*database), std::move(*web)));
}

Result<http::StaticFiles> App::load_web_app(Config const& config) {
    std::filesystem::path dir = config.web_dir;
    if (dir.empty()) dir = http::find_web_dir("/proc/self/exe");
    auto web = http::StaticFiles::load(dir);
    if (!web) return web;
    if (web->empty()) {
        if (!config.web_dir.empty()) {
            return fail(Error{Errc::bad_request,
                              fmt::format("web_dir {} holds no web app (no index.html)",
                                          config.web_dir),
                              "web_dir"});
        }
        spdlog::warn("no built web app found (web/dist): serving the API only");
    } else {
        spdlog::info("serving the web app from {} ({} files)", dir.string(), web->size());
    }
    return web;
}

App::App(Config config, std::unique_ptr<store::Database> database, http::StaticFiles web)
    : config_(std::move(config)),
      database_(std::move(database)),
      web_(std::move(web)),
      hub_(std::make_unique<live::Hub>(*database_)),
      accounts_(config_),
      boards_(config_),
      mail_(config_),
      live_(config_, *hub_) {
    // The route table: middleware first, then one module after another.
    router_.use(accounts_.authenticate());
    add_health_route(router_);
    accounts_.add_to(router_);
    boards_.add_to(router_);
    notifications::add_routes(router_);
    notifications::install();  // follows, notifications and the feed hear of every activity
    mail::immediate::install();  // after notifications: a notification may owe a mail
    mail_.add_to(router_);
    for (auto& path : mail::MailRoutes::csrf_exempt_paths()) accounts_.exempt_from_csrf(path);
    importers::add_routes(router_);
    live_.add_to(router_);
    // Whatever no route answers: the web app's files, and its index.html for its own routes.
    router_.fallback([this](http::Request& request, store::Db&) { return web_.serve(request); });
}

App::~App() {
    stop();
}

namespace {

// Every live socket holds a descriptor: take all the system allows (the soft limit is often
// 1024 while the hard one is far higher).
void raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
    auto const before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) == 0) {
        spdlog::debug("open files limit raised from {} to {}", before, limit.rlim_cur);
    }
}

}  // namespace

Result<std::uint16_t> App::start(bool handle_signals) {
    if (server_) return server_->port();
    raise_descriptor_limit();
    hub_->start();
    http::ServerOptions options;
    options.listen = config_.listen;
    options.port = config_.port;
    options.threads = config_.effective_threads();
    options.idle_timeout = std::chrono::seconds(config_.idle_timeout_seconds);
    options.request_timeout = std::chrono::seconds(config_.request_timeout_seconds);
    options.trust_proxy = config_.trust_proxy;
    options.handle_signals = handle_signals;
    auto server = std::make_unique<http::Server>(std::move(options), router_, *database_);
    try {
        auto const port = server->start();
        server_ = std::move(server);
        // Links built from the config (effective_base_url) must name the port really bound.
        config_.port = port;
        mail_worker_ = std::make_unique<mail::Worker>(*database_, config_,
                                                      mail::transport_from(config_));
        // Digests: members whose digest is due, claimed one at a time by one process. Digest
        // times are whole minutes, so every 30 seconds is enough; it spares the scan of every
        // member (giving newcomers default preferences) on each 250 ms round.
        auto digests = [this, last = Millis{0}](store::Db& db) mutable {
            auto const now = now_ms();
            if (now - last < 30'000) return;
            last = now;
            (void)mail::digests::run_due(db, mail::sender_from(config_), now);
        };
        mail_worker_->add_job(digests);
        // Notification mail for members who chose "immediately", once its window has ended.
        mail_worker_->add_job([this](store::Db& db) {
            (void)mail::immediate::run_due(db, mail::sender_from(config_));
        });
        mail_worker_->start();
        return port;
    } catch (std::system_error const& e) {
        return fail(Error{Errc::unavailable,
                          fmt::format("Cannot listen on {}:{}: {}", config_.listen, config_.port,
                                      e.code().message()),
                          "listen", e.what()});
    }
}

void App::wait() {
    if (server_) server_->wait();
    stop();
}

void App::stop() {
    std::lock_guard lock(stop_mutex_);
    if (server_) server_->stop();  // closes the live sockets with a close frame
    hub_->stop();
    if (mail_worker_) mail_worker_->stop();  // before the database closes
    if (!closed_) {
        closed_ = true;
        database_->close();
    }
}

std::uint16_t App::port() const {
    return server_ ? server_->port() : 0;
}

}  // namespace village::app
