// Moving cards within a list, between lists and between boards, archiving and restoring them,
// as the board read shows them to a person afterwards.
#include <gtest/gtest.h>

#include <algorithm>

#include "cards_fixture.hpp"

namespace village::cards_testing {
namespace {

using P = Persona;

// The open cards of one list, top to bottom, as the board read gives them to a client.
std::vector<std::string> titles(CardsWorld& world, std::int64_t board, std::int64_t list) {
    auto const read = world.as(P::community_admin).get(id_path("/api/v1/boards/", board));
    EXPECT_EQ(read.status, 200) << read.body;
    std::vector<std::pair<std::string, std::string>> cards;  // position, title
    auto const json = read.json();
    for (auto const& c : json.at("cards").as_array()) {
        if (c.at("list_id").as_int64() != list) continue;
        if (c.as_object().contains("archived") && c.at("archived").as_bool()) continue;
        cards.emplace_back(c.at("position").as_string(), c.at("title").as_string());
    }
    std::sort(cards.begin(), cards.end());
    std::vector<std::string> out;
    for (auto& [position, title] : cards) out.push_back(title);
    return out;
}

using Titles = std::vector<std::string>;

TEST(CardsMoves, MovingBetweenListsAndBoardsKeepsOrder) {
    CardsWorld world;
    auto const events = world.new_list(world.board, "Events");
    auto const other_board = world.new_board("Neonatal", "community");
    auto const other_list = world.new_list(other_board, "Inbox");
    world.set_role(other_board, P::board_editor, "editor");
    auto& editor = world.as(P::board_editor);

    std::map<std::string, std::int64_t> id;
    for (auto title : {"A", "B", "C", "D"}) id[title] = world.new_card(P::board_editor, title);
    id["X"] = world.new_card(P::board_editor, "X", events);
    id["Y"] = world.new_card(P::board_editor, "Y", events);
    auto const label = world.new_label(world.board, "Urgent", "red");
    EXPECT_EQ(
        editor
            .patch(id_path("/api/v1/cards/", id["C"]), bj::object{{"label_ids", bj::array{label}}})
            .status,
        200);
    ASSERT_EQ(titles(world, world.board, world.list), (Titles{"A", "B", "C", "D"}));

    auto move = [&](std::string const& title, bj::object where) {
        auto r = editor.patch(id_path("/api/v1/cards/", id[title]), where);
        EXPECT_EQ(r.status, 200) << r.body;
        return r;
    };
    // Within the list: D to the top, A after C.
    move("D", bj::object{{"before_id", id["A"]}});
    move("A", bj::object{{"after_id", id["C"]}});
    EXPECT_EQ(titles(world, world.board, world.list), (Titles{"D", "B", "C", "A"}));
    // To another list, between X and Y; then to the end of it.
    move("B", bj::object{{"list_id", events}, {"after_id", id["X"]}});
    move("D", bj::object{{"list_id", events}});
    EXPECT_EQ(titles(world, world.board, world.list), (Titles{"C", "A"}));
    EXPECT_EQ(titles(world, world.board, events), (Titles{"X", "B", "Y", "D"}));
    // To another board: the card goes, the old board's label stays behind.
    auto const moved = move("C", bj::object{{"list_id", other_list}}).json();
    EXPECT_EQ(moved.at("board_id").as_int64(), other_board);
    EXPECT_TRUE(moved.at("labels").as_array().empty());
    move("A", bj::object{{"list_id", other_list}, {"before_id", id["C"]}});
    EXPECT_EQ(titles(world, world.board, world.list), Titles{});
    EXPECT_EQ(titles(world, other_board, other_list), (Titles{"A", "C"}));
    // And back, into the middle of Events.
    move("C", bj::object{{"list_id", events}, {"before_id", id["Y"]}});
    EXPECT_EQ(titles(world, world.board, events), (Titles{"X", "B", "C", "Y", "D"}));

    // The board's activity says what happened.
    auto activity = world.as(P::community_admin)
                        .get(id_path("/api/v1/boards/", other_board, "/activity"))
                        .json();
    bool saw_move = false;
    for (auto const& entry : activity.at("activity").as_array()) {
        saw_move = saw_move || entry.at("type").as_string() == "card.moved";
    }
    EXPECT_TRUE(saw_move);
}

TEST(CardsMoves, MovingToABoardOneMayNotAddCardsToIsRefused) {
    CardsWorld world;
    auto const private_board = world.new_board("Organisers", "private");
    auto const hidden_list = world.new_list(private_board, "Plans");
    auto const read_only = world.new_board("Deanery notices", "community");
    auto const read_only_list = world.new_list(read_only, "Notices");
    world.set_role(read_only, P::board_member, "viewer");
    auto const card = world.new_card(P::board_member, "Mine");
    auto& member = world.as(P::board_member);
    auto const path = id_path("/api/v1/cards/", card);

    auto hidden = member.patch(path, bj::object{{"list_id", hidden_list}});
    EXPECT_EQ(hidden.status, 422) << hidden.body;
    auto missing = member.patch(path, bj::object{{"list_id", 987654321}});
    EXPECT_EQ(missing.body, hidden.body);  // a hidden list reads like a missing one
    auto refused = member.patch(path, bj::object{{"list_id", read_only_list}});
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(titles(world, world.board, world.list), Titles{"Mine"});
}

TEST(CardsMoves, ArchivedCardsAreRestoredIntoPlace) {
    CardsWorld world;
    std::map<std::string, std::int64_t> id;
    for (auto title : {"A", "B", "C"}) id[title] = world.new_card(P::board_member, title);
    auto& member = world.as(P::board_member);
    auto archived =
        member.patch(id_path("/api/v1/cards/", id["B"]), bj::object{{"archived", true}});
    ASSERT_EQ(archived.status, 200) << archived.body;
    EXPECT_TRUE(archived.json().at("archived").as_bool());
    EXPECT_EQ(titles(world, world.board, world.list), (Titles{"A", "C"}));
    // Life goes on around the archived card.
    world.new_card(P::board_member, "D");
    member.patch(id_path("/api/v1/cards/", id["A"]), bj::object{{"after_id", id["C"]}});
    EXPECT_EQ(titles(world, world.board, world.list), (Titles{"C", "A", "D"}));
    auto restored =
        member.patch(id_path("/api/v1/cards/", id["B"]), bj::object{{"archived", false}});
    ASSERT_EQ(restored.status, 200) << restored.body;
    EXPECT_FALSE(restored.json().at("archived").as_bool());
    // B sat between A and C; A has since moved, so B is back right before C.
    EXPECT_EQ(titles(world, world.board, world.list), (Titles{"B", "C", "A", "D"}));
}

TEST(CardsMoves, EveryWriteBumpsTheBoardVersionSoTheBoardReadChanges) {
    CardsWorld world;
    auto& reader = world.as(P::trainee);
    auto const board_path = id_path("/api/v1/boards/", world.board);
    auto const card = world.new_card(P::board_member, "Card");
    auto etag = [&] { return reader.get(board_path).header("etag").value_or(""); };
    std::string last = etag();
    auto expect_changed = [&](HttpResponse const& r, std::string const& what) {
        EXPECT_LT(r.status, 300) << what << ": " << r.body;
        auto now = etag();
        EXPECT_NE(now, last) << what;
        last = now;
    };
    auto& member = world.as(P::board_member);
    expect_changed(member.patch(id_path("/api/v1/cards/", card), bj::object{{"title", "New"}}),
                   "edit");
    expect_changed(
        member.post(id_path("/api/v1/cards/", card, "/comments"), bj::object{{"body", "hello"}}),
        "comment");
    expect_changed(
        member.post(id_path("/api/v1/cards/", card, "/reactions"), bj::object{{"emoji", "👍"}}),
        "reaction");
    auto checklist =
        member.post(id_path("/api/v1/cards/", card, "/checklists"), bj::object{{"name", "List"}});
    expect_changed(checklist, "checklist");
    auto item = member.post(id_path("/api/v1/checklists/", id_of(checklist), "/items"),
                            bj::object{{"text", "Thing"}});
    expect_changed(item, "item");
    expect_changed(
        member.patch(id_path("/api/v1/checklist-items/", id_of(item)), bj::object{{"done", true}}),
        "tick");
    expect_changed(member.del(id_path("/api/v1/cards/", card)), "delete");
}

}  // namespace
}  // namespace village::cards_testing
