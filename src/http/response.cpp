// Building JSON, error and empty responses.
#include "http/response.hpp"

#include <boost/json/serialize.hpp>

#include "core/json.hpp"

namespace village::http {

std::size_t Response::body_size() const {
    if (shared_body.empty()) return body.size();
    std::size_t size = 0;
    for (auto const& part : shared_body) size += part.bytes.size();
    return size;
}

Response json_response(boost::json::value const& body, int status) {
    Response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    return r;
}

Response error_response(Error const& error) {
    Response r;
    r.status = http_status(error.code);
    r.body = json::error_body(error);
    return r;
}

Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

Response not_found(std::string_view message) {
    return error_response(Error{Errc::not_found, std::string(message)});
}

Response done(Result<void> const& result) {
    if (!result) return error_response(result.error());
    return no_content();
}

}  // namespace village::http
