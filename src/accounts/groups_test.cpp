#include "accounts/groups.hpp"

#include <gtest/gtest.h>

#include "support/people.hpp"
#include "support/test_database.hpp"

namespace village::accounts {

namespace {

class GroupsTest : public ::testing::Test {
  protected:
    GroupsTest()
        : database(testing::memory_database()),
          admin{testing::create_member(*database, "admin@example.org", Role::admin), Role::admin,
                "admin"},
          trainer{testing::create_member(*database, "trainer@example.org", Role::trainer),
                  Role::trainer, "trainer"},
          trainee{testing::create_member(*database, "trainee@example.org", Role::trainee),
                  Role::trainee, "trainee"},
          guest{testing::create_member(*database, "guest@example.org", Role::guest), Role::guest,
                "guest"},
          db(*database) {}

    std::int64_t count(std::string const& sql) { return db.query_one(sql)->i64(0); }

    std::unique_ptr<store::Database> database;
    Actor admin, trainer, trainee, guest;
    store::Db db;
};

}  // namespace

TEST_F(GroupsTest, AdminsCreateGroupsWithNamesUniqueInAnyCase) {
    auto made = groups::create(db, admin, {"  ST1–3 ", "Early years trainees"});
    ASSERT_TRUE(made) << made.error().message;
    EXPECT_EQ(made->group.name, "ST1–3");
    EXPECT_EQ(made->group.member_count, 0);
    auto clash = groups::create(db, admin, {"st1–3", ""});
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, Errc::conflict);
    EXPECT_EQ(clash.error().field, "name");
    EXPECT_EQ(count("SELECT COUNT(*) FROM groups"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE type = 'group.created'"), 1);
}

TEST_F(GroupsTest, NonGuestsReadAndOnlyAdminsWrite) {
    auto made = groups::create(db, admin, {"Reps", ""});
    ASSERT_TRUE(made);
    auto const id = made->group.id;
    EXPECT_EQ(groups::list(db, Actor::anonymous(), {}).error().code, Errc::unauthorized);
    EXPECT_EQ(groups::list(db, guest, {}).error().code, Errc::forbidden);
    EXPECT_EQ(groups::get(db, guest, id).error().code, Errc::forbidden);
    for (auto const& reader : {trainer, trainee, admin}) {
        EXPECT_EQ(groups::list(db, reader, {})->items.size(), 1u);
        EXPECT_TRUE(groups::get(db, reader, id));
    }
    for (auto const& actor : {trainer, trainee, guest}) {
        EXPECT_EQ(groups::create(db, actor, {"Mine", ""}).error().code, Errc::forbidden);
        EXPECT_EQ(groups::update(db, actor, id, {.name = "Renamed"}).error().code, Errc::forbidden);
        EXPECT_EQ(groups::add_member(db, actor, id, trainee.id).error().code, Errc::forbidden);
        EXPECT_EQ(groups::remove(db, actor, id).error().code, Errc::forbidden);
    }
    EXPECT_EQ(groups::remove(db, Actor::anonymous(), id).error().code, Errc::unauthorized);
    EXPECT_EQ(count("SELECT COUNT(*) FROM groups"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM group_members"), 0);
}

TEST_F(GroupsTest, MembershipIsIdempotentAndRecordedOncePerChange) {
    auto id = groups::create(db, admin, {"Neonatal interest", ""})->group.id;
    ASSERT_TRUE(groups::add_member(db, admin, id, trainee.id));
    ASSERT_TRUE(groups::add_member(db, admin, id, trainee.id));
    ASSERT_TRUE(groups::add_member(db, admin, id, trainer.id));
    auto detail = groups::get(db, trainee, id);
    ASSERT_TRUE(detail);
    EXPECT_EQ(detail->group.member_count, 2);
    ASSERT_EQ(detail->members.size(), 2u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE type = 'group.member_added'"), 2);

    EXPECT_EQ(groups::add_member(db, admin, id, MemberId{999}).error().code, Errc::not_found);
    EXPECT_EQ(groups::add_member(db, admin, GroupId{999}, trainee.id).error().code,
              Errc::not_found);

    ASSERT_TRUE(groups::remove_member(db, admin, id, trainee.id));
    ASSERT_TRUE(groups::remove_member(db, admin, id, trainee.id));
    EXPECT_EQ(groups::get(db, admin, id)->group.member_count, 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM activity WHERE type = 'group.member_removed'"), 1);
}

TEST_F(GroupsTest, RenamingChecksTheNameAndDeletingRemovesMemberships) {
    auto a = groups::create(db, admin, {"Trainers", ""})->group.id;
    auto b = groups::create(db, admin, {"Reps", ""})->group.id;
    ASSERT_TRUE(groups::add_member(db, admin, b, trainee.id));
    auto clash = groups::update(db, admin, b, {.name = "TRAINERS"});
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, Errc::conflict);
    auto renamed = groups::update(db, admin, b, {.description = "Trainee representatives"});
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->group.name, "Reps");
    EXPECT_EQ(renamed->group.description, "Trainee representatives");
    EXPECT_EQ(groups::update(db, admin, b, {.name = ""}).error().field, "name");

    ASSERT_TRUE(groups::remove(db, admin, b));
    EXPECT_EQ(groups::get(db, admin, b).error().code, Errc::not_found);
    EXPECT_EQ(count("SELECT COUNT(*) FROM group_members"), 0);
    EXPECT_TRUE(groups::get(db, admin, a));
    EXPECT_EQ(groups::remove(db, admin, b).error().code, Errc::not_found);
}

TEST_F(GroupsTest, ListPagesNewestFirst) {
    for (auto name : {"A", "B", "C"}) ASSERT_TRUE(groups::create(db, admin, {name, ""}));
    auto first = groups::list(db, trainee, {0, 2});
    ASSERT_TRUE(first);
    ASSERT_EQ(first->items.size(), 2u);
    EXPECT_EQ(first->items[0].name, "C");
    ASSERT_TRUE(first->next_before);
    auto rest = groups::list(db, trainee, {*first->next_before, 2});
    ASSERT_EQ(rest->items.size(), 1u);
    EXPECT_EQ(rest->items[0].name, "A");
    EXPECT_FALSE(rest->next_before);
}

}  // namespace village::accounts
