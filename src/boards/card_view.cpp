// The full card read; see card_view.hpp.
#include "boards/card_view.hpp"

#include "boards/cards_sql.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"

namespace village::boards {

namespace bj = boost::json;

Result<CardView> read_card(store::Sql& sql, Actor const& actor, CardId id) {
    auto context = card_for_read(sql, actor, id);
    if (!context) return fail(context.error());
    CardView view;
    view.labels = labels_of_card(sql, id);
    for (auto const& row : sql.query(sql::card_assignees, id)) {
        view.assignees.push_back(Person{row.id<MemberId>(0), row.text(1)});
    }
    view.imported_assignees = imported_assignees(sql, id);
    view.checklists = card_checklists(sql, id);
    view.attachments = card_attachments(sql, id);
    view.comments = comment_page(sql, actor, *context, 0, limits::kDefaultPageItems);
    view.reactions = card_reactions(sql, id, actor.id);
    bool const writable = actor.signed_in() && !context->access.archived;
    auto& can = view.permissions;
    can.can_edit = writable && may_edit_card(*context, actor);
    can.can_delete = can.can_edit;
    can.can_comment = writable && may_comment(*context, actor);
    can.can_react = writable && may_react(*context, actor);
    can.can_check_items = writable && may_check_items(sql, *context, actor);
    can.can_moderate_comments = writable && can_moderate(context->access);
    view.card = std::move(context->card);
    return view;
}

bj::object to_json(CardView const& view) {
    auto const& c = view.card;
    bj::object o;
    o["id"] = c.id.value;
    o["board_id"] = c.board.value;
    o["list_id"] = c.list.value;
    o["title"] = c.title;
    o["body"] = c.body_md;
    o["body_html"] = c.body_html;
    o["position"] = c.position;
    bj::array labels;
    for (auto const& label : view.labels) labels.push_back(to_json(label));
    o["labels"] = std::move(labels);
    o["start_at"] = json::time_or_null(c.start_at);
    o["due_at"] = json::time_or_null(c.due_at);
    o["due_complete"] = c.due_complete;
    o["location"] = json::text_or_null(c.location);
    o["cover_url"] = json::text_or_null(c.cover_url);
    o["pinned"] = c.pinned;
    o["archived"] = c.archived_at.has_value();
    o["archived_at"] = json::time_or_null(c.archived_at);
    o["author"] = c.author ? bj::value(to_json(*c.author)) : bj::value(nullptr);
    bj::array assignees;
    for (auto const& person : view.assignees) assignees.push_back(to_json(person));
    o["assignees"] = std::move(assignees);
    bj::array imported;
    for (auto const& name : view.imported_assignees) imported.emplace_back(name);
    o["imported_assignees"] = std::move(imported);
    bj::array checklists;
    for (auto const& checklist : view.checklists) checklists.push_back(to_json(checklist));
    o["checklists"] = std::move(checklists);
    bj::array attachments;
    for (auto const& attachment : view.attachments) attachments.push_back(to_json(attachment));
    o["attachments"] = std::move(attachments);
    o["comments"] = to_json(view.comments);
    o["reactions"] = to_json(view.reactions);
    o["created_at"] = iso8601(c.created_at);
    o["updated_at"] = iso8601(c.updated_at);
    auto const& can = view.permissions;
    o["permissions"] = bj::object{{"can_edit", can.can_edit},
                                  {"can_delete", can.can_delete},
                                  {"can_comment", can.can_comment},
                                  {"can_react", can.can_react},
                                  {"can_check_items", can.can_check_items},
                                  {"can_moderate_comments", can.can_moderate_comments}};
    return o;
}

}  // namespace village::boards
