// Comments: parsing, rules and storage; see comments.hpp.
#include "boards/comments.hpp"

#include <algorithm>
#include <limits>

#include "activity/activity.hpp"
#include "boards/comments_sql.hpp"
#include "boards/markdown.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

Comment comment_from(store::Row const& row) {
    Comment c;
    c.id = row.id<CommentId>(0);
    c.card = row.id<CardId>(1);
    if (auto author = row.opt_i64(2)) c.author = Person{MemberId{*author}, row.text(3)};
    c.body_md = row.text(4);
    c.body_html = row.text(5);
    c.created_at = row.i64(6);
    c.updated_at = row.i64(7);
    c.deleted_at = row.opt_i64(8);
    c.imported_author = row.opt_text(9);
    return c;
}

bool is_author(Comment const& c, Actor const& actor) {
    return actor.signed_in() && c.author && c.author->id == actor.id;
}

// What the reader may do with one comment; the services below decide the same way.
void set_permissions(Comment& c, Actor const& actor, BoardAccess const& access) {
    bool const open = actor.signed_in() && !c.deleted_at && !access.archived;
    c.can_edit = open && is_author(c, actor) && can_comment(access);
    c.can_delete = open && (is_author(c, actor) || can_moderate(access));
}

activity::Event comment_event(std::string type, Card const& card, CommentId comment) {
    activity::Event event{std::move(type)};
    event.board = card.board;
    event.list = card.list;
    event.card = card.id;
    event.comment = comment;
    event.data = {{"card_title", card.title}};
    return event;
}

struct CommentContext {
    Comment comment;
    CardContext card;
};

// The comment and its card for a write: 401, 404 (absent or not visible), 422 (board archived).
Result<CommentContext> comment_for_write(store::Sql& sql, Actor const& actor, CommentId id) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto row = sql.query_one(sql::comment_by_id, id);
    if (!row) return fail(Errc::not_found, std::string(kCommentNotFound));
    auto comment = comment_from(*row);
    auto card = card_for_write(sql, actor, comment.card,
                               [](CardContext const&, Actor const&) { return true; });
    if (!card) {
        auto error = card.error();
        if (error.code == Errc::not_found) error.message = kCommentNotFound;
        return fail(std::move(error));
    }
    return CommentContext{std::move(comment), std::move(*card)};
}

Comment reread(store::Sql& sql, Actor const& actor, CardContext const& card, CommentId id) {
    auto comment = comment_from(*sql.query_one(sql::comment_by_id, id));
    comment.reactions =
        comment_reactions(sql, card.card.id, id.value, id.value, actor.id)[id.value];
    set_permissions(comment, actor, card.access);
    return comment;
}

}  // namespace

Result<std::string> parse_comment_body(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto text = json::optional_markdown(*in, "body");
    if (!text) return fail(text.error());
    if (!*text || text::trim(**text).empty()) {
        return fail(Errc::bad_request, "Write something first", "body");
    }
    return std::move(**text);
}

CommentPage comment_page(store::Sql& sql, Actor const& actor, CardContext const& context,
                         std::int64_t before, std::size_t limit) {
    if (before <= 0) before = std::numeric_limits<std::int64_t>::max();
    CommentPage page;
    auto rows = sql.query(sql::comment_page, context.card.id, before, limit + 1);
    bool const more = rows.size() > limit;
    if (more) rows.pop_back();
    for (auto const& row : rows) page.comments.push_back(comment_from(row));
    std::reverse(page.comments.begin(), page.comments.end());  // oldest first
    if (!page.comments.empty()) {
        if (more) page.next_before = page.comments.front().id.value;
        auto reactions = comment_reactions(sql, context.card.id, page.comments.front().id.value,
                                           page.comments.back().id.value, actor.id);
        for (auto& c : page.comments) {
            if (!c.deleted_at) c.reactions = std::move(reactions[c.id.value]);
            set_permissions(c, actor, context.access);
        }
    }
    page.total = sql.query_one(sql::count_comments, context.card.id)->i64(0);
    return page;
}

Result<CommentPage> list_comments(store::Db& db, Actor const& actor, CardId card,
                                  std::int64_t before, std::size_t limit) {
    auto context = card_for_read(db, actor, card);
    if (!context) return fail(context.error());
    return comment_page(db, actor, *context, before, limit);
}

Result<Comment> add_comment(store::Db& db, Actor const& actor, CardId card,
                            std::string const& body) {
    auto tx = db.begin();
    auto context = card_for_write(tx, actor, card, may_comment);
    if (!context) return fail(context.error());
    auto const id = CommentId{
        tx.query_one(sql::insert_comment, card, actor.id, body, render_markdown(body), now_ms())
            ->i64(0)};
    activity::record(tx, actor, comment_event("comment.added", context->card, id));
    auto comment = reread(tx, actor, *context, id);
    tx.commit();
    return comment;
}

Result<Comment> edit_comment(store::Db& db, Actor const& actor, CommentId id,
                             std::string const& body) {
    auto tx = db.begin();
    auto context = comment_for_write(tx, actor, id);
    if (!context) return fail(context.error());
    auto const& comment = context->comment;
    if (!is_author(comment, actor) || !can_comment(context->card.access)) {
        return fail(Errc::forbidden, "Only its author may edit a comment");
    }
    if (comment.deleted_at) return fail(Errc::unprocessable, "This comment was removed");
    if (body != comment.body_md) {
        tx.exec(sql::update_comment, id, body, render_markdown(body), now_ms());
        activity::record(tx, actor, comment_event("comment.edited", context->card.card, id));
    }
    auto saved = reread(tx, actor, context->card, id);
    tx.commit();
    return saved;
}

Result<void> delete_comment(store::Db& db, Actor const& actor, CommentId id) {
    auto tx = db.begin();
    auto context = comment_for_write(tx, actor, id);
    if (!context) return fail(context.error());
    auto const& comment = context->comment;
    bool const moderating = !is_author(comment, actor);
    if (moderating && !can_moderate(context->card.access)) {
        return fail(Errc::forbidden, "Only its author or a board admin may remove a comment");
    }
    if (comment.deleted_at) return {};
    tx.exec(sql::remove_comment, id, now_ms(), actor.id);
    tx.exec(sql::remove_comment_reactions, id);
    auto event = comment_event("comment.deleted", context->card.card, id);
    event.data["moderated"] = moderating;
    activity::record(tx, actor, event);
    tx.commit();
    return {};
}

bj::object to_json(Comment const& c) {
    bj::object o;
    o["id"] = c.id.value;
    o["card_id"] = c.card.value;
    o["author"] = c.author ? bj::value(to_json(*c.author)) : bj::value(nullptr);
    o["imported_author"] = json::text_or_null(c.imported_author);
    bool const removed = c.deleted_at.has_value();
    o["deleted"] = removed;
    o["body"] = removed ? bj::value(nullptr) : bj::value(c.body_md);
    o["body_html"] = removed ? bj::value(nullptr) : bj::value(c.body_html);
    o["created_at"] = iso8601(c.created_at);
    o["updated_at"] = iso8601(c.updated_at);
    o["edited"] = !removed && c.updated_at > c.created_at;
    o["reactions"] = to_json(c.reactions);
    o["can_edit"] = c.can_edit;
    o["can_delete"] = c.can_delete;
    return o;
}

bj::object to_json(CommentPage const& page) {
    bj::array comments;
    for (auto const& c : page.comments) comments.push_back(to_json(c));
    return bj::object{
        {"comments", std::move(comments)},
        {"next_before", page.next_before ? bj::value(*page.next_before) : bj::value(nullptr)},
        {"total", page.total}};
}

}  // namespace village::boards
