// The built web app (web/dist), read into memory once at start-up and answered from there:
// content-hashed /assets/ cached for a year, index.html never cached, every other non-API path
// answered with index.html so the app's own router can show it, and the .br / .gz copies the
// build wrote beside each file sent when the client accepts them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace village::http {

class StaticFiles {
  public:
    // Reads every file under `dir` (a missing folder gives an empty set: the API still works,
    // and `/` says that the web app was not built).
    [[nodiscard]] static Result<StaticFiles> load(std::filesystem::path const& dir);

    [[nodiscard]] bool empty() const { return files_.empty(); }
    [[nodiscard]] std::size_t size() const { return files_.size(); }

    // GET or HEAD of a path no route matched. /api/... stays a JSON 404.
    [[nodiscard]] Response serve(Request const& request) const;

  private:
    struct File {
        std::string content_type;
        std::string cache_control;
        std::string etag;  // of the uncompressed bytes: index.html is revalidated, not refetched
        std::shared_ptr<std::string const> identity;
        std::shared_ptr<std::string const> gzip;    // null when the build wrote no .gz
        std::shared_ptr<std::string const> brotli;  // null when the build wrote no .br
    };
    [[nodiscard]] Response answer(File const& file, Request const& request) const;

    std::unordered_map<std::string, File> files_;  // by URL path: "/assets/index-3f2a.js"
};

// Whether an Accept-Encoding value allows `coding` (a listed coding, or "*", without q=0).
[[nodiscard]] bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

// Where the web app is looked for when the configuration names no folder: web/dist beside the
// source tree the binary was built in (build/village → web/dist), then share/village/web
// beside an installed binary. Empty when neither exists.
[[nodiscard]] std::filesystem::path find_web_dir(std::filesystem::path const& binary);

}  // namespace village::http
