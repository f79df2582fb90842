// Spaces: who may change them, unique names, order, deletion, and who sees which.
#include "boards/spaces.hpp"

#include <gtest/gtest.h>

#include "boards/boards.hpp"
#include "boards/permissions_testing.hpp"
#include "support/test_database.hpp"

namespace village::boards {

namespace {

class Spaces : public ::testing::Test {
  protected:
    std::unique_ptr<store::Database> database = village::testing::memory_database();
    store::Db db{*database};
    Actor admin = testing::add_member(db, Role::admin, "admin");
    Actor trainer = testing::add_member(db, Role::trainer, "trainer");
    Actor guest = testing::add_member(db, Role::guest, "guest");

    Space make(std::string const& name) {
        auto space = create_space(db, admin, NewSpace{name, "", std::nullopt});
        EXPECT_TRUE(space) << (space ? "" : space.error().message);
        return *space;
    }
    std::vector<std::string> names(Actor const& who) {
        std::vector<std::string> out;
        for (auto const& s : visible_spaces(db, who)) out.push_back(s.name);
        return out;
    }
};

}  // namespace

TEST_F(Spaces, OnlyCommunityAdminsChangeSpaces) {
    auto by_trainer = create_space(db, trainer, NewSpace{"Neonatology"});
    EXPECT_EQ(by_trainer.error().code, Errc::forbidden);
    auto by_nobody = create_space(db, Actor::anonymous(), NewSpace{"Neonatology"});
    EXPECT_EQ(by_nobody.error().code, Errc::unauthorized);
    auto space = make("Neonatology");
    EXPECT_EQ(update_space(db, trainer, space.id, SpacePatch{"X"}).error().code, Errc::forbidden);
    EXPECT_EQ(delete_space(db, guest, space.id).error().code, Errc::forbidden);
    EXPECT_EQ(testing::count_rows(db, "spaces"), 1);
}

TEST_F(Spaces, NamesAreUniqueWhateverTheirCase) {
    make("Deanery office");
    auto again = create_space(db, admin, NewSpace{"DEANERY OFFICE"});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::conflict);
    EXPECT_EQ(again.error().field, "name");
    auto other = make("Neonatology");
    auto rename = update_space(db, admin, other.id, SpacePatch{"deanery Office"});
    EXPECT_EQ(rename.error().code, Errc::conflict);
    EXPECT_EQ(testing::count_rows(db, "spaces"), 2);
    EXPECT_EQ(names(admin), (std::vector<std::string>{"Deanery office", "Neonatology"}));
}

TEST_F(Spaces, NewSpacesGoLastUnlessPlacedAndCanBeMoved) {
    auto a = make("A");
    auto b = make("B");
    auto c = create_space(db, admin, NewSpace{"C", "", Anchor{b.id.value, Side::before}});
    ASSERT_TRUE(c);
    EXPECT_EQ(names(admin), (std::vector<std::string>{"A", "C", "B"}));
    SpacePatch move;
    move.anchor = Anchor{a.id.value, Side::before};
    ASSERT_TRUE(update_space(db, admin, b.id, move));
    EXPECT_EQ(names(admin), (std::vector<std::string>{"B", "A", "C"}));
    move.anchor = Anchor{9999, Side::after};
    EXPECT_EQ(update_space(db, admin, b.id, move).error().code, Errc::unprocessable);
}

TEST_F(Spaces, RenameAndDescribeAreRecorded) {
    auto space = make("Teaching");
    SpacePatch patch;
    patch.name = "Regional teaching";
    patch.description = "Study days";
    auto updated = update_space(db, admin, space.id, patch);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->name, "Regional teaching");
    EXPECT_EQ(updated->description, "Study days");
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM activity WHERE type = 'space.updated'")->i64(0),
              1);
    EXPECT_EQ(update_space(db, admin, SpaceId{999}, patch).error().code, Errc::not_found);
}

TEST_F(Spaces, DeletingASpaceKeepsItsBoardsAndMarksThemChanged) {
    auto space = make("Conference");
    NewBoard in;
    in.name = "RCPCH 2026";
    in.space = space.id;
    auto board = create_board(db, trainer, in);
    ASSERT_TRUE(board);
    ASSERT_TRUE(delete_space(db, admin, space.id));
    auto after = load_board(db, board->id);
    ASSERT_TRUE(after);
    EXPECT_FALSE(after->space);
    EXPECT_GT(after->version, board->version);
    EXPECT_EQ(testing::count_rows(db, "spaces"), 0);
    EXPECT_EQ(delete_space(db, admin, space.id).error().code, Errc::not_found);
}

TEST_F(Spaces, GuestsAndVisitorsSeeOnlySpacesWithBoardsTheyMaySee) {
    auto open = make("Open");
    auto closed = make("Closed");
    make("Empty");
    NewBoard pub;
    pub.name = "Public notices";
    pub.space = open.id;
    pub.visibility = Visibility::public_;
    ASSERT_TRUE(create_board(db, trainer, pub));
    NewBoard community;
    community.name = "Community";
    community.space = closed.id;
    ASSERT_TRUE(create_board(db, trainer, community));

    EXPECT_EQ(names(trainer), (std::vector<std::string>{"Open", "Closed", "Empty"}));
    EXPECT_EQ(names(admin), (std::vector<std::string>{"Open", "Closed", "Empty"}));
    EXPECT_EQ(names(guest), (std::vector<std::string>{"Open"}));
    EXPECT_EQ(names(Actor::anonymous()), (std::vector<std::string>{"Open"}));
}

TEST(SpaceRequests, BadBodiesAre400sOn413sNamingTheField) {
    EXPECT_EQ(parse_new_space("{").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_space("[]").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_space("{}").error().field, "name");
    EXPECT_EQ(parse_new_space(R"({"name": 5})").error().field, "name");
    EXPECT_EQ(parse_new_space(R"({"name": "   "})").error().field, "name");
    EXPECT_EQ(parse_new_space(R"({"name": ")" + std::string(201, 'x') + R"("})").error().code,
              Errc::too_large);
    EXPECT_EQ(parse_new_space("{\"name\": \"\xff\"}").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_space(R"({"name": "a", "before_id": 1, "after_id": 2})").error().field,
              "before_id");
    EXPECT_EQ(parse_new_space(R"({"name": "a", "after_id": -1})").error().field, "after_id");
    EXPECT_EQ(parse_space_patch(R"({"name": null})").error().field, "name");
    auto ok = parse_new_space(R"({"name": "  Neonatology ", "after_id": 3})");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->name, "Neonatology");
    EXPECT_EQ(ok->anchor->id, 3);
}

}  // namespace village::boards
