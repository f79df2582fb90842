// The project's own response type, and helpers that build the common ones.
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/websocket.hpp"

namespace village::http {

// A piece of a response body that lives elsewhere; `owner` keeps `bytes` alive until sent
// (null for static storage).
struct SharedBytes {
    std::shared_ptr<void const> owner;
    std::string_view bytes;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    // Bytes held by a cache (a web app file, a board read), sent in order without copying them;
    // when not empty, `body` is not used.
    std::vector<SharedBytes> shared_body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra: Set-Cookie, ETag, …
    // Set on an answer to a WebSocket upgrade request to accept it: the server completes the
    // handshake (status and body are then unused) and hands the socket to this handler.
    std::shared_ptr<SocketHandler> upgrade;

    [[nodiscard]] std::size_t body_size() const;

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

// The answers most routes give, so every module words them alike.
[[nodiscard]] Response not_found(std::string_view message);
// A write that answers nothing: 204, or its error.
[[nodiscard]] Response done(Result<void> const& result);
// A value as JSON through the to_json its module declares beside its type (found by
// argument-dependent lookup), or the error.
template <class T>
[[nodiscard]] Response reply(Result<T> const& result, int status = 200) {
    return respond(
        result, [](auto const& value) { return to_json(value); }, status);
}

}  // namespace village::http
