// Boards: creation, the scoped listing, settings, archive/restore, deletion, members, activity.
#include "boards/boards.hpp"

#include <gtest/gtest.h>

#include "boards/permissions_testing.hpp"
#include "support/test_database.hpp"

namespace village::boards {

namespace {

class Boards : public ::testing::Test {
  protected:
    std::unique_ptr<store::Database> database = village::testing::memory_database();
    store::Db db{*database};
    Actor admin = testing::add_member(db, Role::admin, "admin");
    Actor trainer = testing::add_member(db, Role::trainer, "trainer");
    Actor trainee = testing::add_member(db, Role::trainee, "trainee");
    Actor guest = testing::add_member(db, Role::guest, "guest");

    Board make(std::string const& name, std::optional<Visibility> visibility = std::nullopt,
               Actor const* by = nullptr) {
        NewBoard in;
        in.name = name;
        in.visibility = visibility;
        auto board = create_board(db, by ? *by : trainer, in);
        EXPECT_TRUE(board) << (board ? "" : board.error().message);
        return *board;
    }
    std::vector<std::string> listed(Actor const& who) {
        std::vector<std::string> out;
        auto listing = list_boards(db, who);
        for (auto const& s : listing.spaces) {
            for (auto const& b : s.boards) out.push_back(s.space.name + "/" + b.name);
        }
        for (auto const& b : listing.without_space) out.push_back(b.name);
        return out;
    }
    std::int64_t version(BoardId id) { return load_board(db, id)->version; }
    BoardPatch archive(bool on) {
        BoardPatch p;
        p.archived = on;
        return p;
    }
};

}  // namespace

TEST_F(Boards, CreatorBecomesAdminAndVisibilityDefaultsBySpace) {
    auto personal = make("My notes");
    EXPECT_EQ(personal.visibility, Visibility::private_);
    EXPECT_EQ(personal.my_role, BoardRole::admin);
    auto members = list_board_members(db, trainer, personal.id);
    ASSERT_TRUE(members);
    ASSERT_EQ(members->size(), 1u);
    EXPECT_EQ((*members)[0].id, trainer.id);
    EXPECT_EQ((*members)[0].role, BoardRole::admin);

    auto space = create_space(db, admin, NewSpace{"Neonatology"});
    NewBoard in;
    in.name = "Neonatal teaching";
    in.space = space->id;
    auto in_space = create_board(db, trainee, in);
    ASSERT_TRUE(in_space);
    EXPECT_EQ(in_space->visibility, Visibility::community);
    EXPECT_EQ(in_space->space, space->id);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM activity WHERE type = 'board.created' AND "
                           "board_id = $1",
                           in_space->id)
                  ->i64(0),
              1);
}

TEST_F(Boards, GuestsAndVisitorsCannotCreateAndBadReferencesWriteNothing) {
    NewBoard in;
    in.name = "x";
    EXPECT_EQ(create_board(db, guest, in).error().code, Errc::forbidden);
    EXPECT_EQ(create_board(db, Actor::anonymous(), in).error().code, Errc::unauthorized);
    in.space = SpaceId{77};
    auto no_space = create_board(db, trainer, in);
    EXPECT_EQ(no_space.error().code, Errc::unprocessable);
    EXPECT_EQ(no_space.error().field, "space_id");
    in.space.reset();
    in.groups = {GroupId{88}};
    EXPECT_EQ(create_board(db, trainer, in).error().field, "group_ids");
    EXPECT_EQ(testing::count_rows(db, "boards"), 0);
    EXPECT_EQ(testing::count_rows(db, "board_members"), 0);
    EXPECT_EQ(testing::count_rows(db, "activity"), 0);
}

TEST_F(Boards, ListingShowsExactlyTheBoardsEachMaySeeWithTheirRole) {
    auto group = testing::add_group(db, "Reps");
    testing::join_group(db, group, guest.id);
    auto space = create_space(db, admin, NewSpace{"Deanery"});

    NewBoard pub;
    pub.name = "Public";
    pub.visibility = Visibility::public_;
    pub.space = space->id;
    ASSERT_TRUE(create_board(db, trainer, pub));
    make("Community", Visibility::community);
    NewBoard reps;
    reps.name = "Reps";
    reps.visibility = Visibility::groups;
    reps.groups = {group};
    ASSERT_TRUE(create_board(db, trainer, reps));
    make("Groups nobody is in", Visibility::groups);
    auto priv = make("Private");
    make("Another private", std::nullopt, &trainee);

    EXPECT_EQ(listed(Actor::anonymous()), (std::vector<std::string>{"Deanery/Public"}));
    EXPECT_EQ(listed(guest), (std::vector<std::string>{"Deanery/Public", "Reps"}));
    EXPECT_EQ(listed(trainee),
              (std::vector<std::string>{"Deanery/Public", "Another private", "Community"}));
    EXPECT_EQ(listed(trainer),
              (std::vector<std::string>{"Deanery/Public", "Community", "Groups nobody is in",
                                        "Private", "Reps"}));
    EXPECT_EQ(listed(admin).size(), 6u);

    ASSERT_TRUE(set_board_member(db, trainer, priv.id, guest.id, BoardRole::viewer));
    auto listing = list_boards(db, guest);
    ASSERT_EQ(listing.without_space.size(), 2u);
    EXPECT_EQ(listing.without_space[0].name, "Private");
    EXPECT_EQ(listing.without_space[0].my_role, BoardRole::viewer);
    EXPECT_EQ(listing.without_space[1].my_role, BoardRole::member);     // the Reps group
    EXPECT_EQ(listing.spaces[0].boards[0].my_role, BoardRole::viewer);  // public, as a guest
}

TEST_F(Boards, ListingCountsOpenCardsInOpenLists) {
    auto board = make("Counted", Visibility::community);
    auto tx = db.begin();
    auto open = tx.query_one(
                      "INSERT INTO lists (board_id, name, position, created_at, updated_at) "
                      "VALUES ($1, 'open', 'a', 0, 0) RETURNING id",
                      board.id)
                    ->i64(0);
    auto closed = tx.query_one(
                        "INSERT INTO lists (board_id, name, position, created_at, updated_at, "
                        "archived_at) VALUES ($1, 'closed', 'b', 0, 0, 1) RETURNING id",
                        board.id)
                      ->i64(0);
    for (auto [list, archived] : {std::pair{open, false}, std::pair{open, false},
                                  std::pair{open, true}, std::pair{closed, false}}) {
        tx.exec(
            "INSERT INTO cards (board_id, list_id, title, position, created_at, updated_at, "
            "archived_at) VALUES ($1, $2, 't', 'a', 0, 0, $3)",
            board.id, list, archived ? std::optional<std::int64_t>(1) : std::nullopt);
    }
    tx.commit();
    auto listing = list_boards(db, trainee);
    ASSERT_EQ(listing.without_space.size(), 1u);
    EXPECT_EQ(listing.without_space[0].card_count, 2);
}

TEST_F(Boards, OnlyBoardAdminsChangeSettingsAndEveryChangeBumpsTheVersion) {
    auto board = make("Teaching", Visibility::community);
    BoardPatch rename;
    rename.name = "Regional teaching";
    EXPECT_EQ(update_board(db, trainee, board.id, rename).error().code, Errc::forbidden);
    EXPECT_EQ(update_board(db, guest, board.id, rename).error().code, Errc::not_found);
    EXPECT_EQ(update_board(db, Actor::anonymous(), board.id, rename).error().code,
              Errc::unauthorized);
    auto const before = version(board.id);
    auto updated = update_board(db, trainer, board.id, rename);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->name, "Regional teaching");
    EXPECT_GT(updated->version, before);
    auto by_admin = update_board(db, admin, board.id, rename);  // no change: nothing recorded
    ASSERT_TRUE(by_admin);
    EXPECT_EQ(by_admin->my_role, BoardRole::admin);
    EXPECT_EQ(version(board.id), updated->version);
}

TEST_F(Boards, SettingsChangeVisibilityGroupsSpaceAndComments) {
    auto group = testing::add_group(db, "ST1-3");
    testing::join_group(db, group, trainee.id);
    auto space = create_space(db, admin, NewSpace{"Deanery"});
    auto board = make("Notices");
    BoardPatch patch;
    patch.visibility = Visibility::groups;
    patch.groups = std::vector<GroupId>{group, group};
    patch.space = json::Patch<std::int64_t>{true, space->id.value};
    patch.default_role = BoardRole::viewer;
    patch.comments_enabled = false;
    patch.description = "From the deanery";
    auto updated = update_board(db, trainer, board.id, patch);
    ASSERT_TRUE(updated) << updated.error().message;
    EXPECT_EQ(updated->groups, std::vector<GroupId>{group});
    EXPECT_EQ(updated->space, space->id);
    EXPECT_FALSE(updated->comments_enabled);
    EXPECT_EQ(load_access(db, trainee, board.id)->role, BoardRole::viewer);

    BoardPatch out_of_space;
    out_of_space.space = json::Patch<std::int64_t>{true, std::nullopt};
    out_of_space.groups = std::vector<GroupId>{};
    ASSERT_TRUE(update_board(db, trainer, board.id, out_of_space));
    EXPECT_FALSE(load_board(db, board.id)->space);
    EXPECT_FALSE(load_access(db, trainee, board.id));

    BoardPatch bad;
    bad.groups = std::vector<GroupId>{GroupId{999}};
    EXPECT_EQ(update_board(db, trainer, board.id, bad).error().field, "group_ids");
}

TEST_F(Boards, ArchivedBoardsRefuseWritesButStayReadableAndCanBeRestored) {
    auto board = make("Old rota", Visibility::community);
    auto archived = update_board(db, trainer, board.id, archive(true));
    ASSERT_TRUE(archived);
    EXPECT_TRUE(archived->archived_at);
    EXPECT_TRUE(get_board(db, trainee, board.id));

    BoardPatch rename;
    rename.name = "New name";
    EXPECT_EQ(update_board(db, trainer, board.id, rename).error().code, Errc::unprocessable);
    EXPECT_EQ(set_board_member(db, trainer, board.id, trainee.id, BoardRole::editor).error().code,
              Errc::unprocessable);
    EXPECT_EQ(update_board(db, trainee, board.id, archive(false)).error().code, Errc::forbidden);

    auto restore = archive(false);
    restore.name = "Rota";
    auto restored = update_board(db, trainer, board.id, restore);
    ASSERT_TRUE(restored);
    EXPECT_FALSE(restored->archived_at);
    EXPECT_EQ(restored->name, "Rota");
    auto types = db.query("SELECT type FROM activity WHERE board_id = $1 ORDER BY id", board.id);
    std::vector<std::string> seen;
    for (auto const& row : types) seen.push_back(row.text(0));
    EXPECT_EQ(seen, (std::vector<std::string>{"board.created", "board.archived", "board.restored",
                                              "board.updated"}));
}

TEST_F(Boards, DeletingRemovesTheBoardAndEverythingOnIt) {
    auto board = make("Scratch", Visibility::community);
    {
        auto tx = db.begin();
        auto list = tx.query_one(
                          "INSERT INTO lists (board_id, name, position, created_at, "
                          "updated_at) VALUES ($1, 'l', 'a', 0, 0) RETURNING id",
                          board.id)
                        ->i64(0);
        tx.exec(
            "INSERT INTO cards (board_id, list_id, title, position, created_at, updated_at) "
            "VALUES ($1, $2, 't', 'a', 0, 0)",
            board.id, list);
        tx.commit();
    }
    EXPECT_EQ(delete_board(db, trainee, board.id).error().code, Errc::forbidden);
    ASSERT_TRUE(update_board(db, trainer, board.id, archive(true)));
    ASSERT_TRUE(delete_board(db, trainer, board.id));
    EXPECT_EQ(testing::count_rows(db, "boards"), 0);
    EXPECT_EQ(testing::count_rows(db, "lists"), 0);
    EXPECT_EQ(testing::count_rows(db, "cards"), 0);
    EXPECT_EQ(testing::count_rows(db, "board_members"), 0);
    EXPECT_EQ(delete_board(db, trainer, board.id).error().code, Errc::not_found);
}

TEST_F(Boards, ABoardAlwaysKeepsAnAdmin) {
    auto board = make("Mine");
    auto demote = set_board_member(db, trainer, board.id, trainer.id, BoardRole::editor);
    EXPECT_EQ(demote.error().code, Errc::unprocessable);
    EXPECT_EQ(remove_board_member(db, trainer, board.id, trainer.id).error().code,
              Errc::unprocessable);
    EXPECT_EQ(load_access(db, trainer, board.id)->role, BoardRole::admin);

    auto added = set_board_member(db, trainer, board.id, trainee.id, BoardRole::admin);
    ASSERT_TRUE(added);
    EXPECT_EQ(added->display_name, "trainee");
    ASSERT_TRUE(set_board_member(db, trainee, board.id, trainer.id, BoardRole::viewer));
    EXPECT_EQ(load_access(db, trainer, board.id)->role, BoardRole::viewer);
    EXPECT_EQ(remove_board_member(db, trainer, board.id, trainee.id).error().code, Errc::forbidden);
    ASSERT_TRUE(remove_board_member(db, trainee, board.id, trainer.id));
    EXPECT_FALSE(load_access(db, trainer, board.id));
    EXPECT_EQ(remove_board_member(db, trainee, board.id, trainer.id).error().code, Errc::not_found);
    EXPECT_EQ(
        set_board_member(db, trainee, board.id, MemberId{999}, BoardRole::viewer).error().code,
        Errc::not_found);
}

TEST_F(Boards, ActivityPagesNewestFirstForReadersOnly) {
    auto board = make("Busy", Visibility::community);
    for (int i = 0; i < 5; ++i) {
        BoardPatch p;
        p.name = "Busy " + std::to_string(i);
        ASSERT_TRUE(update_board(db, trainer, board.id, p));
    }
    auto first = board_activity(db, trainee, board.id, 0, 4);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->entries.size(), 4u);
    EXPECT_EQ(first->entries[0].data.at("name").as_string(), "Busy 4");
    ASSERT_TRUE(first->next_before);
    auto second = board_activity(db, trainee, board.id, *first->next_before, 4);
    ASSERT_EQ(second->entries.size(), 2u);
    EXPECT_EQ(second->entries[1].type, "board.created");
    EXPECT_FALSE(second->next_before);
    EXPECT_EQ(board_activity(db, guest, board.id, 0, 4).error().code, Errc::not_found);
}

TEST(BoardRequests, BadBodiesAre400sOr413sNamingTheField) {
    EXPECT_EQ(parse_new_board("not json").error().code, Errc::bad_request);
    EXPECT_EQ(parse_new_board("{}").error().field, "name");
    EXPECT_EQ(parse_new_board(R"({"name": ")" + std::string(513, 'x') + R"("})").error().code,
              Errc::too_large);
    EXPECT_EQ(parse_new_board(R"({"name": "b", "visibility": "secret"})").error().field,
              "visibility");
    EXPECT_EQ(parse_new_board(R"({"name": "b", "visibility": 1})").error().field, "visibility");
    EXPECT_EQ(parse_new_board(R"({"name": "b", "default_role": "admin"})").error().field,
              "default_role");
    EXPECT_EQ(parse_new_board(R"({"name": "b", "comments_enabled": "yes"})").error().field,
              "comments_enabled");
    EXPECT_EQ(parse_new_board(R"({"name": "b", "group_ids": [1, "2"]})").error().field,
              "group_ids");
    EXPECT_EQ(parse_new_board(R"({"name": "b", "space_id": 1e400})").error().code,
              Errc::bad_request);
    EXPECT_EQ(parse_new_board(R"({"name": "b", "space_id": 99999999999999999999})").error().field,
              "space_id");
    EXPECT_EQ(parse_board_patch(R"({"archived": "no"})").error().field, "archived");
    EXPECT_EQ(parse_board_patch(R"({"name": ""})").error().field, "name");
    EXPECT_EQ(parse_member_role(R"({"role": "owner"})").error().field, "role");
    EXPECT_EQ(parse_member_role(R"({})").error().field, "role");
    auto patch = parse_board_patch(R"({"space_id": null, "archived": false})");
    ASSERT_TRUE(patch);
    EXPECT_TRUE(patch->space.clears());
    EXPECT_EQ(patch->archived, false);
}

}  // namespace village::boards
