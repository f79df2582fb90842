// Serving the built web app from memory.
#include "http/static_files.hpp"

#include <fmt/format.h>

#include <array>
#include <fstream>
#include <functional>
#include <iterator>
#include <system_error>

namespace village::http {

namespace fs = std::filesystem;

namespace {

// Bigger than anything a Vite build of this app writes; a file above it is a mistake in the
// folder (a stray video, a database), not something to hold in memory.
constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;

constexpr std::string_view kIndexPath = "/index.html";

std::string_view content_type_of(fs::path const& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript"},
        {".mjs", "text/javascript"},
        {".css", "text/css"},
        {".svg", "image/svg+xml"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    }};
    auto const ext = file.extension().string();
    for (auto const& [suffix, type] : kTypes) {
        if (ext == suffix) return type;
    }
    return "application/octet-stream";
}

Result<std::shared_ptr<std::string const>> read_file(fs::path const& file) {
    std::error_code ec;
    auto const size = fs::file_size(file, ec);
    if (ec) return fail(Errc::internal, fmt::format("cannot read {}: {}", file.string(), ec.message()));
    if (size > kMaxFileBytes) {
        return fail(Errc::internal,
                    fmt::format("{} is {} bytes, more than a web app file may be ({} bytes)",
                                file.string(), size, kMaxFileBytes));
    }
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        return fail(Errc::internal, fmt::format("cannot read {}", file.string()));
    }
    return std::make_shared<std::string const>(std::move(text));
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

}  // namespace

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
    bool star = false;
    while (!accept_encoding.empty()) {
        auto const comma = accept_encoding.find(',');
        auto item = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_encoding.substr(comma + 1);
        auto const semi = item.find(';');
        auto const name = trim(item.substr(0, semi));
        bool refused = false;
        if (semi != std::string_view::npos) {
            // "q=0", "q=0.0", "q=0.000": the client says it does not want this coding.
            auto params = trim(item.substr(semi + 1));
            if (params.starts_with("q=") || params.starts_with("Q=")) {
                auto q = params.substr(2);
                refused = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
            }
        }
        if (iequals(name, coding)) return !refused;
        if (name == "*" && !refused) star = true;
    }
    return star;
}

fs::path find_web_dir(fs::path const& binary) {
    std::error_code ec;
    auto const dir = fs::weakly_canonical(binary, ec).parent_path();
    if (ec) return {};
    for (auto const& candidate :
         {dir.parent_path() / "web" / "dist", dir.parent_path() / "share" / "village" / "web"}) {
        if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
    }
    return {};
}

Result<StaticFiles> StaticFiles::load(fs::path const& dir) {
    StaticFiles files;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return files;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        auto const& path = it->path();
        auto const ext = path.extension().string();
        if (ext == ".gz" || ext == ".br") continue;  // read beside the file they compress
        auto url = "/" + fs::relative(path, dir, ec).generic_string();
        if (ec) break;

        File file;
        file.content_type = std::string(content_type_of(path));
        if (url == kIndexPath) {
            file.cache_control = "no-cache";  // it names the current hashed assets
        } else if (url.starts_with("/assets/")) {
            file.cache_control = "public, max-age=31536000, immutable";
        } else {
            file.cache_control = "public, max-age=3600";
        }
        auto identity = read_file(path);
        if (!identity) return tl::unexpected(identity.error());
        file.identity = std::move(*identity);
        file.etag = fmt::format("\"{:016x}-{}\"", std::hash<std::string>{}(*file.identity),
                                file.identity->size());
        for (auto [suffix, slot] : {std::pair{".gz", &file.gzip}, std::pair{".br", &file.brotli}}) {
            auto compressed = path;
            compressed += suffix;
            if (!fs::is_regular_file(compressed, ec)) continue;
            auto bytes = read_file(compressed);
            if (!bytes) return tl::unexpected(bytes.error());
            *slot = std::move(*bytes);
        }
        files.files_.emplace(std::move(url), std::move(file));
    }
    if (ec) {
        return fail(Errc::internal,
                    fmt::format("cannot read the web app in {}: {}", dir.string(), ec.message()));
    }
    return files;
}

Response StaticFiles::serve(Request const& request) const {
    auto const& path = request.path;
    bool const api = path == "/api" || path.starts_with("/api/");
    bool const readable = request.method == Method::get || request.method == Method::head;
    if (api || !readable) return error_response(Error{Errc::not_found, "Nothing is here"});

    if (auto found = files_.find(path); found != files_.end() && path != "/") {
        return answer(found->second, request);
    }
    auto const index = files_.find(std::string(kIndexPath));
    if (index == files_.end()) {
        Response r;
        r.status = 404;
        r.content_type = "text/plain; charset=utf-8";
        r.body =
            "Village is running, but its web app was not built. Run scripts/run, or "
            "`npm ci && npm run build` in web/, or set web_dir. The API is at /api/v1/.\n";
        return r;
    }
    // Asset names are hashed: a missing one is an old page asking for an old build, and an
    // HTML page in its place would only fail as a script. Everything else is the app's route.
    if (path.starts_with("/assets/")) {
        return error_response(Error{Errc::not_found, "Nothing is here"});
    }
    return answer(index->second, request);
}

Response StaticFiles::answer(File const& file, Request const& request) const {
    Response r;
    r.content_type = file.content_type;
    r.with_header("Cache-Control", file.cache_control);
    r.with_header("Vary", "Accept-Encoding");
    r.with_header("ETag", file.etag);
    if (request.header("if-none-match") == std::optional<std::string_view>(file.etag)) {
        r.status = 304;
        return r;
    }
    auto const accept = request.header("accept-encoding").value_or("");
    auto send = [&r](std::shared_ptr<std::string const> const& bytes) {
        r.shared_body.push_back(SharedBytes{bytes, *bytes});
    };
    if (file.brotli && accepts_encoding(accept, "br")) {
        send(file.brotli);
        r.with_header("Content-Encoding", "br");
    } else if (file.gzip && accepts_encoding(accept, "gzip")) {
        send(file.gzip);
        r.with_header("Content-Encoding", "gzip");
    } else {
        send(file.identity);
    }
    return r;
}

}  // namespace village::http
