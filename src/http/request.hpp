// The project's own request type: what modules see of an HTTP request. No Beast here.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"

namespace village::http {

enum class Method { get, head, post, put, patch, del, options, other };

[[nodiscard]] std::string_view method_name(Method method);

// How the request proved who it is; writes by cookie must also carry the CSRF token.
enum class AuthMethod { none, cookie, token };

struct Request {
    Method method = Method::get;
    std::string target;  // as sent: path and query
    std::string path;    // decoded path, no query
    std::string body;
    std::string remote_address;
    std::string request_id;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
    std::vector<std::pair<std::string, std::string>> query_params;
    std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router
    // The client asks to upgrade the connection to a WebSocket (Response::upgrade accepts).
    bool websocket_upgrade = false;

    // Filled by authentication before the handler runs.
    Actor actor;
    AuthMethod auth = AuthMethod::none;
    std::int64_t session_id = 0;

    [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
    [[nodiscard]] std::optional<std::string_view> query(std::string_view key) const;
    [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
    [[nodiscard]] std::string_view param(std::string_view name) const;

    // A path id such as {id} in /api/v1/boards/{id}; nullopt when it is not a positive integer.
    template <class IdT>
    [[nodiscard]] std::optional<IdT> id(std::string_view name) const {
        auto text = param(name);
        std::int64_t n = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || ptr != text.data() + text.size() || n <= 0) return std::nullopt;
        return IdT{n};
    }
};

// A query parameter that is absent (or empty), or a whole number in [min, max]; else a 400
// naming it. Used for cursors and page sizes.
[[nodiscard]] Result<std::optional<std::int64_t>> query_int(Request const& req,
                                                            std::string_view key, std::int64_t min,
                                                            std::int64_t max);

// Splits "a=1&b=x%20y" into decoded pairs.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace village::http
