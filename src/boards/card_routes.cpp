// HTTP routes for cards, comments, reactions, labels and checklists: parse, call the service,
// answer. Every rule lives in the services; see card_routes.hpp.
#include "boards/card_routes.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "boards/card_view.hpp"
#include "boards/cards.hpp"
#include "boards/checklists.hpp"
#include "boards/comments.hpp"
#include "boards/labels.hpp"
#include "boards/reactions.hpp"
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

// After a card write: the card as its reader now sees it.
Response card_reply(Db& db, Actor const& actor, Result<Card> const& written, int status) {
    if (!written) return http::error_response(written.error());
    return reply(read_card(db, actor, written->id), status);
}

Response reactions_reply(Result<Reacted> const& result) {
    if (!result) return http::error_response(result.error());
    return http::json_response(bj::object{{"reactions", to_json(result->reactions)}},
                               result->added ? 201 : 200);
}

Response reactions_reply(Result<Reactions> const& result) {
    if (!result) return http::error_response(result.error());
    return http::json_response(bj::object{{"reactions", to_json(*result)}});
}

Response list_comments_route(Request& req, Db& db) {
    auto id = req.id<CardId>("id");
    if (!id) return not_found(kCardNotFound);
    auto before = http::query_int(req, "before", 1, std::numeric_limits<std::int64_t>::max());
    if (!before) return http::error_response(before.error());
    auto const max_items = static_cast<std::int64_t>(limits::kMaxPageItems);
    auto limit = http::query_int(req, "limit", 1, max_items);
    if (!limit) return http::error_response(limit.error());
    auto const page_size = limit->value_or(static_cast<std::int64_t>(limits::kDefaultPageItems));
    return reply(list_comments(db, req.actor, *id, before->value_or(0),
                               static_cast<std::size_t>(page_size)));
}

}  // namespace

void add_card_routes(http::Router& router, Config const&) {
    // Cards
    router.post("/api/v1/lists/{id}/cards", [](Request& req, Db& db) {
        auto list = req.id<ListId>("id");
        if (!list) return not_found("List not found");
        auto in = parse_new_card(req.body);
        if (!in) return http::error_response(in.error());
        return card_reply(db, req.actor, create_card(db, req.actor, *list, *in), 201);
    });
    router.get("/api/v1/cards/{id}", [](Request& req, Db& db) {
        auto id = req.id<CardId>("id");
        if (!id) return not_found(kCardNotFound);
        return reply(read_card(db, req.actor, *id));
    });
    router.patch("/api/v1/cards/{id}", [](Request& req, Db& db) {
        auto id = req.id<CardId>("id");
        if (!id) return not_found(kCardNotFound);
        auto in = parse_card_patch(req.body);
        if (!in) return http::error_response(in.error());
        return card_reply(db, req.actor, update_card(db, req.actor, *id, *in), 200);
    });
    router.del("/api/v1/cards/{id}", [](Request& req, Db& db) {
        auto id = req.id<CardId>("id");
        if (!id) return not_found(kCardNotFound);
        return done(delete_card(db, req.actor, *id));
    });

    // Labels
    router.get("/api/v1/boards/{id}/labels", [](Request& req, Db& db) {
        auto board = req.id<BoardId>("id");
        if (!board) return not_found("Board not found");
        auto labels = board_labels(db, req.actor, *board);
        if (!labels) return http::error_response(labels.error());
        bj::array out;
        for (auto const& label : *labels) out.push_back(to_json(label));
        bj::array colors;
        for (auto color : label_colors()) colors.emplace_back(color);
        return http::json_response(bj::object{{"labels", std::move(out)}, {"colors", colors}});
    });
    router.post("/api/v1/boards/{id}/labels", [](Request& req, Db& db) {
        auto board = req.id<BoardId>("id");
        if (!board) return not_found("Board not found");
        auto in = parse_new_label(req.body);
        if (!in) return http::error_response(in.error());
        return reply(create_label(db, req.actor, *board, *in), 201);
    });
    router.patch("/api/v1/labels/{id}", [](Request& req, Db& db) {
        auto id = req.id<LabelId>("id");
        if (!id) return not_found("Label not found");
        auto in = parse_label_patch(req.body);
        if (!in) return http::error_response(in.error());
        return reply(update_label(db, req.actor, *id, *in));
    });
    router.del("/api/v1/labels/{id}", [](Request& req, Db& db) {
        auto id = req.id<LabelId>("id");
        if (!id) return not_found("Label not found");
        return done(delete_label(db, req.actor, *id));
    });

    // Checklists and their items
    router.post("/api/v1/cards/{id}/checklists", [](Request& req, Db& db) {
        auto card = req.id<CardId>("id");
        if (!card) return not_found(kCardNotFound);
        auto in = parse_new_checklist(req.body);
        if (!in) return http::error_response(in.error());
        return reply(create_checklist(db, req.actor, *card, *in), 201);
    });
    router.patch("/api/v1/checklists/{id}", [](Request& req, Db& db) {
        auto id = req.id<ChecklistId>("id");
        if (!id) return not_found("Checklist not found");
        auto in = parse_checklist_patch(req.body);
        if (!in) return http::error_response(in.error());
        return reply(update_checklist(db, req.actor, *id, *in));
    });
    router.del("/api/v1/checklists/{id}", [](Request& req, Db& db) {
        auto id = req.id<ChecklistId>("id");
        if (!id) return not_found("Checklist not found");
        return done(delete_checklist(db, req.actor, *id));
    });
    router.post("/api/v1/checklists/{id}/items", [](Request& req, Db& db) {
        auto id = req.id<ChecklistId>("id");
        if (!id) return not_found("Checklist not found");
        auto in = parse_new_checklist_item(req.body);
        if (!in) return http::error_response(in.error());
        return reply(add_checklist_item(db, req.actor, *id, *in), 201);
    });
    router.patch("/api/v1/checklist-items/{id}", [](Request& req, Db& db) {
        auto id = req.id<ChecklistItemId>("id");
        if (!id) return not_found("Checklist item not found");
        auto in = parse_checklist_item_patch(req.body);
        if (!in) return http::error_response(in.error());
        return reply(update_checklist_item(db, req.actor, *id, *in));
    });
    router.del("/api/v1/checklist-items/{id}", [](Request& req, Db& db) {
        auto id = req.id<ChecklistItemId>("id");
        if (!id) return not_found("Checklist item not found");
        return done(delete_checklist_item(db, req.actor, *id));
    });

    // Comments
    router.get("/api/v1/cards/{id}/comments", list_comments_route);
    router.post("/api/v1/cards/{id}/comments", [](Request& req, Db& db) {
        auto card = req.id<CardId>("id");
        if (!card) return not_found(kCardNotFound);
        auto body = parse_comment_body(req.body);
        if (!body) return http::error_response(body.error());
        return reply(add_comment(db, req.actor, *card, *body), 201);
    });
    router.patch("/api/v1/comments/{id}", [](Request& req, Db& db) {
        auto id = req.id<CommentId>("id");
        if (!id) return not_found(kCommentNotFound);
        auto body = parse_comment_body(req.body);
        if (!body) return http::error_response(body.error());
        return reply(edit_comment(db, req.actor, *id, *body));
    });
    router.del("/api/v1/comments/{id}", [](Request& req, Db& db) {
        auto id = req.id<CommentId>("id");
        if (!id) return not_found(kCommentNotFound);
        return done(delete_comment(db, req.actor, *id));
    });

    // Reactions
    router.post("/api/v1/cards/{id}/reactions", [](Request& req, Db& db) {
        auto card = req.id<CardId>("id");
        if (!card) return not_found(kCardNotFound);
        auto emoji = parse_reaction(req.body);
        if (!emoji) return http::error_response(emoji.error());
        return reactions_reply(react_to_card(db, req.actor, *card, *emoji));
    });
    router.del("/api/v1/cards/{id}/reactions/{emoji}", [](Request& req, Db& db) {
        auto card = req.id<CardId>("id");
        if (!card) return not_found(kCardNotFound);
        auto emoji = check_emoji(req.param("emoji"), "emoji");
        if (!emoji) return http::error_response(emoji.error());
        return reactions_reply(unreact_to_card(db, req.actor, *card, *emoji));
    });
    router.post("/api/v1/comments/{id}/reactions", [](Request& req, Db& db) {
        auto comment = req.id<CommentId>("id");
        if (!comment) return not_found(kCommentNotFound);
        auto emoji = parse_reaction(req.body);
        if (!emoji) return http::error_response(emoji.error());
        return reactions_reply(react_to_comment(db, req.actor, *comment, *emoji));
    });
    router.del("/api/v1/comments/{id}/reactions/{emoji}", [](Request& req, Db& db) {
        auto comment = req.id<CommentId>("id");
        if (!comment) return not_found(kCommentNotFound);
        auto emoji = check_emoji(req.param("emoji"), "emoji");
        if (!emoji) return http::error_response(emoji.error());
        return reactions_reply(unreact_to_comment(db, req.actor, *comment, *emoji));
    });
}

}  // namespace village::boards
