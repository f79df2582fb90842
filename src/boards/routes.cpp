// The boards module's routes: HTTP in, service call, HTTP out. Every rule is in the services.
#include "boards/routes.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "boards/boards.hpp"
#include "boards/card_routes.hpp"
#include "boards/lists.hpp"
#include "boards/spaces.hpp"
#include "core/limits.hpp"

namespace village::boards {

namespace bj = boost::json;
using http::done;
using http::not_found;
using http::reply;
using http::Request;
using http::Response;
using store::Db;

namespace {

Response error(Errc code, std::string message, std::string field = {}) {
    return http::error_response(Error{code, std::move(message), std::move(field)});
}

Response board_not_found() {
    return error(Errc::not_found, "Board not found");
}

Result<bool> query_flag(Request const& req, std::string_view key) {
    auto text = req.query(key);
    if (!text || text->empty() || *text == "false" || *text == "0") return false;
    if (*text == "true" || *text == "1") return true;
    return fail(Errc::bad_request, fmt::format("{} must be true or false", key), std::string(key));
}

Response read_board_route(Request& req, Db& db, BoardViewCache& cache) {
    auto id = req.id<BoardId>("id");
    if (!id) return board_not_found();
    auto archived = query_flag(req, "archived");
    if (!archived) return http::error_response(archived.error());
    auto read = read_board(db, cache, req.actor, *id, *archived,
                           req.header("if-none-match").value_or(std::string_view{}));
    if (!read) return http::error_response(read.error());
    Response r;
    if (read->not_modified) {
        r.status = 304;
        r.content_type.clear();
    } else {
        // Sent as the viewer's head and the cached snapshot's tail: no copy of the board.
        auto head = std::make_shared<std::string const>(body_head(read->role));
        std::string_view const head_bytes = *head;
        auto const tail = body_tail(*read->snapshot);
        r.shared_body.push_back(http::SharedBytes{std::move(head), head_bytes});
        r.shared_body.push_back(http::SharedBytes{read->snapshot, tail});
    }
    r.with_header("ETag", read->etag);
    // The body depends on who asks: shared caches must not keep it, browsers must revalidate.
    r.with_header("Cache-Control", "private, no-cache");
    return r;
}

Response activity_route(Request& req, Db& db) {
    auto id = req.id<BoardId>("id");
    if (!id) return board_not_found();
    auto before = http::query_int(req, "before", 1, std::numeric_limits<std::int64_t>::max());
    if (!before) return http::error_response(before.error());
    auto limit = http::query_int(req, "limit", 1, static_cast<std::int64_t>(limits::kMaxPageItems));
    if (!limit) return http::error_response(limit.error());
    auto page = board_activity(db, req.actor, *id, before->value_or(0),
                               static_cast<std::size_t>(limit->value_or(
                                   static_cast<std::int64_t>(limits::kDefaultPageItems))));
    if (!page) return http::error_response(page.error());
    bj::array entries;
    for (auto const& entry : page->entries) entries.push_back(activity::to_json(entry));
    return http::json_response(bj::object{
        {"activity", std::move(entries)},
        {"next_before", page->next_before ? bj::value(*page->next_before) : bj::value(nullptr)}});
}

}  // namespace

void BoardsRoutes::add_to(http::Router& router) {
    auto const cache = board_views_;

    // Spaces
    router.get("/api/v1/spaces", [](Request& req, Db& db) {
        bj::array out;
        for (auto const& space : visible_spaces(db, req.actor)) out.push_back(to_json(space));
        return http::json_response(bj::object{{"spaces", std::move(out)}});
    });
    router.post("/api/v1/spaces", [](Request& req, Db& db) {
        auto in = parse_new_space(req.body);
        if (!in) return http::error_response(in.error());
        return reply(create_space(db, req.actor, *in), 201);
    });
    router.patch("/api/v1/spaces/{id}", [](Request& req, Db& db) {
        auto id = req.id<SpaceId>("id");
        if (!id) return error(Errc::not_found, "Space not found");
        auto in = parse_space_patch(req.body);
        if (!in) return http::error_response(in.error());
        return reply(update_space(db, req.actor, *id, *in));
    });
    router.del("/api/v1/spaces/{id}", [](Request& req, Db& db) {
        auto id = req.id<SpaceId>("id");
        if (!id) return error(Errc::not_found, "Space not found");
        return done(delete_space(db, req.actor, *id));
    });

    // Boards
    router.get("/api/v1/boards", [](Request& req, Db& db) {
        return http::json_response(to_json(list_boards(db, req.actor)));
    });
    router.post("/api/v1/boards", [](Request& req, Db& db) {
        auto in = parse_new_board(req.body);
        if (!in) return http::error_response(in.error());
        return reply(create_board(db, req.actor, *in), 201);
    });
    router.get("/api/v1/boards/{id}",
               [cache](Request& req, Db& db) { return read_board_route(req, db, *cache); });
    router.patch("/api/v1/boards/{id}", [](Request& req, Db& db) {
        auto id = req.id<BoardId>("id");
        if (!id) return board_not_found();
        auto in = parse_board_patch(req.body);
        if (!in) return http::error_response(in.error());
        return reply(update_board(db, req.actor, *id, *in));
    });
    router.del("/api/v1/boards/{id}", [](Request& req, Db& db) {
        auto id = req.id<BoardId>("id");
        if (!id) return board_not_found();
        return done(delete_board(db, req.actor, *id));
    });
    router.get("/api/v1/boards/{id}/activity", activity_route);

    // Board members
    router.get("/api/v1/boards/{id}/members", [](Request& req, Db& db) {
        auto id = req.id<BoardId>("id");
        if (!id) return board_not_found();
        auto members = list_board_members(db, req.actor, *id);
        if (!members) return http::error_response(members.error());
        bj::array out;
        for (auto const& m : *members) out.push_back(to_json(m));
        return http::json_response(bj::object{{"members", std::move(out)}});
    });
    router.put("/api/v1/boards/{id}/members/{member_id}", [](Request& req, Db& db) {
        auto id = req.id<BoardId>("id");
        if (!id) return board_not_found();
        auto role = parse_member_role(req.body);
        if (!role) return http::error_response(role.error());
        auto member = req.id<MemberId>("member_id");
        if (!member) return error(Errc::not_found, "Member not found");
        return reply(set_board_member(db, req.actor, *id, *member, *role));
    });
    router.del("/api/v1/boards/{id}/members/{member_id}", [](Request& req, Db& db) {
        auto id = req.id<BoardId>("id");
        if (!id) return board_not_found();
        auto member = req.id<MemberId>("member_id");
        if (!member) return error(Errc::not_found, "That member holds no role on this board");
        return done(remove_board_member(db, req.actor, *id, *member));
    });

    // Lists
    router.post("/api/v1/boards/{id}/lists", [](Request& req, Db& db) {
        auto id = req.id<BoardId>("id");
        if (!id) return board_not_found();
        auto in = parse_new_list(req.body);
        if (!in) return http::error_response(in.error());
        return reply(create_list(db, req.actor, *id, *in), 201);
    });
    router.patch("/api/v1/lists/{id}", [](Request& req, Db& db) {
        auto id = req.id<ListId>("id");
        if (!id) return error(Errc::not_found, "List not found");
        auto in = parse_list_patch(req.body);
        if (!in) return http::error_response(in.error());
        return reply(update_list(db, req.actor, *id, *in));
    });
    router.del("/api/v1/lists/{id}", [](Request& req, Db& db) {
        auto id = req.id<ListId>("id");
        if (!id) return error(Errc::not_found, "List not found");
        return done(delete_list(db, req.actor, *id));
    });

    add_card_routes(router, config_);
}

}  // namespace village::boards
