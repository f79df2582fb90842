// The notifications module's routes: HTTP in, service call, HTTP out. Every rule is in the
// services; docs/api/notifications.md describes each endpoint.
#include "notifications/routes.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <limits>

#include "core/json.hpp"
#include "core/limits.hpp"
#include "notifications/announcements.hpp"
#include "notifications/feed.hpp"
#include "notifications/follows.hpp"
#include "notifications/mentions.hpp"
#include "notifications/notifications.hpp"
#include "notifications/onboarding.hpp"
#include "notifications/quiet_hours.hpp"

namespace village::notifications {

namespace bj = boost::json;
using http::done;
using http::not_found;
using http::reply;
using http::Request;
using http::Response;
using store::Db;

namespace {

template <class T>
bj::array json_list(std::vector<T> const& items) {
    bj::array out;
    for (auto const& item : items) out.push_back(to_json(item));
    return out;
}

// ?before= and ?limit= for cursor pages.
struct PageArgs {
    std::int64_t before = 0;
    std::size_t limit = limits::kDefaultPageItems;
};

Result<PageArgs> page_args(Request const& req) {
    auto before = http::query_int(req, "before", 1, std::numeric_limits<std::int64_t>::max());
    if (!before) return fail(before.error());
    auto limit = http::query_int(req, "limit", 1, static_cast<std::int64_t>(limits::kMaxPageItems));
    if (!limit) return fail(limit.error());
    PageArgs out;
    out.before = before->value_or(0);
    if (*limit) out.limit = static_cast<std::size_t>(**limit);
    return out;
}

Result<bool> query_flag(Request const& req, std::string_view key) {
    auto text = req.query(key);
    if (!text || text->empty() || *text == "false" || *text == "0") return false;
    if (*text == "true" || *text == "1") return true;
    return fail(Errc::bad_request, fmt::format("{} must be true or false", key), std::string(key));
}

// An optional {"up_to": id} body for "mark all" requests; an empty body means "everything".
Result<std::int64_t> up_to(Request const& req) {
    if (req.body.empty()) return 0;
    auto in = json::parse_object(req.body);
    if (!in) return fail(in.error());
    auto id = json::optional_id(*in, "up_to");
    if (!id) return fail(id.error());
    return id->value_or(0);
}

std::optional<Target> target_of(Request const& req) {
    auto type = parse_target_path(req.param("type"));
    auto id = req.id<CardId>("id");  // any positive id; the type says what it names
    if (!type || !id) return std::nullopt;
    return Target{*type, id->value};
}

Result<Level> parse_level_body(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto text = json::required_text(*in, "level", 16);
    if (!text) return fail(text.error());
    auto level = parse_level(*text);
    if (!level) {
        return fail(Errc::bad_request, "level must be \"watching\", \"normal\" or \"muted\"",
                    "level");
    }
    return *level;
}

// --- follows ---

Response put_follow(Request& req, Db& db) {
    auto target = target_of(req);
    if (!target) return not_found(kTargetNotFound);
    auto level = parse_level_body(req.body);
    if (!level) return http::error_response(level.error());
    return reply(set_follow(db, req.actor, *target, *level));
}

Response delete_follow(Request& req, Db& db) {
    auto target = target_of(req);
    if (!target) return not_found(kTargetNotFound);
    return reply(clear_follow(db, req.actor, *target));
}

Response get_follow(Request& req, Db& db) {
    auto target = target_of(req);
    if (!target) return not_found(kTargetNotFound);
    return reply(follow_state(db, req.actor, *target));
}

Response list_follows(Request& req, Db& db) {
    std::optional<TargetType> type;
    if (auto text = req.query("type"); text && !text->empty()) {
        type = parse_target_path(*text);
        if (!type) {
            return http::error_response(
                Error{Errc::bad_request, "type must be spaces, boards or cards", "type"});
        }
    }
    auto follows = my_follows(db, req.actor, type);
    if (!follows) return http::error_response(follows.error());
    return http::json_response(bj::object{{"follows", json_list(*follows)}});
}

// --- notifications ---

Response list_notifications_route(Request& req, Db& db) {
    auto page = page_args(req);
    if (!page) return http::error_response(page.error());
    auto unread = query_flag(req, "unread");
    if (!unread) return http::error_response(unread.error());
    return reply(list_notifications(db, req.actor, page->before, page->limit, *unread));
}

Response unread_count_route(Request& req, Db& db) {
    auto count = unread_count(db, req.actor);
    if (!count) return http::error_response(count.error());
    return http::json_response(bj::object{{"unread", *count}});
}

Response open_route(Request& req, Db& db) {
    auto id = req.id<ActivityId>("id");
    if (!id) return not_found(kNotificationNotFound);
    return reply(open_notification(db, req.actor, id->value));
}

Response read_all_route(Request& req, Db& db) {
    if (!req.actor.signed_in()) {
        return http::error_response(Error{Errc::unauthorized, "Sign in first"});
    }
    auto until = up_to(req);
    if (!until) return http::error_response(until.error());
    auto marked = mark_all_read(db, req.actor, *until);
    if (!marked) return http::error_response(marked.error());
    return http::json_response(bj::object{{"marked", *marked}, {"unread", 0}});
}

// --- feed ---

Response feed_route(Request& req, Db& db) {
    auto page = page_args(req);
    if (!page) return http::error_response(page.error());
    return reply(feed_page(db, req.actor, page->before, page->limit));
}

Response feed_seen_route(Request& req, Db& db) {
    if (!req.actor.signed_in()) {
        return http::error_response(Error{Errc::unauthorized, "Sign in first"});
    }
    auto until = up_to(req);
    if (!until) return http::error_response(until.error());
    auto mark = mark_feed_seen(db, req.actor, *until);
    if (!mark) return http::error_response(mark.error());
    return http::json_response(bj::object{{"seen_up_to", *mark}});
}

// --- announcements ---

Response put_announcement(Request& req, Db& db) {
    auto card = req.id<CardId>("id");
    if (!card) return not_found("Card not found");
    auto in = parse_announce(req.body);
    if (!in) return http::error_response(in.error());
    return reply(announce(db, req.actor, *card, *in), 201);
}

Response reach_route(Request& req, Db& db) {
    auto card = req.id<CardId>("id");
    if (!card) return not_found("Card not found");
    return reply(reach(db, req.actor, *card));
}

Response card_action(Request& req, Db& db, Result<void> (*action)(Db&, Actor const&, CardId)) {
    auto card = req.id<CardId>("id");
    if (!card) return not_found("Card not found");
    return done(action(db, req.actor, *card));
}

Response my_announcements_route(Request& req, Db& db) {
    auto pending = my_announcements(db, req.actor);
    if (!pending) return http::error_response(pending.error());
    return http::json_response(bj::object{{"announcements", json_list(*pending)}});
}

// --- quiet hours, onboarding, mentions ---

Response get_quiet_hours(Request& req, Db& db) {
    auto quiet = my_quiet_hours(db, req.actor);
    if (!quiet) return http::error_response(quiet.error());
    if (!*quiet) return http::json_response(bj::object{{"quiet_hours", nullptr}});
    return http::json_response(bj::object{{"quiet_hours", to_json(**quiet, now_ms())}});
}

Response put_quiet_hours(Request& req, Db& db) {
    if (!req.actor.signed_in()) {
        return http::error_response(Error{Errc::unauthorized, "Sign in first"});
    }
    auto in = parse_quiet_hours(req.body);
    if (!in) return http::error_response(in.error());
    auto saved = set_quiet_hours(db, req.actor, *in);
    if (!saved) return http::error_response(saved.error());
    return http::json_response(bj::object{{"quiet_hours", to_json(*saved, now_ms())}});
}

Response mentionable_route(Request& req, Db& db) {
    auto board = req.id<BoardId>("id");
    if (!board) return not_found("Board not found");
    auto limit = http::query_int(req, "limit", 1, static_cast<std::int64_t>(kMaxMentionable));
    if (!limit) return http::error_response(limit.error());
    auto const count = limit->value_or(static_cast<std::int64_t>(kDefaultMentionable));
    auto found = mentionable(db, req.actor, *board, req.query("q").value_or(""),
                             static_cast<std::size_t>(count));
    if (!found) return http::error_response(found.error());
    return http::json_response(bj::object{{"members", json_list(*found)}});
}

}  // namespace

void add_routes(http::Router& router) {
    router.get("/api/v1/me/follows", list_follows);
    router.get("/api/v1/follows/{type}/{id}", get_follow);
    router.put("/api/v1/follows/{type}/{id}", put_follow);
    router.del("/api/v1/follows/{type}/{id}", delete_follow);

    router.get("/api/v1/me/notifications", list_notifications_route);
    router.get("/api/v1/me/notifications/unread_count", unread_count_route);
    router.post("/api/v1/me/notifications/read_all", read_all_route);
    router.post("/api/v1/me/notifications/{id}/read", open_route);

    router.get("/api/v1/me/feed", feed_route);
    router.post("/api/v1/me/feed/seen", feed_seen_route);

    router.get("/api/v1/me/announcements", my_announcements_route);
    router.get("/api/v1/cards/{id}/announcement", reach_route);
    router.put("/api/v1/cards/{id}/announcement", put_announcement);
    router.del("/api/v1/cards/{id}/announcement",
               [](Request& req, Db& db) { return card_action(req, db, withdraw); });
    router.post("/api/v1/cards/{id}/announcement/seen",
                [](Request& req, Db& db) { return card_action(req, db, mark_seen); });
    router.post("/api/v1/cards/{id}/announcement/acknowledge",
                [](Request& req, Db& db) { return card_action(req, db, acknowledge); });

    router.get("/api/v1/me/quiet_hours", get_quiet_hours);
    router.put("/api/v1/me/quiet_hours", put_quiet_hours);
    router.del("/api/v1/me/quiet_hours",
               [](Request& req, Db& db) { return done(clear_quiet_hours(db, req.actor)); });

    router.get("/api/v1/me/onboarding",
               [](Request& req, Db& db) { return reply(onboarding(db, req.actor)); });
    router.get("/api/v1/boards/{id}/mentionable", mentionable_route);
}

}  // namespace village::notifications
