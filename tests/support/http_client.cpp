// The integration tests' HTTP client; see http_client.hpp. One connection per request, with a
// deadline so a hung server fails the test instead of hanging it.
#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <chrono>
#include <limits>
#include <stdexcept>

namespace village::testing {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kDeadline{30};

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

// Applies one Set-Cookie header: stores the cookie, or forgets it when it is cleared.
void take_cookie(std::map<std::string, std::string>& cookies, std::string_view header) {
    auto const semi = header.find(';');
    auto const pair = header.substr(0, semi);
    auto const eq = pair.find('=');
    if (eq == std::string_view::npos) return;
    auto const name = std::string(trim(pair.substr(0, eq)));
    auto const value = std::string(trim(pair.substr(eq + 1)));
    auto const attributes = lower(semi == std::string_view::npos ? "" : header.substr(semi));
    bool const expired = attributes.find("max-age=0") != std::string::npos ||
                         attributes.find("expires=thu, 01 jan 1970") != std::string::npos;
    if (value.empty() || expired) {
        cookies.erase(name);
    } else {
        cookies[name] = value;
    }
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string const& lower_name) const {
    for (auto const& [name, value] : headers) {
        if (name == lower_name) return value;
    }
    return std::nullopt;
}

boost::json::value HttpResponse::json() const {
    return boost::json::parse(body);
}

std::string HttpResponse::error_code() const {
    boost::system::error_code ec;
    auto const value = boost::json::parse(body, ec);
    if (ec || !value.is_object()) return {};
    auto const* error = value.as_object().if_contains("error");
    if (error == nullptr || !error->is_object()) return {};
    auto const* code = error->as_object().if_contains("code");
    if (code == nullptr || !code->is_string()) return {};
    return std::string(code->as_string());
}

HttpClient::HttpClient(std::uint16_t port) : port_(port) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(std::string const& method, std::string const& target,
                                 std::string const& body,
                                 std::vector<std::pair<std::string, std::string>> const& headers) {
    bhttp::request<bhttp::string_body> req;
    req.version(11);
    auto const verb = bhttp::string_to_verb(method);
    if (verb == bhttp::verb::unknown) {
        req.method_string(method);
    } else {
        req.method(verb);
    }
    req.target(target);
    req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    req.set(bhttp::field::user_agent, "village-tests");
    if (!cookies_.empty()) {
        std::string cookie_header;
        for (auto const& [name, value] : cookies_) {
            if (!cookie_header.empty()) cookie_header += "; ";
            cookie_header += name + "=" + value;
        }
        req.set(bhttp::field::cookie, cookie_header);
    }
    if (!csrf_token_.empty()) req.set("X-CSRF-Token", csrf_token_);
    if (!bearer_token_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_token_);
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    for (auto const& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    req.keep_alive(false);

    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (verb == bhttp::verb::head) parser.skip(true);
    boost::system::error_code failure;

    stream.expires_after(kDeadline);
    stream.async_connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
        [&](boost::system::error_code ec) {
            if (ec) {
                failure = ec;
                return;
            }
            // A server that refuses a request may answer before reading all of
            // it; read the answer whatever became of the write.
            bhttp::async_write(stream, req, [&](boost::system::error_code, std::size_t) {
                bhttp::async_read(
                    stream, buffer, parser,
                    [&](boost::system::error_code ec2, std::size_t) { failure = ec2; });
            });
        });
    ioc.run();
    if (failure) {
        throw std::runtime_error(method + " " + target + ": " + failure.message());
    }

    auto& message = parser.get();
    HttpResponse response;
    response.status = static_cast<int>(message.result_int());
    response.body = std::move(message.body());
    for (auto const& field : message) {
        auto name = lower(field.name_string());
        if (name == "set-cookie") take_cookie(cookies_, field.value());
        response.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return response;
}

HttpResponse HttpClient::post(std::string const& target, boost::json::value const& body) {
    return request("POST", target, boost::json::serialize(body));
}

HttpResponse HttpClient::patch(std::string const& target, boost::json::value const& body) {
    return request("PATCH", target, boost::json::serialize(body));
}

HttpResponse HttpClient::put(std::string const& target, boost::json::value const& body) {
    return request("PUT", target, boost::json::serialize(body));
}

}  // namespace village::testing
