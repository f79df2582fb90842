// Results and errors: every expected failure is a value of Result<T>, with one Error type.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace village {

// What went wrong, as the client should understand it. One table maps each to an HTTP status.
enum class Errc {
    bad_request,         // 400: malformed JSON, wrong types, missing or invalid fields
    unauthorized,        // 401: not signed in
    forbidden,           // 403: signed in, but not allowed
    not_found,           // 404: absent, or not visible to you
    method_not_allowed,  // 405: the path exists, the method does not
    conflict,            // 409: clashes with what exists (duplicate email, stale version)
    too_large,           // 413: body or field over its limit
    unprocessable,       // 422: well-formed, but breaks a rule
    rate_limited,        // 429: slow down
    internal,            // 500: a bug; never caused by input
    unavailable,         // 503: the database is away or busy
};

struct Error {
    Errc code = Errc::internal;
    std::string message;  // safe to show to the client
    std::string field;    // the input field at fault, if any
    std::string detail;   // for the log only, never sent
};

template <class T>
using Result = tl::expected<T, Error>;

[[nodiscard]] inline tl::unexpected<Error> fail(Errc code, std::string message,
                                                std::string field = {}) {
    return tl::unexpected<Error>(Error{code, std::move(message), std::move(field), {}});
}
[[nodiscard]] inline tl::unexpected<Error> fail(Error error) {
    return tl::unexpected<Error>(std::move(error));
}

[[nodiscard]] int http_status(Errc code);
[[nodiscard]] std::string_view code_name(Errc code);  // "not_found", the JSON "code"

}  // namespace village
