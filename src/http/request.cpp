// Request accessors: headers, query parameters, cookies, path parameters.
#include "http/request.hpp"

#include <fmt/format.h>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace village::http {

std::string_view method_name(Method method) {
    switch (method) {
        case Method::get:
            return "GET";
        case Method::head:
            return "HEAD";
        case Method::post:
            return "POST";
        case Method::put:
            return "PUT";
        case Method::patch:
            return "PATCH";
        case Method::del:
            return "DELETE";
        case Method::options:
            return "OPTIONS";
        case Method::other:
            return "OTHER";
    }
    return "OTHER";
}

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
    for (auto const& [name, value] : headers) {
        if (name == lower_name) return std::string_view(value);
    }
    return std::nullopt;
}

std::optional<std::string_view> Request::query(std::string_view key) const {
    for (auto const& [name, value] : query_params) {
        if (name == key) return std::string_view(value);
    }
    return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view wanted) const {
    for (auto const& [name, value] : headers) {
        if (name != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            auto const semi = rest.find(';');
            auto part = rest.substr(0, semi);
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
            auto const eq = part.find('=');
            if (eq == std::string_view::npos) continue;
            if (part.substr(0, eq) == wanted) return std::string(part.substr(eq + 1));
        }
    }
    return std::nullopt;
}

std::string_view Request::param(std::string_view wanted) const {
    for (auto const& [name, value] : path_params) {
        if (name == wanted) return value;
    }
    return {};
}

Result<std::optional<std::int64_t>> query_int(Request const& req, std::string_view key,
                                              std::int64_t min, std::int64_t max) {
    auto text = req.query(key);
    if (!text || text->empty()) return std::optional<std::int64_t>{};
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || ptr != text->data() + text->size() || n < min || n > max) {
        return fail(Errc::bad_request,
                    fmt::format("{} must be a whole number from {} to {}", key, min, max),
                    std::string(key));
    }
    return std::optional<std::int64_t>(n);
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> out;
    // The view points into `text`, which must outlive it. (Built by append: g++ 12 at -O3 warns
    // falsely, -Wrestrict, about "?" + std::string.)
    std::string text(1, '?');
    text.append(query);
    auto const url = boost::urls::parse_relative_ref(text);
    if (!url) return out;
    for (auto const& param : url->params()) {
        out.emplace_back(param.key, param.has_value ? param.value : std::string{});
    }
    return out;
}

}  // namespace village::http
