// The project's own response type, and helpers that build the common ones.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace village::http {

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra: Set-Cookie, ETag, …

    Response& with_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

[[nodiscard]] Response json_response(boost::json::value const& body, int status = 200);
[[nodiscard]] Response error_response(Error const& error);
[[nodiscard]] Response no_content();

// parse → service → respond: an error becomes the error shape, a value becomes JSON.
template <class T, class ToJson>
[[nodiscard]] Response respond(Result<T> const& result, ToJson&& to_json, int status = 200) {
    if (!result) return error_response(result.error());
    return json_response(to_json(*result), status);
}

}  // namespace village::http
