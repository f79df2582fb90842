// The accounts module's HTTP face: parse → service → respond. No rules here.
#include "accounts/routes.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>

#include "accounts/groups.hpp"
#include "accounts/members.hpp"
#include "accounts/requests.hpp"
#include "accounts/sessions.hpp"
#include "accounts/setup.hpp"
#include "accounts/tokens.hpp"
#include "accounts/views.hpp"
#include "core/text.hpp"

namespace village::accounts {

namespace {

using http::Request;
using http::Response;
using store::Db;
using Handler = Response (*)(Config const&, Request&, Db&);

// --- helpers -----------------------------------------------------------------------------------

std::string session_cookie(Config const& config, std::string const& value, long max_age) {
    return fmt::format("{}={}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{}", kSessionCookie, value,
                       max_age, config.secure_cookies() ? "; Secure" : "");
}

Response refused(Error const& error, int retry_after_seconds) {
    auto response = http::error_response(error);
    if (retry_after_seconds > 0) {
        response.with_header("Retry-After", std::to_string(retry_after_seconds));
    }
    return response;
}

Response signed_in(Config const& config, sessions::SignedIn const& s, int status) {
    return signed_in_response(config, s, status);
}

Response not_found(std::string_view what) {
    return http::error_response(Error{Errc::not_found, fmt::format("No such {}", what)});
}

Response member_response(Result<Member> const& m, Actor const& viewer, int status = 200) {
    return http::respond(
        m, [&](Member const& v) { return views::member(v, view_of(viewer, v.id)); }, status);
}

Response empty_or_error(Result<void> const& result) {
    if (!result) return http::error_response(result.error());
    return http::no_content();
}

// --- session and set-up ------------------------------------------------------------------------

Response sign_in(Config const& config, Request& req, Db& db) {
    auto in = requests::credentials(req.body);
    if (!in) return http::error_response(in.error());
    auto out = sessions::sign_in(db, *in, client_of(req), session_lifetime_ms(config));
    if (!out.result) return refused(out.result.error(), out.retry_after_seconds);
    return signed_in(config, *out.result, 200);
}

Response get_session(Config const&, Request& req, Db& db) {
    auto current = sessions::current(db, req.actor, SessionId{req.session_id});
    return http::respond(
        current, [](sessions::Current const& c) { return views::session(c.member, c.csrf_token); });
}

Response sign_out(Config const& config, Request& req, Db& db) {
    if (req.auth == http::AuthMethod::cookie) sessions::revoke(db, SessionId{req.session_id});
    auto response = http::no_content();
    response.with_header("Set-Cookie", session_cookie(config, "", 0));
    return response;
}

Response set_up(Config const& config, Request& req, Db& db) {
    auto in = requests::first_admin(req.body);
    if (!in) return http::error_response(in.error());
    auto out = setup::create_first_admin(db, *in, client_of(req), session_lifetime_ms(config));
    if (!out) return http::error_response(out.error());
    return signed_in(config, *out, 201);
}

// --- me and tokens -----------------------------------------------------------------------------

Response get_me(Config const&, Request& req, Db& db) {
    return member_response(members::me(db, req.actor), req.actor);
}

Response patch_me(Config const&, Request& req, Db& db) {
    auto in = requests::profile_patch(req.body);
    if (!in) return http::error_response(in.error());
    auto out = members::update_profile(db, req.actor, std::move(*in), SessionId{req.session_id},
                                       req.remote_address);
    if (!out.result) return refused(out.result.error(), out.retry_after_seconds);
    return member_response(out.result, req.actor);
}

Response list_tokens(Config const&, Request& req, Db& db) {
    return http::respond(tokens::list(db, req.actor), views::token_list);
}

Response create_token(Config const&, Request& req, Db& db) {
    auto name = requests::token_name(req.body);
    if (!name) return http::error_response(name.error());
    return http::respond(tokens::create(db, req.actor, *name), views::new_token, 201);
}

Response revoke_token(Config const&, Request& req, Db& db) {
    auto id = req.id<TokenId>("id");
    if (!id) return not_found("token");
    return empty_or_error(tokens::revoke(db, req.actor, *id));
}

// --- members -----------------------------------------------------------------------------------

Response list_members(Config const&, Request& req, Db& db) {
    auto query = requests::member_query(req);
    if (!query) return http::error_response(query.error());
    return http::respond(members::list(db, req.actor, *query),
                         [&](Page<Member> const& p) { return views::member_page(p, req.actor); });
}

Response get_member(Config const&, Request& req, Db& db) {
    auto id = req.id<MemberId>("id");
    if (!id) return not_found("member");
    return member_response(members::get(db, req.actor, *id), req.actor);
}

Response create_member(Config const&, Request& req, Db& db) {
    auto in = requests::new_member(req.body);
    if (!in) return http::error_response(in.error());
    return member_response(members::create(db, req.actor, std::move(*in)), req.actor, 201);
}

Response patch_member(Config const&, Request& req, Db& db) {
    auto id = req.id<MemberId>("id");
    if (!id) return not_found("member");
    auto in = requests::admin_member_patch(req.body);
    if (!in) return http::error_response(in.error());
    return member_response(members::update_by_admin(db, req.actor, *id, std::move(*in)), req.actor);
}

// --- groups ------------------------------------------------------------------------------------

Response list_groups(Config const&, Request& req, Db& db) {
    auto page = requests::page(req);
    if (!page) return http::error_response(page.error());
    return http::respond(groups::list(db, req.actor, *page), views::group_page);
}

Response get_group(Config const&, Request& req, Db& db) {
    auto id = req.id<GroupId>("id");
    if (!id) return not_found("group");
    return http::respond(groups::get(db, req.actor, *id), views::group_detail);
}

Response create_group(Config const&, Request& req, Db& db) {
    auto in = requests::new_group(req.body);
    if (!in) return http::error_response(in.error());
    return http::respond(groups::create(db, req.actor, std::move(*in)), views::group_detail, 201);
}

Response patch_group(Config const&, Request& req, Db& db) {
    auto id = req.id<GroupId>("id");
    if (!id) return not_found("group");
    auto in = requests::group_patch(req.body);
    if (!in) return http::error_response(in.error());
    return http::respond(groups::update(db, req.actor, *id, std::move(*in)), views::group_detail);
}

Response delete_group(Config const&, Request& req, Db& db) {
    auto id = req.id<GroupId>("id");
    if (!id) return not_found("group");
    return empty_or_error(groups::remove(db, req.actor, *id));
}

Response add_group_member(Config const&, Request& req, Db& db) {
    auto id = req.id<GroupId>("id");
    auto member = req.id<MemberId>("member_id");
    if (!id || !member) return not_found(id ? "member" : "group");
    return empty_or_error(groups::add_member(db, req.actor, *id, *member));
}

Response remove_group_member(Config const&, Request& req, Db& db) {
    auto id = req.id<GroupId>("id");
    auto member = req.id<MemberId>("member_id");
    if (!id || !member) return not_found(id ? "member" : "group");
    return empty_or_error(groups::remove_member(db, req.actor, *id, *member));
}

// --- authentication ----------------------------------------------------------------------------

bool is_write(http::Method method) {
    using M = http::Method;
    return method == M::post || method == M::put || method == M::patch || method == M::del;
}

// Signing in and setting up prove who one is by other means, and may carry a stale cookie.
bool csrf_exempt(Request const& req, std::vector<std::string> const& more) {
    if (req.method != http::Method::post) return false;
    if (req.path == "/api/v1/session" || req.path == "/api/v1/setup") return true;
    return std::ranges::find(more, req.path) != more.end();
}

Response csrf_failed() {
    boost::json::object inner{{"code", "csrf_failed"},
                              {"message",
                               "The request lacks this session's X-CSRF-Token; reload "
                               "the page and try again"},
                              {"field", nullptr}};
    return http::json_response(boost::json::object{{"error", std::move(inner)}}, 403);
}

}  // namespace

// "Bearer <token>" → the token; any other Authorization header still counts as a (bad) token,
// so a request that meant to use one never falls back to a cookie.
std::optional<std::string_view> bearer_of(Request const& req) {
    auto header = req.header("authorization");
    if (!header) return std::nullopt;
    std::string_view value = *header;
    if (value.size() > 7 && text::ascii_lower(value.substr(0, 7)) == "bearer ") {
        value.remove_prefix(7);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return value;
    }
    return std::string_view{};
}

sessions::Client client_of(Request const& req) {
    return sessions::Client{req.remote_address, std::string(req.header("user-agent").value_or("")),
                            req.cookie(kSessionCookie)};
}

Millis session_lifetime_ms(Config const& config) {
    return static_cast<Millis>(config.session_days) * 24 * 60 * 60 * 1000;
}

Response signed_in_response(Config const& config, sessions::SignedIn const& s, int status) {
    auto response = http::json_response(views::session(s.member, s.csrf_token), status);
    response.with_header("Set-Cookie",
                         session_cookie(config, s.token, session_lifetime_ms(config) / 1000));
    response.with_header("Cache-Control", "no-store");
    return response;
}

void AccountsRoutes::add_to(http::Router& router) {
    auto const bind = [&config = config_](Handler handler) -> http::Handler {
        return [&config, handler](Request& req, Db& db) { return handler(config, req, db); };
    };
    router.post("/api/v1/session", bind(sign_in));
    router.get("/api/v1/session", bind(get_session));
    router.del("/api/v1/session", bind(sign_out));
    router.post("/api/v1/setup", bind(set_up));
    router.get("/api/v1/me", bind(get_me));
    router.patch("/api/v1/me", bind(patch_me));
    router.get("/api/v1/me/tokens", bind(list_tokens));
    router.post("/api/v1/me/tokens", bind(create_token));
    router.del("/api/v1/me/tokens/{id}", bind(revoke_token));
    router.get("/api/v1/members", bind(list_members));
    router.post("/api/v1/members", bind(create_member));
    router.get("/api/v1/members/{id}", bind(get_member));
    router.patch("/api/v1/members/{id}", bind(patch_member));
    router.get("/api/v1/groups", bind(list_groups));
    router.post("/api/v1/groups", bind(create_group));
    router.get("/api/v1/groups/{id}", bind(get_group));
    router.patch("/api/v1/groups/{id}", bind(patch_group));
    router.del("/api/v1/groups/{id}", bind(delete_group));
    router.put("/api/v1/groups/{id}/members/{member_id}", bind(add_group_member));
    router.del("/api/v1/groups/{id}/members/{member_id}", bind(remove_group_member));
}

http::Middleware AccountsRoutes::authenticate() {
    return [&exempt = csrf_exempt_](Request& req, Db& db) -> std::optional<Response> {
        auto const cookie = req.cookie(kSessionCookie);
        auto const identity = sessions::identify(db, bearer_of(req), cookie);
        req.actor = identity.actor;
        req.session_id = identity.session.value;
        switch (identity.via) {
            case sessions::Via::none:
                req.auth = http::AuthMethod::none;
                break;
            case sessions::Via::cookie:
                req.auth = http::AuthMethod::cookie;
                break;
            case sessions::Via::token:
                req.auth = http::AuthMethod::token;
                break;
        }
        if (is_write(req.method) && !csrf_exempt(req, exempt) &&
            !sessions::csrf_matches(identity, req.header("x-csrf-token"))) {
            return csrf_failed();
        }
        return std::nullopt;
    };
}

}  // namespace village::accounts
