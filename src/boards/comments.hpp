// Comments: markdown replies on a card. Whoever may comment on the board (boards::can_comment)
// adds them; only the author edits one; the author, board admins and community admins remove
// one. A removed comment stays in the thread as "comment removed", without its text.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boards/cards.hpp"
#include "boards/reactions.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::string_view kCommentNotFound = "Comment not found";

struct Comment {
    CommentId id;
    CardId card;
    std::optional<Person> author;
    // From an import: the author's name where they matched no member (author is then absent).
    std::optional<std::string> imported_author;
    std::string body_md;    // empty once removed
    std::string body_html;  // empty once removed
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> deleted_at;
    Reactions reactions;
    // What the reader may do with it.
    bool can_edit = false;
    bool can_delete = false;
};

// Up to `limit` comments older than the cursor, oldest first; next_before is the cursor for the
// page before this one, when there is one.
struct CommentPage {
    std::vector<Comment> comments;
    std::optional<std::int64_t> next_before;
    std::int64_t total = 0;  // comments on the card, removed ones included
};

// {"body": "…"}: required markdown, at most 64 KiB.
[[nodiscard]] Result<std::string> parse_comment_body(std::string_view body);

// The page of a card the reader may read (no permission check: the caller has the context).
// `before` 0 means from the newest.
[[nodiscard]] CommentPage comment_page(store::Sql& sql, Actor const& actor,
                                       CardContext const& context, std::int64_t before,
                                       std::size_t limit);

[[nodiscard]] Result<CommentPage> list_comments(store::Db& db, Actor const& actor, CardId card,
                                                std::int64_t before, std::size_t limit);
[[nodiscard]] Result<Comment> add_comment(store::Db& db, Actor const& actor, CardId card,
                                          std::string const& body);
[[nodiscard]] Result<Comment> edit_comment(store::Db& db, Actor const& actor, CommentId id,
                                           std::string const& body);
// Removing twice is not an error.
[[nodiscard]] Result<void> delete_comment(store::Db& db, Actor const& actor, CommentId id);

[[nodiscard]] boost::json::object to_json(Comment const& comment);
[[nodiscard]] boost::json::object to_json(CommentPage const& page);

}  // namespace village::boards
