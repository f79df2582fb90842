// Reading a board for an export; see load.hpp.
#include "importers/village_format/load.hpp"

#include <unordered_map>

#include "importers/village_format/load_sql.hpp"

namespace village::importers::village_format {

namespace {

std::optional<PersonRef> member_ref(store::Row const& row, std::size_t name, std::size_t email) {
    if (row.is_null(email)) return std::nullopt;
    return PersonRef{row.text(name), row.text(email), {}};
}

}  // namespace

std::optional<BoardData> load_board_data(store::Sql& sql, BoardId board) {
    auto row = sql.query_one(sql::export_board, board);
    if (!row) return std::nullopt;
    BoardData out;
    out.name = row->text(0);
    out.description = row->text(1);
    out.visibility = row->text(2);
    out.default_role = row->text(3);
    out.comments_enabled = row->flag(4);

    std::unordered_map<std::int64_t, std::size_t> label_index;
    for (auto const& r : sql.query(sql::export_labels, board)) {
        label_index.emplace(r.i64(0), out.labels.size());
        out.labels.push_back(LabelData{r.text(1), r.text(2)});
    }
    std::unordered_map<std::int64_t, std::size_t> list_index;
    for (auto const& r : sql.query(sql::export_lists, board)) {
        list_index.emplace(r.i64(0), out.lists.size());
        out.lists.push_back(ListData{r.text(1), !r.is_null(2), {}});
    }
    // Cards in a flat vector first, found by id by index (never by pointer, as vectors grow),
    // and moved into their lists once complete.
    std::vector<std::pair<std::size_t, CardData>> cards;  // list index, card
    std::unordered_map<std::int64_t, std::size_t> card_index;
    for (auto const& r : sql.query(sql::export_cards, board)) {
        auto list = list_index.find(r.i64(1));
        if (list == list_index.end()) continue;
        CardData card;
        card.title = r.text(2);
        card.body = r.text(3);
        card.start_at = r.opt_i64(4);
        card.due_at = r.opt_i64(5);
        card.due_complete = r.flag(6);
        card.location = r.opt_text(7);
        card.cover_url = r.opt_text(8);
        card.pinned = r.flag(9);
        card.archived = !r.is_null(10);
        card.created_at = r.i64(11);
        card.updated_at = r.i64(12);
        card.author = member_ref(r, 13, 14);
        card_index.emplace(r.i64(0), cards.size());
        cards.emplace_back(list->second, std::move(card));
    }
    auto card_of = [&](std::int64_t id) -> CardData* {
        auto it = card_index.find(id);
        return it == card_index.end() ? nullptr : &cards[it->second].second;
    };
    for (auto const& r : sql.query(sql::export_card_labels, board)) {
        auto label = label_index.find(r.i64(1));
        if (auto* card = card_of(r.i64(0)); card && label != label_index.end()) {
            card->labels.push_back(label->second);
        }
    }
    for (auto const& r : sql.query(sql::export_assignees, board)) {
        if (auto* card = card_of(r.i64(0))) card->assignees.push_back(*member_ref(r, 1, 2));
    }
    for (auto const& r : sql.query(sql::export_imported_assignees, board)) {
        if (auto* card = card_of(r.i64(0))) card->assignees.push_back(PersonRef{r.text(1), {}, {}});
    }
    std::unordered_map<std::int64_t, std::pair<CardData*, std::size_t>> checklists;
    for (auto const& r : sql.query(sql::export_checklists, board)) {
        if (auto* card = card_of(r.i64(1))) {
            checklists.emplace(r.i64(0), std::make_pair(card, card->checklists.size()));
            card->checklists.push_back(ChecklistData{r.text(2), {}});
        }
    }
    for (auto const& r : sql.query(sql::export_checklist_items, board)) {
        auto it = checklists.find(r.i64(0));
        if (it == checklists.end()) continue;
        auto& [card, index] = it->second;
        card->checklists[index].items.push_back(ChecklistItemData{r.text(1), r.flag(2)});
    }
    for (auto const& r : sql.query(sql::export_comments, board)) {
        auto* card = card_of(r.i64(0));
        if (!card) continue;
        CommentData comment;
        comment.body = r.text(1);
        comment.created_at = r.i64(2);
        comment.updated_at = r.i64(3);
        comment.deleted_at = r.opt_i64(4);
        comment.author = member_ref(r, 5, 6);
        if (!comment.author && !r.is_null(7)) comment.author = PersonRef{r.text(7), {}, {}};
        card->comments.push_back(std::move(comment));
    }
    for (auto const& r : sql.query(sql::export_attachments, board)) {
        if (auto* card = card_of(r.i64(0))) {
            card->attachments.push_back(AttachmentData{r.text(1), r.text(2), r.text(3)});
        }
    }
    for (auto& [list, card] : cards) out.lists[list].cards.push_back(std::move(card));
    return out;
}

}  // namespace village::importers::village_format
