// The one table from error codes to HTTP statuses and JSON code names.
#include "core/result.hpp"

namespace village {

int http_status(Errc code) {
    switch (code) {
        case Errc::bad_request:
            return 400;
        case Errc::unauthorized:
            return 401;
        case Errc::forbidden:
            return 403;
        case Errc::not_found:
            return 404;
        case Errc::method_not_allowed:
            return 405;
        case Errc::conflict:
            return 409;
        case Errc::too_large:
            return 413;
        case Errc::unprocessable:
            return 422;
        case Errc::rate_limited:
            return 429;
        case Errc::internal:
            return 500;
        case Errc::unavailable:
            return 503;
    }
    return 500;
}

std::string_view code_name(Errc code) {
    switch (code) {
        case Errc::bad_request:
            return "bad_request";
        case Errc::unauthorized:
            return "unauthorized";
        case Errc::forbidden:
            return "forbidden";
        case Errc::not_found:
            return "not_found";
        case Errc::method_not_allowed:
            return "method_not_allowed";
        case Errc::conflict:
            return "conflict";
        case Errc::too_large:
            return "too_large";
        case Errc::unprocessable:
            return "unprocessable";
        case Errc::rate_limited:
            return "rate_limited";
        case Errc::internal:
            return "internal";
        case Errc::unavailable:
            return "unavailable";
    }
    return "internal";
}

}  // namespace village
