#include "accounts/members.hpp"

#include <gtest/gtest.h>

#include "accounts/sessions.hpp"
#include "support/people.hpp"
#include "support/test_database.hpp"

namespace village::accounts {

namespace {

class MembersTest : public ::testing::Test {
  protected:
    // Everyone exists before the test's Db opens: an in-memory database has one connection.
    MembersTest()
        : database(testing::memory_database()),
          admin{testing::create_member(*database, "admin@example.org", Role::admin, "Ada Admin"),
                Role::admin, "Ada Admin"},
          trainer{testing::create_member(*database, "trainer@example.org", Role::trainer,
                                         "Tom Trainer"),
                  Role::trainer, "Tom Trainer"},
          trainee{testing::create_member(*database, "trainee@example.org", Role::trainee,
                                         "Tess Trainee"),
                  Role::trainee, "Tess Trainee"},
          guest{testing::create_member(*database, "guest@example.org", Role::guest, "Gil Guest"),
                Role::guest, "Gil Guest"},
          db(*database) {}

    std::int64_t count(std::string const& sql) { return db.query_one(sql)->i64(0); }
    std::int64_t activities(std::string const& type) {
        return db.query_one("SELECT COUNT(*) FROM activity WHERE type = $1", type)->i64(0);
    }

    std::unique_ptr<store::Database> database;
    Actor admin, trainer, trainee, guest;
    store::Db db;
};

NewMember someone(std::string email, Role role = Role::trainee) {
    NewMember in;
    in.email = std::move(email);
    in.display_name = "Someone New";
    in.role = role;
    return in;
}

}  // namespace

TEST_F(MembersTest, EmailIsKeptAsTypedButUniqueInAnyCase) {
    auto created = members::create(db, admin, someone("  Rosa.Lind@Example.ORG "));
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(created->email, "Rosa.Lind@Example.ORG");
    auto found = members::find_by_email(db, "rosa.lind@example.org");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, created->id);

    auto again = members::create(db, admin, someone("ROSA.LIND@example.org"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::conflict);
    EXPECT_EQ(again.error().field, "email");
    EXPECT_EQ(count("SELECT COUNT(*) FROM members WHERE email_key = 'rosa.lind@example.org'"), 1);
    EXPECT_EQ(activities("member.created"), 5);  // four from the fixture, one here
}

TEST_F(MembersTest, ValidationNamesTheFieldAtFault) {
    auto const check = [&](NewMember in, Errc code, std::string const& field) {
        auto out = members::create(db, admin, std::move(in));
        ASSERT_FALSE(out);
        EXPECT_EQ(out.error().code, code);
        EXPECT_EQ(out.error().field, field);
    };
    check(someone("not-an-email"), Errc::bad_request, "email");
    auto blank = someone("blank@example.org");
    blank.display_name = "   ";
    check(blank, Errc::bad_request, "display_name");
    auto long_name = someone("long@example.org");
    long_name.display_name = std::string(201, 'a');
    check(long_name, Errc::too_large, "display_name");
    auto bad_utf8 = someone("utf8@example.org");
    bad_utf8.site = "St Mary\xc3";
    check(bad_utf8, Errc::bad_request, "site");
    auto many = someone("many@example.org");
    many.interests.assign(31, "neonatology");
    check(many, Errc::too_large, "interests");
    auto weak = someone("weak@example.org");
    weak.password = "short";
    check(weak, Errc::unprocessable, "password");
    EXPECT_EQ(count("SELECT COUNT(*) FROM members"), 4);
}

TEST_F(MembersTest, ProfileTextsAreTrimmedAndInterestsDeduplicated) {
    auto in = someone("neo@example.org");
    in.grade = " ST4 ";
    in.site = "   ";
    in.interests = {"Neonatology", " Neonatology ", "", "Cardiology"};
    auto created = members::create(db, admin, in);
    ASSERT_TRUE(created);
    EXPECT_EQ(created->grade, "ST4");
    EXPECT_FALSE(created->site);
    EXPECT_EQ(created->interests, (std::vector<std::string>{"Neonatology", "Cardiology"}));
}

TEST_F(MembersTest, OnlyAdminsCreateMembers) {
    EXPECT_EQ(members::create(db, Actor::anonymous(), someone("a@example.org")).error().code,
              Errc::unauthorized);
    for (auto const& actor : {trainer, trainee, guest}) {
        EXPECT_EQ(members::create(db, actor, someone("a@example.org")).error().code,
                  Errc::forbidden);
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM members"), 4);
    EXPECT_TRUE(members::create(db, admin, someone("a@example.org")));
}

TEST_F(MembersTest, DirectoryIsForSignedInNonGuests) {
    EXPECT_EQ(members::list(db, Actor::anonymous(), {}).error().code, Errc::unauthorized);
    EXPECT_EQ(members::list(db, guest, {}).error().code, Errc::forbidden);
    auto page = members::list(db, trainee, {});
    ASSERT_TRUE(page);
    EXPECT_EQ(page->items.size(), 4u);
    // A guest may still read their own record, but nobody else's.
    EXPECT_TRUE(members::get(db, guest, guest.id));
    EXPECT_EQ(members::get(db, guest, trainee.id).error().code, Errc::forbidden);
    EXPECT_TRUE(members::get(db, trainee, trainer.id));
    EXPECT_EQ(members::get(db, trainee, MemberId{999}).error().code, Errc::not_found);
}

TEST_F(MembersTest, ListPagesNewestFirstAndFiltersByName) {
    auto first = members::list(db, trainee, MemberQuery{{0, 3}, {}});
    ASSERT_TRUE(first);
    ASSERT_EQ(first->items.size(), 3u);
    EXPECT_EQ(first->items[0].id, guest.id);
    ASSERT_TRUE(first->next_before);
    auto second = members::list(db, trainee, MemberQuery{{*first->next_before, 3}, {}});
    ASSERT_TRUE(second);
    ASSERT_EQ(second->items.size(), 1u);
    EXPECT_EQ(second->items[0].id, admin.id);
    EXPECT_FALSE(second->next_before);

    auto named = members::list(db, trainee, MemberQuery{{}, "TRAIN"});
    ASSERT_TRUE(named);
    EXPECT_EQ(named->items.size(), 2u);
    // LIKE's wildcards are taken literally.
    auto wild = members::list(db, trainee, MemberQuery{{}, "%"});
    ASSERT_TRUE(wild);
    EXPECT_TRUE(wild->items.empty());
}

TEST_F(MembersTest, DeactivatedMembersAreHiddenFromAllButAdmins) {
    auto done =
        members::update_by_admin(db, admin, trainer.id, AdminMemberPatch{.deactivated = true});
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_TRUE(done->deactivated());
    EXPECT_EQ(members::get(db, trainee, trainer.id).error().code, Errc::not_found);
    EXPECT_TRUE(members::get(db, admin, trainer.id));
    EXPECT_EQ(members::list(db, trainee, {})->items.size(), 3u);
    EXPECT_EQ(members::list(db, admin, {})->items.size(), 4u);
    EXPECT_EQ(activities("member.updated"), 1);
}

TEST_F(MembersTest, DeactivationEndsSessionsAndTokens) {
    auto signed_in =
        sessions::sign_in(db, {"trainer@example.org", testing::kPassword}, {}, 3'600'000);
    ASSERT_TRUE(signed_in.result);
    auto const token = signed_in.result->token;
    EXPECT_EQ(sessions::identify(db, std::nullopt, token).actor.id, trainer.id);
    ASSERT_TRUE(members::update_by_admin(db, admin, trainer.id, {.deactivated = true}));
    EXPECT_FALSE(sessions::identify(db, std::nullopt, token).actor.signed_in());
    // Reactivating does not bring the old session back.
    ASSERT_TRUE(members::update_by_admin(db, admin, trainer.id, {.deactivated = false}));
    EXPECT_FALSE(sessions::identify(db, std::nullopt, token).actor.signed_in());
}

TEST_F(MembersTest, TheCommunityKeepsOneActiveAdmin) {
    auto demote = members::update_by_admin(db, admin, admin.id, {.role = Role::trainee});
    ASSERT_FALSE(demote);
    EXPECT_EQ(demote.error().code, Errc::unprocessable);
    EXPECT_EQ(demote.error().field, "role");
    auto leave = members::update_by_admin(db, admin, admin.id, {.deactivated = true});
    ASSERT_FALSE(leave);
    EXPECT_EQ(leave.error().field, "deactivated");
    EXPECT_EQ(members::find(db, admin.id)->role, Role::admin);

    ASSERT_TRUE(members::update_by_admin(db, admin, trainer.id, {.role = Role::admin}));
    EXPECT_TRUE(members::update_by_admin(db, admin, admin.id, {.role = Role::trainee}));
}

TEST_F(MembersTest, OnlyAdminsChangeOthers) {
    for (auto const& actor : {trainer, trainee, guest}) {
        auto out = members::update_by_admin(db, actor, trainee.id, {.role = Role::admin});
        ASSERT_FALSE(out);
        EXPECT_EQ(out.error().code, Errc::forbidden);
    }
    EXPECT_EQ(members::find(db, trainee.id)->role, Role::trainee);
    EXPECT_EQ(activities("member.updated"), 0);
}

TEST_F(MembersTest, ProfileChangesRecordOnlyWhatChanged) {
    ProfilePatch patch;
    patch.display_name = "Tess T.";
    patch.grade = {true, "ST2"};
    patch.interests = std::vector<std::string>{"Oncology"};
    auto out = members::update_profile(db, trainee, patch, {}, "");
    ASSERT_TRUE(out.result) << out.result.error().message;
    EXPECT_EQ(out.result->display_name, "Tess T.");
    EXPECT_EQ(out.result->grade, "ST2");
    EXPECT_EQ(activities("member.updated"), 1);

    // Sending the same values again is not a change.
    ASSERT_TRUE(members::update_profile(db, trainee, patch, {}, "").result);
    EXPECT_EQ(activities("member.updated"), 1);

    ProfilePatch clear;
    clear.grade = {true, std::nullopt};
    auto cleared = members::update_profile(db, trainee, clear, {}, "");
    ASSERT_TRUE(cleared.result);
    EXPECT_FALSE(cleared.result->grade);
    EXPECT_EQ(cleared.result->display_name, "Tess T.");
}

TEST_F(MembersTest, PasswordChangeNeedsTheCurrentOneAndSignsOutOtherSessions) {
    auto const lifetime = 3'600'000;
    auto here = sessions::sign_in(db, {"trainee@example.org", testing::kPassword}, {}, lifetime);
    auto there = sessions::sign_in(db, {"trainee@example.org", testing::kPassword}, {}, lifetime);
    ASSERT_TRUE(here.result && there.result);

    ProfilePatch missing;
    missing.password = "a brand new password";
    auto no_current = members::update_profile(db, trainee, missing, here.result->session, "");
    ASSERT_FALSE(no_current.result);
    EXPECT_EQ(no_current.result.error().field, "current_password");

    ProfilePatch wrong = missing;
    wrong.current_password = "not my password";
    auto refused = members::update_profile(db, trainee, wrong, here.result->session, "");
    ASSERT_FALSE(refused.result);
    EXPECT_EQ(refused.result.error().code, Errc::forbidden);
    EXPECT_EQ(count("SELECT COUNT(*) FROM signin_failures"), 1);

    ProfilePatch right = missing;
    right.current_password = testing::kPassword;
    auto changed = members::update_profile(db, trainee, right, here.result->session, "");
    ASSERT_TRUE(changed.result) << changed.result.error().message;
    EXPECT_TRUE(sessions::identify(db, std::nullopt, here.result->token).actor.signed_in());
    EXPECT_FALSE(sessions::identify(db, std::nullopt, there.result->token).actor.signed_in());
    EXPECT_FALSE(
        sessions::sign_in(db, {"trainee@example.org", testing::kPassword}, {}, lifetime).result);
    EXPECT_TRUE(sessions::sign_in(db, {"trainee@example.org", "a brand new password"}, {}, lifetime)
                    .result);
}

TEST_F(MembersTest, GuessingTheCurrentPasswordIsRateLimited) {
    ProfilePatch wrong;
    wrong.password = "a brand new password";
    wrong.current_password = "guess guess guess";
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(members::update_profile(db, trainee, wrong, {}, "").result.error().code,
                  Errc::forbidden);
    }
    auto limited = members::update_profile(db, trainee, wrong, {}, "");
    ASSERT_FALSE(limited.result);
    EXPECT_EQ(limited.result.error().code, Errc::rate_limited);
    EXPECT_GT(limited.retry_after_seconds, 0);
}

TEST_F(MembersTest, OperatorCommandsSetRolesAndPasswords) {
    auto promoted = members::set_role_as_operator(db, "TRAINEE@example.org", Role::trainer);
    ASSERT_TRUE(promoted);
    EXPECT_EQ(promoted->role, Role::trainer);
    EXPECT_EQ(members::set_role_as_operator(db, "nobody@example.org", Role::admin).error().code,
              Errc::not_found);
    EXPECT_EQ(members::set_role_as_operator(db, "admin@example.org", Role::guest).error().code,
              Errc::unprocessable);

    EXPECT_EQ(members::set_password_as_operator(db, "guest@example.org", "short").error().code,
              Errc::unprocessable);
    ASSERT_TRUE(members::set_password_as_operator(db, "guest@example.org", "guest password 2"));
    EXPECT_TRUE(sessions::sign_in(db, {"guest@example.org", "guest password 2"}, {}, 1000).result);
}

}  // namespace village::accounts
