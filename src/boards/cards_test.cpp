// Cards, labels, comments, reactions and checklists as services, on an in-memory database with
// members, boards and lists inserted as plain rows.
#include "boards/cards.hpp"

#include <gtest/gtest.h>

#include "boards/card_view.hpp"
#include "boards/checklists.hpp"
#include "boards/comments.hpp"
#include "boards/labels.hpp"
#include "boards/permissions_testing.hpp"
#include "boards/reactions.hpp"
#include "support/test_database.hpp"

namespace village::boards {

namespace {

class Cards : public ::testing::Test {
  protected:
    std::unique_ptr<store::Database> database = village::testing::memory_database();
    store::Db db{*database};
    Actor admin = testing::add_member(db, Role::admin, "admin");
    Actor editor = testing::add_member(db, Role::trainer, "editor");
    Actor author = testing::add_member(db, Role::trainee, "author");
    Actor other = testing::add_member(db, Role::trainee, "other");
    Actor viewer = testing::add_member(db, Role::trainee, "viewer");
    Actor guest = testing::add_member(db, Role::guest, "guest");
    BoardId board = add_board("Teaching", "community");
    ListId notices = add_list(board, "Notices", "V");
    ListId events = add_list(board, "Events", "k");

    void SetUp() override {
        set_role(board, editor, "editor");
        set_role(board, viewer, "viewer");
    }

    BoardId add_board(std::string const& name, std::string const& visibility) {
        auto tx = db.begin();
        auto row = tx.query_one(
            "INSERT INTO boards (name, visibility, created_at, updated_at) VALUES ($1, $2, 0, 0) "
            "RETURNING id",
            name, visibility);
        tx.commit();
        return BoardId{row->i64(0)};
    }
    ListId add_list(BoardId on, std::string const& name, std::string const& position) {
        auto tx = db.begin();
        auto row = tx.query_one(
            "INSERT INTO lists (board_id, name, position, created_at, updated_at) "
            "VALUES ($1, $2, $3, 0, 0) RETURNING id",
            on, name, position);
        tx.commit();
        return ListId{row->i64(0)};
    }
    void set_role(BoardId on, Actor const& who, std::string const& role) {
        auto tx = db.begin();
        tx.exec("INSERT INTO board_members (board_id, member_id, role) VALUES ($1, $2, $3)", on,
                who.id, role);
        tx.commit();
    }
    Card add(Actor const& who, std::string const& title, ListId list,
             std::optional<Anchor> anchor = std::nullopt) {
        NewCard in;
        in.title = title;
        in.anchor = anchor;
        auto card = create_card(db, who, list, in);
        EXPECT_TRUE(card) << (card ? "" : card.error().message);
        return card ? *card : Card{};
    }
    std::vector<std::string> titles(ListId list) {
        std::vector<std::string> out;
        for (auto const& row :
             db.query("SELECT title FROM cards WHERE list_id = $1 AND archived_at IS NULL "
                      "ORDER BY position, id",
                      list)) {
            out.push_back(row.text(0));
        }
        return out;
    }
    std::int64_t version(BoardId b) {
        return db.query_one("SELECT version FROM boards WHERE id = $1", b)->i64(0);
    }
    std::vector<std::string> activity_types() {
        std::vector<std::string> out;
        for (auto const& row : db.query("SELECT type FROM activity ORDER BY id")) {
            out.push_back(row.text(0));
        }
        return out;
    }
    template <class T>
    static Errc code(Result<T> const& r) {
        return r ? Errc::internal : r.error().code;
    }
    static CardPatch move_to(std::optional<ListId> list, std::optional<Anchor> anchor = {}) {
        CardPatch p;
        p.list = list;
        p.anchor = anchor;
        return p;
    }
};

}  // namespace

TEST_F(Cards, MembersAddCardsAtTheEndOrBesideAnother) {
    auto a = add(author, "A", notices);
    auto c = add(author, "C", notices);
    add(author, "B", notices, Anchor{c.id.value, Side::before});
    add(editor, "Top", notices, Anchor{a.id.value, Side::before});
    add(editor, "End", notices, Anchor{c.id.value, Side::after});
    EXPECT_EQ(titles(notices), (std::vector<std::string>{"Top", "A", "B", "C", "End"}));
    EXPECT_EQ(a.author->id, author.id);
}

TEST_F(Cards, CreatingRecordsActivityAndBumpsTheBoardVersion) {
    auto const before = version(board);
    add(author, "Regional teaching", notices);
    EXPECT_GT(version(board), before);
    EXPECT_EQ(activity_types(), (std::vector<std::string>{"card.created"}));
}

TEST_F(Cards, WhoMayAddCards) {
    NewCard in;
    in.title = "Hello";
    EXPECT_EQ(code(create_card(db, Actor::anonymous(), notices, in)), Errc::unauthorized);
    EXPECT_EQ(code(create_card(db, guest, notices, in)), Errc::not_found);
    EXPECT_EQ(code(create_card(db, viewer, notices, in)), Errc::forbidden);
    EXPECT_EQ(code(create_card(db, author, ListId{999}, in)), Errc::not_found);
    EXPECT_TRUE(create_card(db, other, notices, in));
    EXPECT_TRUE(create_card(db, admin, notices, in));
}

TEST_F(Cards, AnAnchorInAnotherListIsRefusedOnItsField) {
    auto elsewhere = add(author, "Elsewhere", events);
    NewCard in;
    in.title = "Here";
    in.anchor = Anchor{elsewhere.id.value, Side::after};
    auto card = create_card(db, author, notices, in);
    ASSERT_FALSE(card);
    EXPECT_EQ(card.error().code, Errc::unprocessable);
    EXPECT_EQ(card.error().field, "after_id");
    EXPECT_EQ(testing::count_rows(db, "cards"), 1);
}

TEST_F(Cards, MembersEditTheirOwnCardsAndEditorsAnyCard) {
    auto card = add(author, "Mine", notices);
    CardPatch p;
    p.title = "Still mine";
    EXPECT_TRUE(update_card(db, author, card.id, p));
    p.title = "Taken";
    EXPECT_EQ(code(update_card(db, other, card.id, p)), Errc::forbidden);
    EXPECT_EQ(code(update_card(db, viewer, card.id, p)), Errc::forbidden);
    EXPECT_EQ(code(update_card(db, guest, card.id, p)), Errc::not_found);
    EXPECT_EQ(code(update_card(db, Actor::anonymous(), card.id, p)), Errc::unauthorized);
    p.title = "Edited by the editor";
    auto edited = update_card(db, editor, card.id, p);
    ASSERT_TRUE(edited);
    EXPECT_EQ(edited->title, "Edited by the editor");
    EXPECT_EQ(code(delete_card(db, other, card.id)), Errc::forbidden);
    EXPECT_TRUE(delete_card(db, author, card.id));
    EXPECT_EQ(code(read_card(db, author, card.id)), Errc::not_found);
}

TEST_F(Cards, BodyIsRenderedSafelyAndNullClearsOptionalFields) {
    auto card = add(author, "Event", notices);
    CardPatch p;
    p.body = "**Bring** <script>x()</script>";
    p.location = json::Patch<std::string>{true, "Seminar room 2"};
    p.start_at = json::Patch<Millis>{true, 1000};
    p.due_at = json::Patch<Millis>{true, 2000};
    auto edited = update_card(db, author, card.id, p);
    ASSERT_TRUE(edited);
    EXPECT_NE(edited->body_html.find("<strong>Bring</strong>"), std::string::npos);
    EXPECT_EQ(edited->body_html.find("<script"), std::string::npos);
    EXPECT_EQ(edited->location, "Seminar room 2");

    CardPatch clear;
    clear.location = json::Patch<std::string>{true, std::nullopt};
    clear.start_at = json::Patch<Millis>{true, std::nullopt};
    auto cleared = update_card(db, author, card.id, clear);
    ASSERT_TRUE(cleared);
    EXPECT_FALSE(cleared->location);
    EXPECT_FALSE(cleared->start_at);
    EXPECT_EQ(cleared->due_at, 2000);
}

TEST_F(Cards, StartAfterDueIsRefused) {
    auto card = add(author, "Event", notices);
    CardPatch p;
    p.due_at = json::Patch<Millis>{true, 1000};
    p.start_at = json::Patch<Millis>{true, 2000};
    auto r = update_card(db, author, card.id, p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::unprocessable);
    EXPECT_EQ(r.error().field, "due_at");
}

TEST_F(Cards, MovingBetweenListsKeepsOrderAndRecordsAMove) {
    auto a = add(author, "A", notices);
    auto b = add(author, "B", notices);
    auto c = add(author, "C", notices);
    auto x = add(author, "X", events);
    EXPECT_TRUE(update_card(db, author, b.id, move_to(events, Anchor{x.id.value, Side::before})));
    EXPECT_EQ(titles(notices), (std::vector<std::string>{"A", "C"}));
    EXPECT_EQ(titles(events), (std::vector<std::string>{"B", "X"}));
    EXPECT_TRUE(
        update_card(db, author, c.id, move_to(std::nullopt, Anchor{a.id.value, Side::before})));
    EXPECT_EQ(titles(notices), (std::vector<std::string>{"C", "A"}));
    EXPECT_TRUE(update_card(db, author, a.id, move_to(events)));  // to the end
    EXPECT_EQ(titles(events), (std::vector<std::string>{"B", "X", "A"}));
    EXPECT_EQ(activity_types().back(), "card.moved");
    // An anchor outside the target list is a 422 naming it.
    auto wrong = update_card(db, author, c.id, move_to(events, Anchor{c.id.value, Side::after}));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::unprocessable);
}

TEST_F(Cards, ArchivedCardsAreRestoredInPlace) {
    add(author, "A", notices);
    auto b = add(author, "B", notices);
    add(author, "C", notices);
    CardPatch archive;
    archive.archived = true;
    EXPECT_TRUE(update_card(db, author, b.id, archive));
    EXPECT_EQ(titles(notices), (std::vector<std::string>{"A", "C"}));
    add(author, "D", notices);
    CardPatch restore;
    restore.archived = false;
    EXPECT_TRUE(update_card(db, author, b.id, restore));
    EXPECT_EQ(titles(notices), (std::vector<std::string>{"A", "B", "C", "D"}));
    auto types = activity_types();
    EXPECT_NE(std::find(types.begin(), types.end(), "card.archived"), types.end());
    EXPECT_EQ(types.back(), "card.restored");
}

TEST_F(Cards, MovingToAnotherBoardNeedsAddRightsThereAndDropsTheOldLabels) {
    auto other_board = add_board("Neonatal", "private");
    auto other_list = add_list(other_board, "Inbox", "V");
    auto label = create_label(db, editor, board, NewLabel{"Urgent", "red"});
    ASSERT_TRUE(label);
    NewCard in;
    in.title = "Moving on";
    in.label_ids = std::vector<std::int64_t>{label->id.value};
    in.assignee_ids = std::vector<std::int64_t>{author.id.value, other.id.value};
    auto card = create_card(db, editor, notices, in);
    ASSERT_TRUE(card);
    // The editor cannot see the private board: the list reads as absent.
    auto hidden = update_card(db, editor, card->id, move_to(other_list));
    ASSERT_FALSE(hidden);
    EXPECT_EQ(hidden.error().code, Errc::unprocessable);
    EXPECT_EQ(hidden.error().field, "list_id");
    set_role(other_board, editor, "viewer");
    EXPECT_EQ(code(update_card(db, editor, card->id, move_to(other_list))), Errc::forbidden);
    set_role(other_board, author, "member");
    auto const old_version = version(board);
    // Now as the board's admin (who may add cards everywhere).
    auto moved = update_card(db, admin, card->id, move_to(other_list));
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_EQ(moved->board, other_board);
    EXPECT_GT(version(board), old_version);  // the old board hears that the card left
    auto view = read_card(db, admin, card->id);
    ASSERT_TRUE(view);
    EXPECT_TRUE(view->labels.empty());
    ASSERT_EQ(view->assignees.size(), 1u);  // `other` cannot see the private board
    EXPECT_EQ(view->assignees[0].id, author.id);
}

TEST_F(Cards, LabelsMustBelongToTheCardsBoard) {
    auto other_board = add_board("Elsewhere", "community");
    auto foreign = create_label(db, admin, other_board, NewLabel{"", "blue"});
    auto own = create_label(db, editor, board, NewLabel{"Exam", "green"});
    ASSERT_TRUE(foreign && own);
    auto card = add(author, "Card", notices);
    CardPatch p;
    p.label_ids = std::vector<std::int64_t>{own->id.value, foreign->id.value};
    auto r = update_card(db, author, card.id, p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::unprocessable);
    EXPECT_EQ(r.error().field, "label_ids");
    p.label_ids = std::vector<std::int64_t>{own->id.value, own->id.value};
    EXPECT_TRUE(update_card(db, author, card.id, p));
    EXPECT_EQ(read_card(db, author, card.id)->labels.size(), 1u);
    EXPECT_EQ(code(create_label(db, author, board, NewLabel{"x", "red"})), Errc::forbidden);
    EXPECT_TRUE(delete_label(db, editor, own->id));
    EXPECT_TRUE(read_card(db, author, card.id)->labels.empty());
}

TEST_F(Cards, AssigneesMustSeeTheBoard) {
    auto card = add(author, "Card", notices);
    CardPatch p;
    p.assignee_ids = std::vector<std::int64_t>{guest.id.value};
    auto r = update_card(db, author, card.id, p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "assignee_ids");
    p.assignee_ids = std::vector<std::int64_t>{viewer.id.value, other.id.value};
    EXPECT_TRUE(update_card(db, author, card.id, p));
    EXPECT_EQ(read_card(db, author, card.id)->assignees.size(), 2u);
    EXPECT_EQ(activity_types().back(), "card.assigned");
}

TEST_F(Cards, CommentsAreEditedByTheirAuthorAndRemovedByAuthorOrModerator) {
    auto card = add(author, "Card", notices);
    auto first = add_comment(db, viewer, card.id, "First <b>!</b>");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->body_html.find("<b>"), std::string::npos);
    EXPECT_TRUE(first->can_edit);
    EXPECT_EQ(code(edit_comment(db, other, first->id, "hijack")), Errc::forbidden);
    auto edited = edit_comment(db, viewer, first->id, "First, edited");
    ASSERT_TRUE(edited);
    EXPECT_EQ(edited->body_md, "First, edited");
    EXPECT_EQ(code(delete_comment(db, other, first->id)), Errc::forbidden);
    EXPECT_EQ(code(delete_comment(db, editor, first->id)), Errc::forbidden);
    EXPECT_EQ(code(add_comment(db, guest, card.id, "hi")), Errc::not_found);
    EXPECT_EQ(code(add_comment(db, Actor::anonymous(), card.id, "hi")), Errc::unauthorized);
    auto second = add_comment(db, other, card.id, "Second");
    ASSERT_TRUE(second);
    EXPECT_TRUE(delete_comment(db, admin, first->id));  // moderation
    EXPECT_TRUE(delete_comment(db, admin, first->id));  // again: nothing to do
    auto page = list_comments(db, author, card.id, 0, 50);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->comments.size(), 2u);
    EXPECT_TRUE(page->comments[0].deleted_at);
    auto const removed = to_json(page->comments[0]);
    EXPECT_TRUE(removed.at("body").is_null());
    EXPECT_TRUE(removed.at("deleted").as_bool());
    EXPECT_EQ(page->comments[1].body_md, "Second");
    EXPECT_EQ(code(edit_comment(db, viewer, first->id, "back")), Errc::unprocessable);
}

TEST_F(Cards, CommentPagesRunOldestFirstWithACursorToOlderOnes) {
    auto card = add(author, "Card", notices);
    for (int i = 1; i <= 5; ++i) {
        ASSERT_TRUE(add_comment(db, author, card.id, "c" + std::to_string(i)));
    }
    auto newest = list_comments(db, author, card.id, 0, 2);
    ASSERT_TRUE(newest);
    ASSERT_EQ(newest->comments.size(), 2u);
    EXPECT_EQ(newest->comments[0].body_md, "c4");
    EXPECT_EQ(newest->comments[1].body_md, "c5");
    EXPECT_EQ(newest->total, 5);
    ASSERT_TRUE(newest->next_before);
    auto older = list_comments(db, author, card.id, *newest->next_before, 10);
    ASSERT_TRUE(older);
    ASSERT_EQ(older->comments.size(), 3u);
    EXPECT_EQ(older->comments[0].body_md, "c1");
    EXPECT_FALSE(older->next_before);
}

TEST_F(Cards, CommentsTurnedOffLeaveOnlyAdminsCommenting) {
    auto card = add(author, "Card", notices);
    {
        auto tx = db.begin();
        tx.exec("UPDATE boards SET comments_enabled = 0 WHERE id = $1", board);
        tx.commit();
    }
    EXPECT_EQ(code(add_comment(db, editor, card.id, "hi")), Errc::forbidden);
    EXPECT_TRUE(add_comment(db, admin, card.id, "hi"));
}

TEST_F(Cards, ReactingTwiceIsIdempotent) {
    auto card = add(author, "Card", notices);
    auto first = react_to_card(db, viewer, card.id, "👍");
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->added);
    auto again = react_to_card(db, viewer, card.id, "👍");
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->added);
    ASSERT_TRUE(react_to_card(db, other, card.id, "👍"));
    auto view = read_card(db, viewer, card.id);
    ASSERT_EQ(view->reactions.size(), 1u);
    EXPECT_EQ(view->reactions[0].count, 2);
    EXPECT_TRUE(view->reactions[0].mine);
    EXPECT_EQ(testing::count_rows(db, "card_reactions"), 2);
    auto left = unreact_to_card(db, viewer, card.id, "👍");
    ASSERT_TRUE(left);
    EXPECT_EQ((*left)[0].count, 1);
    EXPECT_FALSE((*left)[0].mine);
    EXPECT_EQ(code(react_to_card(db, guest, card.id, "👍")), Errc::not_found);
}

TEST_F(Cards, EmojiAreShortTextWithoutSpaces) {
    EXPECT_TRUE(check_emoji("👍", "emoji"));
    EXPECT_TRUE(check_emoji("👩‍⚕️", "emoji"));  // joined with U+200D
    EXPECT_TRUE(check_emoji(":tada:", "emoji"));
    EXPECT_FALSE(check_emoji("", "emoji"));
    EXPECT_FALSE(check_emoji("a b", "emoji"));
    EXPECT_FALSE(check_emoji("a\u00A0b", "emoji"));
    EXPECT_FALSE(check_emoji("a/b", "emoji"));
    EXPECT_FALSE(check_emoji("\xF0\x9F", "emoji"));
    EXPECT_FALSE(check_emoji(std::string(33, 'x'), "emoji"));
    EXPECT_TRUE(check_emoji(std::string(32, 'x'), "emoji"));
}

TEST_F(Cards, AssigneesMayTickItemsButNotChangeTheChecklist) {
    auto card = add(author, "Card", notices);
    auto list = create_checklist(db, author, card.id, NewChecklist{"Before the day", {}});
    ASSERT_TRUE(list);
    auto item = add_checklist_item(db, author, list->id, NewChecklistItem{"Read the notes", {}});
    auto second = add_checklist_item(
        db, author, list->id, NewChecklistItem{"Bring ID", Anchor{item->id.value, Side::before}});
    ASSERT_TRUE(item && second);
    ChecklistItemPatch tick;
    tick.done = true;
    EXPECT_EQ(code(update_checklist_item(db, other, item->id, tick)), Errc::forbidden);
    CardPatch assign;
    assign.assignee_ids = std::vector<std::int64_t>{other.id.value};
    ASSERT_TRUE(update_card(db, author, card.id, assign));
    auto ticked = update_checklist_item(db, other, item->id, tick);
    ASSERT_TRUE(ticked);
    EXPECT_TRUE(ticked->done);
    EXPECT_EQ(activity_types().back(), "checklist.item_checked");
    ChecklistItemPatch rename;
    rename.text = "Changed";
    EXPECT_EQ(code(update_checklist_item(db, other, item->id, rename)), Errc::forbidden);
    EXPECT_EQ(code(add_checklist_item(db, other, list->id, NewChecklistItem{"x", {}})),
              Errc::forbidden);
    auto view = read_card(db, other, card.id);
    ASSERT_EQ(view->checklists.size(), 1u);
    ASSERT_EQ(view->checklists[0].items.size(), 2u);
    EXPECT_EQ(view->checklists[0].items[0].text, "Bring ID");
    EXPECT_TRUE(view->checklists[0].items[1].done);
    EXPECT_TRUE(view->permissions.can_check_items);
    EXPECT_FALSE(view->permissions.can_edit);
}

TEST_F(Cards, AnArchivedBoardRefusesWrites) {
    auto card = add(author, "Card", notices);
    {
        auto tx = db.begin();
        tx.exec("UPDATE boards SET archived_at = 1 WHERE id = $1", board);
        tx.commit();
    }
    CardPatch p;
    p.title = "Late";
    EXPECT_EQ(code(update_card(db, author, card.id, p)), Errc::unprocessable);
    EXPECT_EQ(code(add_comment(db, author, card.id, "hi")), Errc::unprocessable);
    auto view = read_card(db, author, card.id);
    ASSERT_TRUE(view);
    EXPECT_FALSE(view->permissions.can_edit);
}

TEST_F(Cards, ParsingRefusesBadBodiesNamingTheField) {
    EXPECT_EQ(parse_new_card("{").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_card("[]").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_card("{}").error().field, "title");
    EXPECT_EQ(parse_new_card(R"({"title": 5})").error().field, "title");
    EXPECT_EQ(parse_new_card(R"({"title": "  "})").error().field, "title");
    EXPECT_EQ(parse_new_card(R"({"title": "a", "before_id": 1, "after_id": 2})").error().code,
              Errc::bad_request);
    EXPECT_EQ(parse_new_card(R"({"title": "a", "after_id": 99999999999999999999})").error().field,
              "after_id");
    EXPECT_EQ(parse_new_card(R"({"title": "a", "due_at": "tomorrow"})").error().field, "due_at");
    EXPECT_EQ(parse_new_card(R"({"title": "a", "label_ids": [1, "2"]})").error().field,
              "label_ids");
    EXPECT_EQ(parse_new_card("{\"title\": \"" + std::string(513, 'x') + "\"}").error().code,
              Errc::too_large);
    EXPECT_EQ(parse_card_patch(R"({"title": null})").error().field, "title");
    EXPECT_EQ(parse_card_patch(R"j({"cover_url": "javascript:alert(1)"})j").error().field,
              "cover_url");
    EXPECT_TRUE(parse_card_patch(R"({"cover_url": "https://example.org/a.png"})"));
    auto cleared = parse_card_patch(R"({"body": null, "label_ids": null})");
    ASSERT_TRUE(cleared);
    EXPECT_EQ(cleared->body, "");
    EXPECT_TRUE(cleared->label_ids && cleared->label_ids->empty());
    EXPECT_EQ(parse_new_label(R"({"name": "x", "color": "magenta"})").error().field, "color");
    EXPECT_EQ(parse_reaction(R"({"emoji": "a b"})").error().field, "emoji");
}

}  // namespace village::boards
