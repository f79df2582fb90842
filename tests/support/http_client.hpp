// A real HTTP/1.1 client for integration tests (Beast, synchronous). It keeps the cookies the
// server sets and sends the X-CSRF-Token once one is known, as the web app does.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace village::testing {

struct HttpResponse {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

    [[nodiscard]] std::optional<std::string> header(std::string const& lower_name) const;
    [[nodiscard]] boost::json::value json() const;  // throws if the body is not JSON
    // Convenience for error bodies: error.code, or "" when absent.
    [[nodiscard]] std::string error_code() const;
};

class HttpClient {
public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();

    HttpResponse request(std::string const& method, std::string const& target,
                         std::string const& body = {},
                         std::vector<std::pair<std::string, std::string>> const& headers = {});
    HttpResponse get(std::string const& target) { return request("GET", target); }
    HttpResponse post(std::string const& target, boost::json::value const& body);
    HttpResponse patch(std::string const& target, boost::json::value const& body);
    HttpResponse put(std::string const& target, boost::json::value const& body);
    HttpResponse del(std::string const& target) { return request("DELETE", target); }

    void set_csrf_token(std::string token) { csrf_token_ = std::move(token); }
    void set_bearer_token(std::string token) { bearer_token_ = std::move(token); }
    void clear_cookies() { cookies_.clear(); }
    [[nodiscard]] std::map<std::string, std::string> const& cookies() const { return cookies_; }

private:
    std::uint16_t port_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_token_;
    std::string bearer_token_;
};

}  // namespace village::testing
