// Lists: who may add, rename, move, archive and delete them, and where they land.
#include "boards/lists.hpp"

#include <gtest/gtest.h>

#include "boards/boards.hpp"
#include "boards/permissions_testing.hpp"
#include "support/test_database.hpp"

namespace village::boards {

namespace {

class Lists : public ::testing::Test {
  protected:
    std::unique_ptr<store::Database> database = village::testing::memory_database();
    store::Db db{*database};
    Actor owner = testing::add_member(db, Role::trainer, "owner");
    Actor editor = testing::add_member(db, Role::trainee, "editor");
    Actor member = testing::add_member(db, Role::trainee, "member");
    Actor guest = testing::add_member(db, Role::guest, "guest");
    BoardId board = make_board();

    BoardId make_board() {
        NewBoard in;
        in.name = "Teaching";
        in.visibility = Visibility::community;
        auto b = create_board(db, owner, in);
        EXPECT_TRUE(set_board_member(db, owner, b->id, editor.id, BoardRole::editor));
        return b->id;
    }
    List add(std::string const& name, std::optional<Anchor> anchor = std::nullopt) {
        auto list = create_list(db, editor, board, NewList{name, anchor});
        EXPECT_TRUE(list) << (list ? "" : list.error().message);
        return *list;
    }
    std::vector<std::string> names() {
        std::vector<std::string> out;
        for (auto const& row :
             db.query("SELECT name FROM lists WHERE board_id = $1 ORDER BY position, id", board)) {
            out.push_back(row.text(0));
        }
        return out;
    }
    ListPatch move(std::int64_t anchor, Side side) {
        ListPatch p;
        p.anchor = Anchor{anchor, side};
        return p;
    }
};

}  // namespace

TEST_F(Lists, EditorsAddListsAtTheEndOrBesideAnother) {
    auto a = add("Notices");
    auto c = add("Events");
    add("Resources", Anchor{c.id.value, Side::before});
    add("First", Anchor{a.id.value, Side::before});
    add("Last", Anchor{c.id.value, Side::after});
    EXPECT_EQ(names(),
              (std::vector<std::string>{"First", "Notices", "Resources", "Events", "Last"}));
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM activity WHERE type = 'list.created'")->i64(0), 5);
}

TEST_F(Lists, MembersViewersGuestsAndVisitorsMayNot) {
    EXPECT_EQ(create_list(db, member, board, NewList{"x"}).error().code, Errc::forbidden);
    EXPECT_EQ(create_list(db, guest, board, NewList{"x"}).error().code, Errc::not_found);
    EXPECT_EQ(create_list(db, Actor::anonymous(), board, NewList{"x"}).error().code,
              Errc::unauthorized);
    auto list = add("Notices");
    EXPECT_EQ(update_list(db, member, list.id, ListPatch{"y"}).error().code, Errc::forbidden);
    auto hidden = update_list(db, guest, list.id, ListPatch{"y"});
    auto absent = update_list(db, guest, ListId{999}, ListPatch{"y"});
    EXPECT_EQ(hidden.error().code, Errc::not_found);
    EXPECT_EQ(hidden.error().message, absent.error().message);
    EXPECT_EQ(delete_list(db, editor, list.id).error().code, Errc::forbidden);
    EXPECT_EQ(testing::count_rows(db, "lists"), 1);
}

TEST_F(Lists, RenameMoveArchiveAndRestore) {
    auto a = add("A");
    auto b = add("B");
    auto c = add("C");
    auto renamed = update_list(db, editor, a.id, ListPatch{"Alpha"});
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->name, "Alpha");
    ASSERT_TRUE(update_list(db, editor, c.id, move(a.id.value, Side::before)));
    EXPECT_EQ(names(), (std::vector<std::string>{"C", "Alpha", "B"}));
    ASSERT_TRUE(update_list(db, editor, c.id, move(b.id.value, Side::after)));
    EXPECT_EQ(names(), (std::vector<std::string>{"Alpha", "B", "C"}));

    EXPECT_EQ(update_list(db, editor, c.id, move(c.id.value, Side::after)).error().code,
              Errc::unprocessable);
    auto elsewhere = create_board(db, owner, NewBoard{"Other"});
    auto foreign = create_list(db, owner, elsewhere->id, NewList{"Foreign"});
    auto across = update_list(db, editor, c.id, move(foreign->id.value, Side::after));
    EXPECT_EQ(across.error().code, Errc::unprocessable);
    EXPECT_EQ(across.error().field, "after_id");

    ListPatch archive;
    archive.archived = true;
    auto archived = update_list(db, editor, b.id, archive);
    ASSERT_TRUE(archived);
    EXPECT_TRUE(archived->archived_at);
    archive.archived = false;
    auto restored = update_list(db, editor, b.id, archive);
    EXPECT_FALSE(restored->archived_at);
    EXPECT_EQ(names(), (std::vector<std::string>{"Alpha", "B", "C"}));
    auto types_of = [&](ListId list) {
        std::vector<std::string> types;
        for (auto const& row :
             db.query("SELECT type FROM activity WHERE list_id = $1 ORDER BY id", list)) {
            types.push_back(row.text(0));
        }
        return types;
    };
    EXPECT_EQ(types_of(a.id), (std::vector<std::string>{"list.created", "list.updated"}));
    EXPECT_EQ(types_of(b.id),
              (std::vector<std::string>{"list.created", "list.archived", "list.restored"}));
    EXPECT_EQ(types_of(c.id),
              (std::vector<std::string>{"list.created", "list.moved", "list.moved"}));
}

TEST_F(Lists, WritesOnAnArchivedBoardAre422) {
    auto list = add("Notices");
    BoardPatch archive;
    archive.archived = true;
    ASSERT_TRUE(update_board(db, owner, board, archive));
    EXPECT_EQ(create_list(db, editor, board, NewList{"x"}).error().code, Errc::unprocessable);
    EXPECT_EQ(update_list(db, editor, list.id, ListPatch{"x"}).error().code, Errc::unprocessable);
    EXPECT_EQ(delete_list(db, owner, list.id).error().code, Errc::unprocessable);
}

TEST_F(Lists, BoardAdminsDeleteListsWithTheirCards) {
    auto list = add("Old");
    {
        auto tx = db.begin();
        tx.exec(
            "INSERT INTO cards (board_id, list_id, title, position, created_at, updated_at) "
            "VALUES ($1, $2, 't', 'a', 0, 0)",
            board, list.id);
        tx.commit();
    }
    auto const before = load_board(db, board)->version;
    ASSERT_TRUE(delete_list(db, owner, list.id));
    EXPECT_EQ(testing::count_rows(db, "lists"), 0);
    EXPECT_EQ(testing::count_rows(db, "cards"), 0);
    EXPECT_GT(load_board(db, board)->version, before);
    EXPECT_EQ(delete_list(db, owner, list.id).error().code, Errc::not_found);
}

TEST(ListRequests, BadBodiesAre400sOr413sNamingTheField) {
    EXPECT_EQ(parse_new_list("").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_list(R"({"name": ["a"]})").error().field, "name");
    EXPECT_EQ(parse_new_list(R"({"name": ")" + std::string(513, 'x') + R"("})").error().code,
              Errc::too_large);
    EXPECT_EQ(parse_new_list(R"({"name": "a", "before_id": 0})").error().field, "before_id");
    EXPECT_EQ(parse_list_patch(R"({"archived": 1})").error().field, "archived");
    EXPECT_EQ(parse_list_patch(R"({"before_id": 1, "after_id": 2})").error().code,
              Errc::bad_request);
    auto empty = parse_list_patch("{}");
    ASSERT_TRUE(empty);
    EXPECT_FALSE(empty->name || empty->archived || empty->anchor);
}

}  // namespace village::boards
