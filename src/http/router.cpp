// Route matching and dispatch; see router.hpp.
#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/limits.hpp"

namespace village::http {

namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> parts;
    std::size_t start = 1;  // paths begin with '/'
    while (start <= path.size()) {
        auto const slash = path.find('/', start);
        auto const end = slash == std::string_view::npos ? path.size() : slash;
        parts.emplace_back(path.substr(start, end - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

bool matches(std::vector<std::string> const& segments, std::vector<std::string> const& parts) {
    if (segments.size() != parts.size()) return false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto const& seg = segments[i];
        bool const capture = seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
        if (!capture && seg != parts[i]) return false;
    }
    return true;
}

}  // namespace

void Router::add(Method method, std::string pattern, Handler handler) {
    routes_.push_back(Route{method, split_path(pattern), std::move(handler)});
}

void Router::allow_body(Method method, std::string const& pattern, std::size_t max_bytes) {
    auto const segments = split_path(pattern);
    for (auto& route : routes_) {
        if (route.method == method && route.segments == segments) route.max_body = max_bytes;
    }
}

std::size_t Router::largest_body_limit() const {
    std::size_t largest = limits::kMaxBodyBytes;
    for (auto const& route : routes_) largest = std::max(largest, route.max_body);
    return largest;
}

std::size_t Router::body_limit(Method method, std::string_view path) const {
    auto const parts = split_path(path.substr(0, path.find('?')));
    for (auto const& route : routes_) {
        if (route.method == method && route.max_body > 0 && matches(route.segments, parts)) {
            return route.max_body;
        }
    }
    return limits::kMaxBodyBytes;
}

Response Router::dispatch(Request& request, store::Db& db) const {
    try {
        auto const parts = split_path(request.path);
        Route const* found = nullptr;
        bool path_matched = false;
        for (auto const& route : routes_) {
            if (route.segments.size() != parts.size()) continue;
            std::vector<std::pair<std::string, std::string>> params;
            bool ok = true;
            for (std::size_t i = 0; i < parts.size() && ok; ++i) {
                auto const& seg = route.segments[i];
                if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
                    params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
                } else {
                    ok = seg == parts[i];
                }
            }
            if (!ok) continue;
            path_matched = true;
            bool const method_ok = route.method == request.method ||
                                   (request.method == Method::head && route.method == Method::get);
            if (!method_ok) continue;
            request.path_params = std::move(params);
            found = &route;
            break;
        }
        if (!found) {
            if (path_matched) {
                return error_response(
                    Error{Errc::method_not_allowed, "That method is not allowed here"});
            }
            if (fallback_) return fallback_(request, db);
            return error_response(Error{Errc::not_found, "Nothing is here"});
        }
        for (auto const& middleware : middleware_) {
            if (auto stop = middleware(request, db)) return std::move(*stop);
        }
        return found->handler(request, db);
    } catch (store::DbError const& e) {
        auto const& error = e.error();
        if (error.code == Errc::internal) {
            spdlog::error("[{}] database error: {}", request.request_id, error.detail);
        } else {
            spdlog::warn("[{}] database: {}", request.request_id, error.detail);
        }
        return error_response(error);
    } catch (std::exception const& e) {
        spdlog::error("[{}] unhandled: {}", request.request_id, e.what());
        return error_response(Error{Errc::internal, "The server hit an unexpected error"});
    }
}

}  // namespace village::http
