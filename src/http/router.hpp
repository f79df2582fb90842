// The route table: a method and a pattern such as /api/v1/boards/{id} per route, plus
// middleware that runs before every handler (authentication, CSRF). No Beast here, so the
// whole dispatch can be unit-tested without a socket.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "store/database.hpp"

namespace village::http {

// Handlers are plain synchronous functions; the server runs them on a worker thread.
using Handler = std::function<Response(Request&, store::Db&)>;
// Middleware returns a response to stop the request there, or nothing to go on.
using Middleware = std::function<std::optional<Response>(Request&, store::Db&)>;

class Router {
  public:
    void add(Method method, std::string pattern, Handler handler);
    void get(std::string p, Handler h) { add(Method::get, std::move(p), std::move(h)); }
    void post(std::string p, Handler h) { add(Method::post, std::move(p), std::move(h)); }
    void put(std::string p, Handler h) { add(Method::put, std::move(p), std::move(h)); }
    void patch(std::string p, Handler h) { add(Method::patch, std::move(p), std::move(h)); }
    void del(std::string p, Handler h) { add(Method::del, std::move(p), std::move(h)); }
    void use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }
    // Lets one route take request bodies up to `max_bytes` (e.g. an uploaded export) instead of
    // limits::kMaxBodyBytes. Call it after adding the route.
    void allow_body(Method method, std::string const& pattern, std::size_t max_bytes);
    // The body limit for a request, known from its header alone (before the body is read).
    [[nodiscard]] std::size_t body_limit(Method method, std::string_view path) const;
    // The largest limit of any route: what the parser must allow while the header is read,
    // since it checks Content-Length as soon as it sees it.
    [[nodiscard]] std::size_t largest_body_limit() const;
    // Answers requests no route matches (e.g. static files); default: 404 in the error shape.
    void fallback(Handler handler) { fallback_ = std::move(handler); }

    // Matches, runs middleware and the handler, and turns any failure into the error shape.
    [[nodiscard]] Response dispatch(Request& request, store::Db& db) const;

  private:
    struct Route {
        Method method;
        std::vector<std::string> segments;  // "{name}" segments capture
        Handler handler;
        std::size_t max_body = 0;  // 0: limits::kMaxBodyBytes
    };
    std::vector<Route> routes_;
    std::vector<Middleware> middleware_;
    Handler fallback_;
};

}  // namespace village::http
