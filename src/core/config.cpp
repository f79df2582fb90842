// Derived settings; loading lives with the command line in app/cli.cpp.
#include "core/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace village {

std::string Config::database_url() const {
    if (!database.empty()) return database;
    return fmt::format("sqlite://{}/village.db", data_dir);
}

std::string Config::effective_base_url() const {
    std::string url = base_url.empty() ? fmt::format("http://{}:{}", listen, port) : base_url;
    while (url.ends_with('/')) url.pop_back();
    return url;
}

bool Config::secure_cookies() const {
    return effective_base_url().starts_with("https://");
}

std::string Config::effective_mail_from() const {
    if (!mail_from.empty()) return mail_from;
    // The host of the base URL: after "://", up to a port, path or the end.
    auto url = effective_base_url();
    auto host = url.substr(url.find("://") + 3);
    host = host.substr(0, host.find_first_of(":/"));
    if (host.empty()) host = "localhost";
    return fmt::format("Village <village@{}>", host);
}

int Config::effective_threads() const {
    if (threads > 0) return threads;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace village
