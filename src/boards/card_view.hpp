// The full card read (GET /api/v1/cards/{id}, and the answer to card writes): the card with its
// labels, assignees, checklists, attachments, first page of comments, reactions and what the reader may do.
#pragma once

#include <boost/json/object.hpp>
#include <vector>

#include "boards/attachments.hpp"
#include "boards/cards.hpp"
#include "boards/checklists.hpp"
#include "boards/comments.hpp"
#include "boards/labels.hpp"
#include "boards/reactions.hpp"

namespace village::boards {

// What the reader may do with the card; the services decide the same way.
struct CardPermissions {
    bool can_edit = false;  // title, body, dates, labels, assignees, checklists, move, archive
    bool can_delete = false;
    bool can_comment = false;
    bool can_react = false;
    bool can_check_items = false;
    bool can_moderate_comments = false;
};

struct CardView {
    Card card;
    std::vector<Label> labels;
    std::vector<Person> assignees;
    std::vector<std::string> imported_assignees;  // names from an import that matched no member
    std::vector<Checklist> checklists;
    std::vector<Attachment> attachments;
    CommentPage comments;
    Reactions reactions;
    CardPermissions permissions;
};

// 404 "Card not found" when absent or not visible.
[[nodiscard]] Result<CardView> read_card(store::Sql& sql, Actor const& actor, CardId id);

[[nodiscard]] boost::json::object to_json(CardView const& view);

}  // namespace village::boards
