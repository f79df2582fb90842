// One HTTP/1.1 connection: reads requests within the limits, runs each on the worker pool and
// writes the answer with the security headers, until the client, a timeout or a stop ends it.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <chrono>
#include <random>

#include "core/json.hpp"
#include "core/limits.hpp"
#include "http/server_core.hpp"
#include "http/websocket_session.hpp"

namespace village::http::detail {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::use_awaitable;
using boost::system::error_code;
using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// A Beast body of pieces held elsewhere (SharedBytes), written with one gather write.
struct SharedBody {
    using value_type = std::vector<SharedBytes>;

    static std::uint64_t size(value_type const& parts) {
        std::uint64_t n = 0;
        for (auto const& part : parts) n += part.bytes.size();
        return n;
    }

    class writer {
      public:
        using const_buffers_type = std::vector<asio::const_buffer>;

        template <bool isRequest, class Fields>
        writer(bhttp::header<isRequest, Fields> const&, value_type const& parts)
            : parts_(parts) {}

        void init(error_code& ec) { ec = {}; }

        boost::optional<std::pair<const_buffers_type, bool>> get(error_code& ec) {
            ec = {};
            if (done_) return boost::none;
            done_ = true;
            const_buffers_type buffers;
            buffers.reserve(parts_.size());
            for (auto const& part : parts_) {
                buffers.emplace_back(part.bytes.data(), part.bytes.size());
            }
            return std::pair{std::move(buffers), false};
        }

      private:
        value_type const& parts_;
        bool done_ = false;
    };
};
using SharedResponse = bhttp::response<SharedBody>;

constexpr std::size_t kReadChunk = 8 * 1024;
// After refusing a request, read (and drop) what the client still sends, so it sees the answer
// rather than a reset; within these bounds.
// What a refused request may still send: twice the largest body any route takes.
constexpr std::size_t kMaxDrainFactor = 2;
constexpr std::chrono::seconds kDrainTime{5};

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

std::string new_request_id() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    return fmt::format("{:016x}", random());
}

Method to_method(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get:
            return Method::get;
        case bhttp::verb::head:
            return Method::head;
        case bhttp::verb::post:
            return Method::post;
        case bhttp::verb::put:
            return Method::put;
        case bhttp::verb::patch:
            return Method::patch;
        case bhttp::verb::delete_:
            return Method::del;
        case bhttp::verb::options:
            return Method::options;
        default:
            return Method::other;
    }
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The target's path without the query, as sent: what the access log shows (a query can hold
// tokens, and the raw form cannot smuggle line breaks into the log).
std::string_view log_path(std::string_view target) {
    return target.substr(0, target.find('?'));
}

Response error_of(Errc code, std::string message, int status = 0) {
    auto response = error_response(Error{code, std::move(message)});
    if (status != 0) response.status = status;
    return response;
}

// Runs the router with a database handle of its own; never throws.
Response run_handler(ServerCore& core, Request& request) {
    try {
        store::Db db(core.database);
        return core.router.dispatch(request, db);
    } catch (store::DbError const& e) {
        spdlog::error("[{}] database: {}", request.request_id, e.what());
        return error_response(e.error());
    } catch (std::exception const& e) {
        spdlog::error("[{}] unhandled: {}", request.request_id, e.what());
        return error_of(Errc::internal, "The server hit an unexpected error");
    }
}

class Session : public SessionHandle, public std::enable_shared_from_this<Session> {
  public:
    Session(ServerCore& core, tcp::socket socket)
        : core_(core), stream_(std::move(socket)), executor_(stream_.get_executor()) {
        error_code ec;
        auto const remote = stream_.socket().remote_endpoint(ec);
        if (!ec) {
            auto address = remote.address();
            // On a dual-stack socket IPv4 clients appear as ::ffff:a.b.c.d; name them plainly.
            if (address.is_v6() && address.to_v6().is_v4_mapped()) {
                address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
            }
            remote_address_ = address.to_string();
        }
        stream_.socket().set_option(tcp::no_delay(true), ec);
    }
    ~Session() override { core_.remove_session(id_); }

    void set_id(std::uint64_t id) { id_ = id; }
    [[nodiscard]] auto executor() { return executor_; }

    void close(bool idle_only) override {
        auto self = shared_from_this();
        asio::post(executor_, [self, idle_only] {
            if (self->handed_over_ || (idle_only && self->busy_)) return;
            self->close_socket();
        });
    }

    awaitable<void> run(std::shared_ptr<Session> self) {
        try {
            co_await serve();
        } catch (std::exception const& e) {
            spdlog::warn("connection from {} failed: {}", self->remote_address_, e.what());
        }
        close_socket();
    }

  private:
    awaitable<void> serve();
    awaitable<Response> dispatch(Request& request);
    awaitable<bool> write(Response response, unsigned version, bool head, bool keep_alive,
                          std::string path, std::string request_id);
    awaitable<void> refuse(Response response, std::string method, std::string path);
    Request to_request(BeastRequest& message, std::optional<Response>& refusal) const;

    void close_socket() {
        if (handed_over_) return;  // the stream now belongs to a WebSocket session
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }

    ServerCore& core_;
    beast::tcp_stream stream_;
    beast::tcp_stream::executor_type executor_;
    beast::flat_buffer buffer_;
    std::string remote_address_;
    std::uint64_t id_ = 0;
    bool busy_ = false;  // some of a request has arrived and it is not answered yet
    bool handed_over_ = false;
};

awaitable<void> Session::serve() {
    auto const& options = core_.options;
    for (;;) {
        busy_ = false;
        if (core_.stopping && buffer_.size() == 0) co_return;
        error_code ec;
        if (buffer_.size() == 0) {
            // Between requests: the idle timeout applies until the next one starts.
            stream_.expires_after(options.idle_timeout);
            auto const n = co_await stream_.async_read_some(
                buffer_.prepare(kReadChunk), asio::redirect_error(use_awaitable, ec));
            if (ec) co_return;  // closed by the client, idle too long, or stopping
            buffer_.commit(n);
        }
        busy_ = true;
        auto const started = std::chrono::steady_clock::now();

        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(limits::kMaxHeaderBytes));
        // A route may take larger bodies (an uploaded export). The parser checks Content-Length
        // while it reads the header, so it allows the largest; the route's own limit is applied
        // once the header says which route it is.
        parser.body_limit(core_.router.largest_body_limit());
        stream_.expires_after(options.request_timeout);
        co_await bhttp::async_read_header(stream_, buffer_, parser,
                                          asio::redirect_error(use_awaitable, ec));
        std::size_t body_limit = limits::kMaxBodyBytes;
        if (!ec) {
            body_limit = core_.router.body_limit(to_method(parser.get().method()),
                                                 std::string_view(parser.get().target()));
            auto const length = parser.content_length();
            if (length && *length > body_limit) {
                ec = bhttp::error::body_limit;
            } else {
                parser.body_limit(body_limit);
            }
        }
        if (!ec && !parser.is_done()) {
            auto const expect = parser.get()[bhttp::field::expect];
            if (beast::iequals(expect, "100-continue")) {
                static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
                co_await asio::async_write(stream_, asio::buffer(kContinue),
                                           asio::redirect_error(use_awaitable, ec));
            }
            if (!ec) {
                co_await bhttp::async_read(stream_, buffer_, parser,
                                           asio::redirect_error(use_awaitable, ec));
            }
        }
        if (ec) {
            // The request line may have been read even if the rest was refused.
            auto method = std::string(parser.get().method_string());
            auto path = std::string(log_path(parser.get().target()));
            if (method.empty()) method = "-";
            if (path.empty()) path = "-";
            if (ec == bhttp::error::body_limit) {
                co_await refuse(
                    error_of(Errc::too_large, fmt::format("The request body is larger than {} MiB",
                                                          body_limit / (1024 * 1024))),
                    method, path);
            } else if (ec == bhttp::error::header_limit) {
                co_await refuse(error_of(Errc::too_large, "The request headers are too large", 431),
                                method, path);
            } else if (ec.category() ==
                           bhttp::make_error_code(bhttp::error::bad_target).category() &&
                       ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
                co_await refuse(error_of(Errc::bad_request, "Malformed HTTP request"), method,
                                path);
            } else if (ec != beast::error::timeout) {
                spdlog::debug("connection from {}: {}", remote_address_, ec.message());
            }
            co_return;
        }

        auto& message = parser.get();
        bool const head = message.method() == bhttp::verb::head;
        bool keep_alive = message.keep_alive();
        std::optional<Response> refusal;
        auto request = to_request(message, refusal);
        request.websocket_upgrade = boost::beast::websocket::is_upgrade(message);
        Response response;
        if (refusal) {
            response = std::move(*refusal);
        } else {
            stream_.expires_never();  // the handler's time is not the client's fault
            response = co_await dispatch(request);
        }
        if (response.upgrade) {
            if (request.websocket_upgrade && !core_.stopping) {
                auto const elapsed = std::chrono::duration<double, std::milli>(
                                         std::chrono::steady_clock::now() - started)
                                         .count();
                spdlog::info("{} {} 101 {:.1f}ms {}", std::string_view(message.method_string()),
                             log_path(request.target), elapsed, request.request_id);
                handed_over_ = true;
                start_websocket(core_, std::move(stream_), std::move(message),
                                std::move(response.upgrade), remote_address_);
                co_return;
            }
            response = request.websocket_upgrade
                           ? error_of(Errc::unavailable, "The server is stopping")
                           : error_of(Errc::bad_request, "This address speaks WebSocket", 426);
        }
        keep_alive = keep_alive && !core_.stopping;
        auto const status = response.status;
        bool const written = co_await write(std::move(response), message.version(), head,
                                            keep_alive, request.path, request.request_id);
        auto const elapsed =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        spdlog::info("{} {} {} {:.1f}ms {}", std::string_view(message.method_string()),
                     log_path(request.target), status, elapsed, request.request_id);
        if (!written || !keep_alive) co_return;
    }
}

Request Session::to_request(BeastRequest& message, std::optional<Response>& refusal) const {
    Request request;
    request.method = to_method(message.method());
    request.target = std::string(message.target());
    request.request_id = new_request_id();
    request.remote_address = remote_address_;
    for (auto const& field : message) {
        request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
    }
    if (core_.options.trust_proxy) {
        // The last address is the one our proxy saw; earlier ones the client could have made up.
        if (auto forwarded = request.header("x-forwarded-for")) {
            auto const comma = forwarded->rfind(',');
            auto const last =
                trim(comma == std::string_view::npos ? *forwarded : forwarded->substr(comma + 1));
            if (!last.empty()) request.remote_address = std::string(last);
        }
    }
    auto const url = boost::urls::parse_origin_form(request.target);
    if (!url) {
        refusal = error_of(Errc::bad_request, "The request target is not a valid path");
        return request;
    }
    request.path = url->path();
    if (request.path.find('\0') != std::string::npos) {
        refusal = error_of(Errc::bad_request, "The request target is not a valid path");
        return request;
    }
    if (url->has_query()) request.query_params = parse_query(url->encoded_query());
    request.body = std::move(message.body());
    return request;
}

awaitable<Response> Session::dispatch(Request& request) {
    // Handlers block, so they run on the worker pool; the answer comes back on this
    // connection's strand, where the coroutine resumes.
    auto initiate = [core = &core_, req = &request](auto handler) {
        asio::post(core->workers, [core, req, handler = std::move(handler)]() mutable {
            auto response = run_handler(*core, *req);
            auto executor = asio::get_associated_executor(handler);
            asio::dispatch(
                executor, [handler = std::move(handler), response = std::move(response)]() mutable {
                    std::move(handler)(std::move(response));
                });
        });
    };
    co_return co_await asio::async_initiate<decltype(use_awaitable), void(Response)>(initiate,
                                                                                     use_awaitable);
}

awaitable<bool> Session::write(Response response, unsigned version, bool head, bool keep_alive,
                               std::string path, std::string request_id) {
    bhttp::response_header<> out;
    out.version(version);
    out.result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) {
        // A line break in a value would start a header of the client's choosing.
        std::replace_if(
            value.begin(), value.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
        out.insert(name, value);
    }
    auto set_default = [&out](std::string_view name, std::string_view value) {
        if (out.find(name) == out.end()) out.set(name, value);
    };
    if (!response.content_type.empty()) set_default("Content-Type", response.content_type);
    set_default("Content-Security-Policy", kContentSecurityPolicy);
    set_default("X-Content-Type-Options", "nosniff");
    set_default("Referrer-Policy", "strict-origin-when-cross-origin");
    set_default("X-Frame-Options", "DENY");
    if (path.starts_with("/api/")) set_default("Cache-Control", "no-store");
    if (!request_id.empty()) out.set("X-Request-Id", request_id);

    auto const status = response.status;
    bool const no_body = status < 200 || status == 204 || status == 304;
    error_code ec;
    stream_.expires_after(core_.options.request_timeout);
    if (no_body || head || response.shared_body.empty()) {
        BeastResponse message(std::move(out));
        if (no_body) {
            // No Content-Length either: RFC 9110 forbids it on 1xx and 204.
        } else if (head) {
            message.content_length(response.body_size());
        } else {
            message.body() = std::move(response.body);
            message.prepare_payload();
        }
        message.keep_alive(keep_alive);
        co_await bhttp::async_write(stream_, message, asio::redirect_error(use_awaitable, ec));
    } else {
        // A cached body (a board read, a web app file) is sent from the cache: `response`
        // keeps it alive until the write is done.
        SharedResponse message(std::move(out), std::move(response.shared_body));
        message.prepare_payload();
        message.keep_alive(keep_alive);
        co_await bhttp::async_write(stream_, message, asio::redirect_error(use_awaitable, ec));
    }
    if (ec) spdlog::debug("writing to {} failed: {}", remote_address_, ec.message());
    co_return !ec;
}

awaitable<void> Session::refuse(Response response, std::string method, std::string path) {
    // Logged with the method and path the parser saw, since there is no Request to hand.
    auto const request_id = new_request_id();
    auto const status = response.status;
    bool const written = co_await write(std::move(response), 11, false, false, path, request_id);
    spdlog::info("{} {} {} - {}", method, path, status, request_id);
    if (!written) co_return;
    // Say no more, but keep reading (and dropping) for a while, so the client's send completes
    // and it reads the answer instead of a connection reset.
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kDrainTime);
    std::size_t drained = 0;
    auto const max_drain =
        kMaxDrainFactor * std::max(limits::kMaxUploadBytes, core_.router.largest_body_limit());
    while (!ec && drained < max_drain) {
        drained += co_await stream_.async_read_some(buffer_.prepare(64 * 1024),
                                                    asio::redirect_error(use_awaitable, ec));
    }
}

}  // namespace

void start_session(ServerCore& core, tcp::socket socket) {
    auto session = std::make_shared<Session>(core, std::move(socket));
    session->set_id(core.add_session(session));
    auto executor = session->executor();
    asio::co_spawn(executor, session->run(session), asio::detached);
}

}  // namespace village::http::detail
