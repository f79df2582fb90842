// The real server in the test process, on a free port, with a fresh data folder and database.
#include "support/test_server.hpp"

#include <stdlib.h>

#include <stdexcept>
#include <string>
#include <system_error>

#include "app/app.hpp"
#include "support/test_database.hpp"

namespace village::testing {

namespace {

std::filesystem::path make_temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "village-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    }
    return pattern;
}

}  // namespace

struct TestServer::Impl {
    std::filesystem::path dir;
    std::unique_ptr<app::App> app;

    ~Impl() {
        if (app) app->stop();
        app.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

TestServer::TestServer(std::function<void(Config&)> const& adjust)
    : TestServer(adjust, std::function<void(app::App&)>{}) {}

TestServer::TestServer(std::function<void(Config&)> const& adjust,
                       std::function<void(app::App&)> const& before_start)
    : impl_(std::make_unique<Impl>()) {
    impl_->dir = make_temp_dir();
    Config config;
    config.data_dir = impl_->dir.string();
    config.database = fresh_database_url(impl_->dir);
    config.listen = "127.0.0.1";
    config.port = 0;
    config.threads = 2;
    if (adjust) adjust(config);

    auto app = app::App::create(config);
    if (!app) {
        throw std::runtime_error("TestServer: " + app.error().message + " " + app.error().detail);
    }
    impl_->app = std::move(*app);
    if (before_start) before_start(*impl_->app);
    // start() returns once the socket listens, so a client may connect at once.
    auto const port = impl_->app->start();
    if (!port) {
        throw std::runtime_error("TestServer: " + port.error().message + " " + port.error().detail);
    }
}

TestServer::~TestServer() = default;

std::uint16_t TestServer::port() const {
    return impl_->app->port();
}

Config const& TestServer::config() const {
    return impl_->app->config();
}

store::Database& TestServer::database() {
    return impl_->app->database();
}

app::App& TestServer::app() {
    return *impl_->app;
}

void TestServer::stop() {
    impl_->app->stop();
}

}  // namespace village::testing
