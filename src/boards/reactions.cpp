// Reactions: parsing, rules and storage; see reactions.hpp.
#include "boards/reactions.hpp"

#include <fmt/format.h>

#include "activity/activity.hpp"
#include "boards/cards.hpp"
#include "boards/comments.hpp"
#include "boards/reactions_sql.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

// Unicode White_Space outside ASCII, plus the C1 controls.
bool is_space_or_control(std::uint32_t cp) {
    if (cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0xA0)) return true;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)) return true;
    return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Code points of valid UTF-8.
std::vector<std::uint32_t> code_points(std::string_view text) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        auto const c = static_cast<unsigned char>(text[i]);
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        std::uint32_t cp = len == 1   ? c
                           : len == 2 ? (c & 0x1F)
                           : len == 3 ? (c & 0x0F)
                                      : (c & 0x07);
        for (std::size_t k = 1; k < len && i + k < text.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

Reactions summary_from(store::Rows const& rows, std::size_t first_column) {
    Reactions out;
    for (auto const& row : rows) {
        out.push_back(ReactionCount{row.text(first_column), row.i64(first_column + 1),
                                    row.flag(first_column + 2)});
    }
    return out;
}

activity::Event reaction_event(std::string type, Card const& card, std::string const& emoji) {
    activity::Event event{std::move(type)};
    event.board = card.board;
    event.list = card.list;
    event.card = card.id;
    event.data = {{"emoji", emoji}};
    return event;
}

// The comment's card, ready for a reaction: 404 for a comment one may not see, 422 when removed.
Result<CardContext> comment_for_reaction(store::Sql& sql, Actor const& actor, CommentId id) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto row = sql.query_one(sql::comment_of_card, id);
    if (!row) return fail(Errc::not_found, std::string(kCommentNotFound));
    auto context = card_for_write(sql, actor, row->id<CardId>(0), may_react);
    if (!context) {
        auto error = context.error();
        if (error.code == Errc::not_found) error.message = kCommentNotFound;
        return fail(std::move(error));
    }
    if (!row->is_null(1)) return fail(Errc::unprocessable, "This comment was removed");
    return context;
}

Reactions comment_summary(store::Sql& sql, CardId card, CommentId comment, MemberId reader) {
    auto all = comment_reactions(sql, card, comment.value, comment.value, reader);
    return all[comment.value];
}

}  // namespace

Result<std::string> check_emoji(std::string_view emoji, std::string_view field) {
    auto bad = [&](std::string message) {
        return fail(Errc::bad_request, std::move(message), std::string(field));
    };
    if (emoji.empty()) return bad("Choose an emoji");
    if (!text::valid_utf8(emoji)) return bad("The emoji is not valid UTF-8");
    if (text::char_count(emoji) > limits::kMaxEmojiChars) {
        return bad(fmt::format("An emoji is at most {} characters", limits::kMaxEmojiChars));
    }
    for (auto cp : code_points(emoji)) {
        if (is_space_or_control(cp) || cp == '/') {
            return bad("An emoji may not hold spaces, control characters or '/'");
        }
    }
    return std::string(emoji);
}

Result<std::string> parse_reaction(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    auto it = in->find("emoji");
    if (it == in->end() || it->value().is_null()) {
        return fail(Errc::bad_request, "emoji is required", "emoji");
    }
    if (!it->value().is_string()) return fail(Errc::bad_request, "emoji must be text", "emoji");
    auto const& s = it->value().get_string();
    return check_emoji(std::string_view(s.data(), s.size()), "emoji");
}

Reactions card_reactions(store::Sql& sql, CardId card, MemberId reader) {
    return summary_from(sql.query(sql::card_reaction_summary, card, reader), 0);
}

std::map<std::int64_t, Reactions> comment_reactions(store::Sql& sql, CardId card,
                                                    std::int64_t first, std::int64_t last,
                                                    MemberId reader) {
    std::map<std::int64_t, Reactions> out;
    for (auto const& row : sql.query(sql::comment_reaction_summary, card, first, last, reader)) {
        out[row.i64(0)].push_back(ReactionCount{row.text(1), row.i64(2), row.flag(3)});
    }
    return out;
}

Result<Reacted> react_to_card(store::Db& db, Actor const& actor, CardId card,
                              std::string const& emoji) {
    auto tx = db.begin();
    auto context = card_for_write(tx, actor, card, may_react);
    if (!context) return fail(context.error());
    Reacted out;
    out.added = tx.exec(sql::add_card_reaction, card, actor.id, emoji, now_ms()) > 0;
    if (out.added) {
        activity::record(tx, actor, reaction_event("reaction.added", context->card, emoji));
    }
    out.reactions = card_reactions(tx, card, actor.id);
    tx.commit();
    return out;
}

Result<Reactions> unreact_to_card(store::Db& db, Actor const& actor, CardId card,
                                  std::string const& emoji) {
    auto tx = db.begin();
    auto context = card_for_write(tx, actor, card, may_react);
    if (!context) return fail(context.error());
    if (tx.exec(sql::remove_card_reaction, card, actor.id, emoji) > 0) {
        activity::record(tx, actor, reaction_event("reaction.removed", context->card, emoji));
    }
    auto reactions = card_reactions(tx, card, actor.id);
    tx.commit();
    return reactions;
}

Result<Reacted> react_to_comment(store::Db& db, Actor const& actor, CommentId comment,
                                 std::string const& emoji) {
    auto tx = db.begin();
    auto context = comment_for_reaction(tx, actor, comment);
    if (!context) return fail(context.error());
    Reacted out;
    out.added = tx.exec(sql::add_comment_reaction, comment, actor.id, emoji, now_ms()) > 0;
    if (out.added) {
        auto event = reaction_event("reaction.added", context->card, emoji);
        event.comment = comment;
        activity::record(tx, actor, event);
    }
    out.reactions = comment_summary(tx, context->card.id, comment, actor.id);
    tx.commit();
    return out;
}

Result<Reactions> unreact_to_comment(store::Db& db, Actor const& actor, CommentId comment,
                                     std::string const& emoji) {
    auto tx = db.begin();
    auto context = comment_for_reaction(tx, actor, comment);
    if (!context) return fail(context.error());
    if (tx.exec(sql::remove_comment_reaction, comment, actor.id, emoji) > 0) {
        auto event = reaction_event("reaction.removed", context->card, emoji);
        event.comment = comment;
        activity::record(tx, actor, event);
    }
    auto reactions = comment_summary(tx, context->card.id, comment, actor.id);
    tx.commit();
    return reactions;
}

bj::array to_json(Reactions const& reactions) {
    bj::array out;
    for (auto const& r : reactions) {
        out.push_back(bj::object{{"emoji", r.emoji}, {"count", r.count}, {"mine", r.mine}});
    }
    return out;
}

}  // namespace village::boards
