// Load client for bench/live: opens many live sockets to one village process, subscribes them
// all to one board, posts cards and measures how long each card takes to reach every socket,
// and how much the server's memory grew per idle socket. WebSocket needs a client of its own
// (wrk cannot speak it), so this one is Beast, as the server is.
//
//   village_bench_live --port P --pid SERVER_PID --email E --password W
//                      [--connections 10000] [--posts 5]
#include <sys/resource.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace bj = boost::json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using boost::system::error_code;

namespace {

constexpr int kConnectingAtOnce = 200;  // handshakes in flight while opening sockets

struct Options {
    std::uint16_t port = 0;
    long pid = 0;
    std::string email;
    std::string password;
    int connections = 10'000;
    int posts = 5;
};

[[noreturn]] void die(std::string const& message) {
    std::cerr << "village_bench_live: " << message << "\n";
    std::exit(1);
}

long rss_kib(long pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    die("cannot read the server's memory from /proc");
}

// A plain HTTP client for the few API calls (sign in, board, list, cards).
struct Api {
    std::uint16_t port;
    std::string cookie;
    std::string csrf;

    bhttp::response<bhttp::string_body> call(bhttp::verb verb, std::string const& target,
                                             bj::value const& body) {
        asio::io_context ioc;
        beast::tcp_stream stream(ioc);
        stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        bhttp::request<bhttp::string_body> req{verb, target, 11};
        req.set(bhttp::field::host, "127.0.0.1");
        req.set(bhttp::field::content_type, "application/json");
        if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
        if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
        req.body() = bj::serialize(body);
        req.prepare_payload();
        bhttp::write(stream, req);
        beast::flat_buffer buffer;
        bhttp::response<bhttp::string_body> res;
        bhttp::read(stream, buffer, res);
        return res;
    }

    std::int64_t create(std::string const& target, bj::object body) {
        auto res = call(bhttp::verb::post, target, body);
        if (res.result_int() != 201) die(target + " answered " + res.body());
        return bj::parse(res.body()).at("id").as_int64();
    }
};

struct Bench;

class Socket : public std::enable_shared_from_this<Socket> {
  public:
    Socket(Bench& bench, asio::io_context& ioc, int index)
        : bench_(bench), ws_(ioc), index_(index) {}
    void start();
    // Receive time of each post's event, by post number; zero until it arrives.
    std::vector<Clock::time_point> received;

  private:
    void fail(char const* what, error_code ec);
    void read();

    Bench& bench_;
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    int index_;
    bool subscribed_ = false;
};

struct Bench {
    Options options;
    std::string cookie;
    std::int64_t board = 0;
    tcp::endpoint endpoint;
    std::vector<std::shared_ptr<Socket>> sockets;
    int next_to_open = 0;
    int subscribed = 0;
    int failed = 0;
    std::mutex mutex;  // guards what the poster thread reads
    std::condition_variable changed;
    std::vector<int> arrived;  // per post: how many sockets have its event
    std::vector<Clock::time_point> posted_at;
    asio::io_context* ioc = nullptr;

    void open_next() {
        if (next_to_open >= options.connections) return;
        auto socket = std::make_shared<Socket>(*this, *ioc, next_to_open);
        socket->received.assign(static_cast<std::size_t>(options.posts), Clock::time_point{});
        sockets.push_back(socket);
        ++next_to_open;
        socket->start();
    }
};

void Socket::fail(char const* what, error_code ec) {
    ++bench_.failed;
    if (bench_.failed <= 5)
        std::cerr << "socket " << index_ << ": " << what << ": " << ec.message() << "\n";
    if (!subscribed_) bench_.open_next();
}

void Socket::start() {
    auto self = shared_from_this();
    beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(60));
    beast::get_lowest_layer(ws_).async_connect(bench_.endpoint, [self](error_code ec) {
        if (ec) return self->fail("connect", ec);
        beast::get_lowest_layer(self->ws_).expires_never();
        self->ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
        auto cookie = self->bench_.cookie;
        self->ws_.set_option(websocket::stream_base::decorator(
            [cookie](websocket::request_type& req) { req.set(bhttp::field::cookie, cookie); }));
        self->ws_.async_handshake("127.0.0.1", "/api/v1/live", [self](error_code ec) {
            if (ec) return self->fail("handshake", ec);
            auto message = std::make_shared<std::string>(
                bj::serialize(bj::object{{"type", "subscribe"}, {"board_id", self->bench_.board}}));
            self->ws_.text(true);
            self->ws_.async_write(asio::buffer(*message),
                                  [self, message](error_code ec, std::size_t) {
                                      if (ec) return self->fail("subscribe", ec);
                                  });
            self->read();
        });
    });
}

void Socket::read() {
    auto self = shared_from_this();
    ws_.async_read(buffer_, [self](error_code ec, std::size_t) {
        if (ec) return self->fail("read", ec);
        auto const now = Clock::now();
        auto text = beast::buffers_to_string(self->buffer_.data());
        self->buffer_.consume(self->buffer_.size());
        // The card events are found without a full JSON parse: this client shares the machine
        // with the server, and its own time would count as delivery latency.
        constexpr std::string_view kMarker = "\"title\":\"Bench card #";
        if (auto const at = text.find(kMarker);
            at != std::string::npos &&
            text.find("\"event\":\"card.created\"") != std::string::npos) {
            auto const post = std::atoi(text.c_str() + at + kMarker.size());
            if (post >= 0 && post < static_cast<int>(self->received.size())) {
                self->received[static_cast<std::size_t>(post)] = now;
                std::lock_guard lock(self->bench_.mutex);
                auto const count = ++self->bench_.arrived[static_cast<std::size_t>(post)];
                if (count == self->bench_.options.connections) self->bench_.changed.notify_all();
            }
            return self->read();
        }
        auto message = bj::parse(text).as_object();
        auto const& type = message.at("type").as_string();
        if (type == "subscribed") {
            self->subscribed_ = true;
            ++self->bench_.subscribed;
            self->bench_.open_next();
        } else if (type == "unsubscribed" || type == "error") {
            std::cerr << "socket " << self->index_ << ": " << text << "\n";
        }
        self->read();
    });
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto const rank =
        static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(rank, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string const flag = argv[i];
        std::string const value = argv[i + 1];
        if (flag == "--port")
            options.port = static_cast<std::uint16_t>(std::stoi(value));
        else if (flag == "--pid")
            options.pid = std::stol(value);
        else if (flag == "--email")
            options.email = value;
        else if (flag == "--password")
            options.password = value;
        else if (flag == "--connections")
            options.connections = std::stoi(value);
        else if (flag == "--posts")
            options.posts = std::stoi(value);
        else
            die("unknown flag " + flag);
    }
    if (options.port == 0 || options.pid == 0 || options.email.empty()) {
        die("usage: village_bench_live --port P --pid SERVER_PID --email E --password W "
            "[--connections N] [--posts K]");
    }
    // One descriptor per socket: take what the system allows.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    // Sign in, and make a board with one list to follow.
    Api api{options.port, {}, {}};
    auto signin = api.call(bhttp::verb::post, "/api/v1/session",
                           bj::object{{"email", options.email}, {"password", options.password}});
    if (signin.result_int() != 200) die("signing in answered " + signin.body());
    for (auto const& field : signin) {
        if (field.name() != bhttp::field::set_cookie) continue;
        auto const value = std::string(field.value());
        api.cookie = value.substr(0, value.find(';'));
    }
    api.csrf = std::string(bj::parse(signin.body()).at("csrf_token").as_string());
    Bench bench;
    bench.options = options;
    bench.cookie = api.cookie;
    bench.board = api.create("/api/v1/boards",
                             bj::object{{"name", "Live bench"}, {"visibility", "community"}});
    auto const list = api.create("/api/v1/boards/" + std::to_string(bench.board) + "/lists",
                                 bj::object{{"name", "News"}});
    bench.endpoint = tcp::endpoint(asio::ip::make_address("127.0.0.1"), options.port);
    bench.arrived.assign(static_cast<std::size_t>(options.posts), 0);
    bench.posted_at.assign(static_cast<std::size_t>(options.posts), Clock::time_point{});

    asio::io_context ioc(1);
    bench.ioc = &ioc;
    auto const rss_before = rss_kib(options.pid);
    auto const opening = Clock::now();
    for (int i = 0; i < kConnectingAtOnce; ++i) bench.open_next();
    std::fprintf(stderr, "opening %d sockets...\n", options.connections);
    while (bench.subscribed + bench.failed < options.connections) {
        ioc.run_one_for(std::chrono::seconds(1));
        if (Clock::now() - opening > std::chrono::minutes(5)) die("opening sockets took too long");
    }
    auto const open_s = std::chrono::duration<double>(Clock::now() - opening).count();
    if (bench.failed > 0) die(std::to_string(bench.failed) + " sockets failed");
    // Let the server settle (freed handshake buffers), then measure it idle.
    ioc.run_for(std::chrono::seconds(3));
    auto const rss_idle = rss_kib(options.pid);

    // Post from another thread: this one keeps reading, so arrival times are not held back.
    std::thread poster([&] {
        for (int k = 0; k < options.posts; ++k) {
            {
                std::lock_guard lock(bench.mutex);
                bench.posted_at[static_cast<std::size_t>(k)] = Clock::now();
            }
            api.create("/api/v1/lists/" + std::to_string(list) + "/cards",
                       bj::object{{"title", "Bench card #" + std::to_string(k)}});
            std::unique_lock lock(bench.mutex);
            bench.changed.wait_for(lock, std::chrono::seconds(30), [&] {
                return bench.arrived[static_cast<std::size_t>(k)] >= options.connections;
            });
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
    });
    auto const posting = Clock::now();
    for (;;) {
        ioc.run_one_for(std::chrono::milliseconds(100));
        std::lock_guard lock(bench.mutex);
        if (bench.arrived.back() >= options.connections) break;
        if (Clock::now() - posting > std::chrono::seconds(30L * options.posts)) break;
    }
    poster.join();

    std::vector<double> latencies;
    std::size_t missing = 0;
    std::vector<double> per_post_p99;
    for (int k = 0; k < options.posts; ++k) {
        std::vector<double> post_latencies;
        for (auto const& socket : bench.sockets) {
            auto const at = socket->received[static_cast<std::size_t>(k)];
            if (at == Clock::time_point{}) {
                ++missing;
                continue;
            }
            auto const ms = std::chrono::duration<double, std::milli>(
                                at - bench.posted_at[static_cast<std::size_t>(k)])
                                .count();
            post_latencies.push_back(ms);
            latencies.push_back(ms);
        }
        per_post_p99.push_back(percentile(post_latencies, 99));
    }
    auto const per_socket = static_cast<double>(rss_idle - rss_before) * 1024.0 /
                            static_cast<double>(options.connections);
    auto const p50 = percentile(latencies, 50);
    auto const p99 = percentile(latencies, 99);
    auto const worst =
        latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end());

    std::printf("sockets:                  %d open and subscribed to one board (%.1f s to open)\n",
                options.connections, open_s);
    std::printf("server memory:            %ld KiB before, %ld KiB with the sockets idle\n",
                rss_before, rss_idle);
    std::printf("memory per idle socket:   %.1f KiB   (goal <= 16 KiB: %s)\n", per_socket / 1024.0,
                per_socket <= 16 * 1024 ? "met" : "MISSED");
    std::printf(
        "cards posted:             %d; deliveries %zu of %zu (missing %zu)\n", options.posts,
        latencies.size(),
        static_cast<std::size_t>(options.posts) * static_cast<std::size_t>(options.connections),
        missing);
    std::printf(
        "delivery latency (post -> every socket): p50 %.1f ms, p99 %.1f ms, max %.1f ms   "
        "(goal p99 <= 250 ms: %s)\n",
        p50, p99, worst, p99 <= 250.0 && missing == 0 ? "met" : "MISSED");
    std::printf("p99 per card:            ");
    for (auto v : per_post_p99) std::printf(" %.1f", v);
    std::printf(" ms\n");
    // Leave without tearing down thousands of sockets whose io_context is going away with them.
    std::fflush(stdout);
    std::_Exit(0);
}
