// The HTTP server as a client meets it: health, keep-alive, limits, errors, headers, timeouts
// and the graceful stop.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value_to.hpp>
#include <chrono>
#include <future>
#include <regex>
#include <thread>

#include "app/app.hpp"
#include "core/limits.hpp"
#include "support/test_server.hpp"

namespace village {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using testing::HttpResponse;
using testing::TestServer;

// A raw connection, for what HttpClient hides: several requests on one socket, bytes that are
// not valid HTTP, and watching the server close.
class RawConnection {
  public:
    explicit RawConnection(std::uint16_t port) : stream_(ioc_) {
        stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }

    void send(std::string const& bytes) { asio::write(stream_.socket(), asio::buffer(bytes)); }

    // The next response, or nullopt if the connection ends (or 5 s pass) first.
    std::optional<HttpResponse> read_response() {
        bhttp::response_parser<bhttp::string_body> parser;
        boost::system::error_code failure;
        stream_.expires_after(5s);
        bhttp::async_read(stream_, buffer_, parser,
                          [&](boost::system::error_code ec, std::size_t) { failure = ec; });
        run();
        if (failure) return std::nullopt;
        HttpResponse out;
        out.status = static_cast<int>(parser.get().result_int());
        out.body = parser.get().body();
        for (auto const& field : parser.get()) {
            std::string name(field.name_string());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            out.headers.emplace_back(name, std::string(field.value()));
        }
        return out;
    }

    // True when the server closes the connection within `limit` (without sending anything).
    bool closed_within(std::chrono::milliseconds limit) {
        boost::system::error_code failure;
        char byte = 0;
        stream_.expires_after(limit);
        stream_.async_read_some(asio::buffer(&byte, 1),
                                [&](boost::system::error_code ec, std::size_t) { failure = ec; });
        run();
        return failure && failure != beast::error::timeout;
    }

  private:
    void run() {
        ioc_.restart();
        ioc_.run();
    }

    asio::io_context ioc_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

bool connection_refused(std::uint16_t port) {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
    return ec == asio::error::connection_refused;
}

TEST(Server, HealthzAnswersOkWhenTheDatabaseAnswers) {
    TestServer server;
    auto const response = server.client().get("/healthz");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("content-type"), "application/json");
    EXPECT_EQ(response.json(), (boost::json::value{{"status", "ok"}}));
}

TEST(Server, HealthzIs503InTheErrorShapeWhenTheDatabaseIsGone) {
    TestServer server;
    server.database().close();
    auto const response = server.client().get("/healthz");
    EXPECT_EQ(response.status, 503);
    EXPECT_EQ(response.error_code(), "unavailable");
}

TEST(Server, KeepAliveServesTwoRequestsOnOneConnection) {
    TestServer server;
    RawConnection connection(server.port());
    connection.send("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
    auto const first = connection.read_response();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->status, 200);
    connection.send("GET /api/v1/nothing-here HTTP/1.1\r\nHost: test\r\n\r\n");
    auto const second = connection.read_response();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->status, 404);
    EXPECT_NE(first->header("x-request-id"), second->header("x-request-id"));
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
    TestServer server;
    RawConnection connection(server.port());
    connection.send(
        "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n"
        "GET /api/v1/nope HTTP/1.1\r\nHost: test\r\n\r\n");
    auto const first = connection.read_response();
    auto const second = connection.read_response();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(second->status, 404);
}

TEST(Server, BodyOverOneMebibyteIs413InTheErrorShape) {
    TestServer server;
    auto const response =
        server.client().request("POST", "/api/v1/boards", std::string(2 * 1024 * 1024, 'x'));
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(response.error_code(), "too_large");
    auto const body = response.json();
    EXPECT_TRUE(body.at("error").at("message").is_string());
    EXPECT_EQ(response.header("connection"), "close");
}

TEST(Server, ChunkedBodyOverTheLimitIs413) {
    TestServer server;
    RawConnection connection(server.port());
    std::string chunk(64 * 1024, 'x');
    std::string request =
        "POST /api/v1/boards HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 20; ++i) request += "10000\r\n" + chunk + "\r\n";
    request += "0\r\n\r\n";
    connection.send(request);
    auto const response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(response->error_code(), "too_large");
}

TEST(Server, BodyAtTheLimitIsAccepted) {
    TestServer server;
    // Not too large: it reaches the router, which has no such route.
    auto const response =
        server.client().request("POST", "/nothing-here", std::string(limits::kMaxBodyBytes, 'x'));
    EXPECT_EQ(response.status, 404);
}

TEST(Server, OversizeHeadersAreRefusedInTheErrorShape) {
    TestServer server;
    auto const response = server.client().request(
        "GET", "/healthz", {}, {{"X-Padding", std::string(limits::kMaxHeaderBytes + 1024, 'a')}});
    EXPECT_EQ(response.status, 431);
    EXPECT_EQ(response.error_code(), "too_large");
}

TEST(Server, MalformedHttpIs400AndCloses) {
    TestServer server;
    RawConnection connection(server.port());
    connection.send("THIS IS NOT HTTP\r\n\r\n");
    auto const response = connection.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_EQ(response->error_code(), "bad_request");
    EXPECT_TRUE(connection.closed_within(2000ms));
}

TEST(Server, UndecodableTargetIs400) {
    TestServer server;
    auto const response = server.client().get("/healthz%zz");
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.error_code(), "bad_request");
}

TEST(Server, PercentEncodedPathIsDecodedBeforeRouting) {
    TestServer server;
    EXPECT_EQ(server.client().get("/health%7A").status, 200);
    EXPECT_EQ(server.client().get("/healthz?probe=1&x=%20y").status, 200);
}

TEST(Server, UnknownPathIs404InTheErrorShape) {
    TestServer server;
    auto const response = server.client().get("/api/v1/no-such-thing");
    EXPECT_EQ(response.status, 404);
    auto const body = response.json();
    EXPECT_EQ(body.at("error").at("code"), "not_found");
    EXPECT_TRUE(body.at("error").at("message").is_string());
    EXPECT_TRUE(body.at("error").at("field").is_null());
}

TEST(Server, WrongMethodOnAKnownPathIs405) {
    TestServer server;
    auto const response = server.client().request("DELETE", "/healthz");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.error_code(), "method_not_allowed");
}

TEST(Server, HeadGetsTheHeadersButNoBody) {
    TestServer server;
    auto client = server.client();
    auto const get = client.get("/healthz");
    auto const head = client.request("HEAD", "/healthz");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
}

TEST(Server, EveryResponseCarriesTheSecurityHeaders) {
    TestServer server;
    auto client = server.client();
    for (auto const& target : {"/healthz", "/nothing-here", "/api/v1/nothing-here"}) {
        SCOPED_TRACE(target);
        auto const response = client.get(target);
        auto const csp = response.header("content-security-policy");
        ASSERT_TRUE(csp);
        EXPECT_NE(csp->find("script-src 'self'"), std::string::npos);
        EXPECT_NE(csp->find("frame-ancestors 'none'"), std::string::npos);
        EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(response.header("referrer-policy"), "strict-origin-when-cross-origin");
        EXPECT_EQ(response.header("x-frame-options"), "DENY");
    }
    EXPECT_EQ(client.get("/api/v1/nothing-here").header("cache-control"), "no-store");
    EXPECT_EQ(client.get("/healthz").header("cache-control"), std::nullopt);
}

TEST(Server, HandlerHeadersAreKeptAndSetCookieMayRepeat) {
    TestServer server({}, [](app::App& app) {
        app.router().get("/api/v1/test/cookies", [](http::Request&, store::Db&) {
            auto response = http::json_response(boost::json::object{});
            response.with_header("Set-Cookie", "a=1; Path=/")
                .with_header("Set-Cookie", "b=2; Path=/")
                .with_header("Cache-Control", "private, max-age=60");
            return response;
        });
    });
    auto client = server.client();
    auto const response = client.get("/api/v1/test/cookies");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("cache-control"), "private, max-age=60");
    EXPECT_EQ(client.cookies().size(), 2u);
    EXPECT_EQ(client.cookies().at("a"), "1");
    EXPECT_EQ(client.cookies().at("b"), "2");
}

TEST(Server, EveryResponseCarriesItsOwnRequestId) {
    TestServer server;
    auto client = server.client();
    auto const first = client.get("/healthz").header("x-request-id");
    auto const second = client.get("/nothing-here").header("x-request-id");
    ASSERT_TRUE(first && second);
    EXPECT_TRUE(std::regex_match(*first, std::regex("[0-9a-f]{16}"))) << *first;
    EXPECT_NE(*first, *second);
}

TEST(Server, HandlersSeeTheRequestIdTheClientSees) {
    TestServer server({}, [](app::App& app) {
        app.router().get("/test/id", [](http::Request& req, store::Db&) {
            return http::json_response(boost::json::object{{"id", req.request_id}});
        });
    });
    auto const response = server.client().get("/test/id");
    EXPECT_EQ(boost::json::value_to<std::string>(response.json().at("id")),
              response.header("x-request-id").value_or("missing"));
}

void add_address_route(app::App& app) {
    app.router().get("/test/address", [](http::Request& req, store::Db&) {
        return http::json_response(boost::json::object{{"address", req.remote_address}});
    });
}

std::string address_seen(TestServer& server, std::string const& forwarded_for) {
    auto const response =
        server.client().request("GET", "/test/address", {}, {{"X-Forwarded-For", forwarded_for}});
    return boost::json::value_to<std::string>(response.json().at("address"));
}

TEST(Server, HandlersSeeTheClientAddressAndIgnoreForwardedForByDefault) {
    TestServer server({}, add_address_route);
    EXPECT_EQ(address_seen(server, "203.0.113.9"), "127.0.0.1");
}

TEST(Server, BehindATrustedProxyTheLastForwardedAddressIsTheClient) {
    TestServer server([](Config& config) { config.trust_proxy = true; }, add_address_route);
    // The first entry is whatever the client claimed; the last is what the proxy saw.
    EXPECT_EQ(address_seen(server, "10.6.6.6, 203.0.113.9"), "203.0.113.9");
}

TEST(Server, LineBreaksInHandlerHeadersCannotAddHeaders) {
    TestServer server({}, [](app::App& app) {
        app.router().get("/test/header", [](http::Request&, store::Db&) {
            auto response = http::json_response(boost::json::object{});
            response.with_header("Content-Disposition", "attachment\r\nX-Injected: yes");
            return response;
        });
    });
    auto const response = server.client().get("/test/header");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("x-injected"), std::nullopt);
}

TEST(Server, AnAddressInUseIsAnErrorNotACrash) {
    TestServer first;
    Config config = first.config();
    config.port = first.port();
    config.database = ":memory:";
    auto second = app::App::create(config);
    ASSERT_TRUE(second) << second.error().message;
    auto const started = (*second)->start();
    ASSERT_FALSE(started);
    EXPECT_NE(started.error().message.find(std::to_string(first.port())), std::string::npos)
        << started.error().message;
}

TEST(Server, IdleConnectionIsClosedAfterTheIdleTimeout) {
    TestServer server([](Config& config) { config.idle_timeout_seconds = 1; });
    RawConnection connection(server.port());
    connection.send("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
    ASSERT_TRUE(connection.read_response());
    auto const began = std::chrono::steady_clock::now();
    EXPECT_TRUE(connection.closed_within(4000ms));
    auto const waited = std::chrono::steady_clock::now() - began;
    EXPECT_GE(waited, 800ms);  // not closed at once: the timeout, not the request, closed it
}

TEST(Server, SilentConnectionIsClosedAfterTheIdleTimeout) {
    TestServer server([](Config& config) { config.idle_timeout_seconds = 1; });
    RawConnection connection(server.port());
    EXPECT_TRUE(connection.closed_within(4000ms));
}

TEST(Server, GracefulStopFinishesTheRequestInFlightAndRefusesNewConnections) {
    std::promise<void> entered;
    auto entered_future = entered.get_future();
    TestServer server({}, [&entered](app::App& app) {
        app.router().get("/test/slow", [&entered](http::Request&, store::Db&) {
            entered.set_value();
            std::this_thread::sleep_for(500ms);
            return http::json_response(boost::json::object{{"slow", true}});
        });
    });
    auto const port = server.port();
    RawConnection idle(port);  // a keep-alive connection between requests
    idle.send("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n");
    ASSERT_TRUE(idle.read_response());

    auto slow = std::async(std::launch::async,
                           [port] { return testing::HttpClient(port).get("/test/slow"); });
    ASSERT_EQ(entered_future.wait_for(5s), std::future_status::ready);
    auto stopping = std::async(std::launch::async, [&server] { server.stop(); });

    // New connections are refused while the slow request still runs.
    auto const deadline = std::chrono::steady_clock::now() + 2s;
    bool refused = false;
    while (!refused && std::chrono::steady_clock::now() < deadline) {
        refused = connection_refused(port);
        if (!refused) std::this_thread::sleep_for(10ms);
    }
    EXPECT_TRUE(refused);
    EXPECT_EQ(slow.wait_for(0ms), std::future_status::timeout) << "finished before the stop";
    EXPECT_TRUE(idle.closed_within(2000ms));

    auto const response = slow.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.json().at("slow"), true);
    EXPECT_EQ(stopping.wait_for(5s), std::future_status::ready);
}

TEST(Server, StopWithoutTrafficIsQuickAndIdempotent) {
    TestServer server;
    auto const began = std::chrono::steady_clock::now();
    server.stop();
    server.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - began, 1s);
    EXPECT_TRUE(connection_refused(server.port()));
}

}  // namespace
}  // namespace village
