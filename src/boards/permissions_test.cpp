// Board roles: decide_role for every community role × visibility × explicit role, and the
// facts load_access reads from the database.
#include "boards/permissions.hpp"

#include <gtest/gtest.h>

#include <array>

#include "boards/permissions_testing.hpp"
#include "support/test_database.hpp"

namespace village::boards {

namespace {

using R = BoardRole;

enum class Who { anonymous, admin, trainer, trainee, guest };
// groups_in: a `groups` board and the actor is in one of its groups; groups_out: is not.
enum class Vis { public_, community, groups_in, groups_out, private_ };

constexpr std::array kWho{Who::anonymous, Who::admin, Who::trainer, Who::trainee, Who::guest};
constexpr std::array kVis{Vis::public_, Vis::community, Vis::groups_in, Vis::groups_out,
                          Vis::private_};

Actor actor_of(Who who) {
    switch (who) {
        case Who::anonymous:
            return Actor::anonymous();
        case Who::admin:
            return Actor{MemberId{1}, Role::admin, "A"};
        case Who::trainer:
            return Actor{MemberId{2}, Role::trainer, "B"};
        case Who::trainee:
            return Actor{MemberId{3}, Role::trainee, "C"};
        case Who::guest:
            return Actor{MemberId{4}, Role::guest, "D"};
    }
    return Actor::anonymous();
}

AccessFacts facts_of(Vis vis, R default_role, std::optional<R> explicit_role) {
    AccessFacts f;
    f.default_role = default_role;
    f.explicit_role = explicit_role;
    switch (vis) {
        case Vis::public_:
            f.visibility = Visibility::public_;
            break;
        case Vis::community:
            f.visibility = Visibility::community;
            break;
        case Vis::groups_in:
            f.visibility = Visibility::groups;
            f.in_board_group = true;
            break;
        case Vis::groups_out:
            f.visibility = Visibility::groups;
            break;
        case Vis::private_:
            f.visibility = Visibility::private_;
            break;
    }
    return f;
}

// The role with no explicit board role, written out by hand from DESIGN.md. "D" stands for the
// board's default role.
//                         public      community  groups_in  groups_out private
constexpr char const* kNoExplicit[5][5] = {
    /* anonymous */ {"reader", "none", "none", "none", "none"},
    /* admin     */ {"admin", "admin", "admin", "admin", "admin"},
    /* trainer   */ {"D", "D", "D", "none", "none"},
    /* trainee   */ {"D", "D", "D", "none", "none"},
    /* guest     */ {"viewer", "none", "D", "none", "none"},
};

R expected_without_explicit(Who who, Vis vis, R default_role) {
    std::string_view const cell = kNoExplicit[static_cast<int>(who)][static_cast<int>(vis)];
    if (cell == "D") return default_role;
    if (cell == "reader") return R::reader;
    if (cell == "none") return R::none;
    return *parse_board_role(cell);
}

}  // namespace

TEST(DecideRole, EveryCommunityRoleVisibilityAndExplicitRole) {
    std::array<std::optional<R>, 5> const explicit_roles{std::nullopt, R::viewer, R::member,
                                                         R::editor, R::admin};
    for (auto who : kWho) {
        for (auto vis : kVis) {
            for (auto default_role : {R::member, R::viewer}) {
                for (auto explicit_role : explicit_roles) {
                    R expected = expected_without_explicit(who, vis, default_role);
                    // An explicit role replaces whatever the visibility gave, up or down; a
                    // community admin stays admin and an anonymous visitor has no board roles.
                    if (explicit_role && who != Who::anonymous && who != Who::admin) {
                        expected = *explicit_role;
                    }
                    auto const got =
                        decide_role(actor_of(who), facts_of(vis, default_role, explicit_role));
                    EXPECT_EQ(got, expected)
                        << "who=" << static_cast<int>(who) << " vis=" << static_cast<int>(vis)
                        << " default=" << board_role_name(default_role) << " explicit="
                        << (explicit_role ? board_role_name(*explicit_role) : "none")
                        << " got=" << board_role_name(got);
                }
            }
        }
    }
}

TEST(DecideRole, ExplicitViewerOnACommunityBoardLowersTheDefault) {
    auto const got =
        decide_role(actor_of(Who::trainee), facts_of(Vis::community, R::member, R::viewer));
    EXPECT_EQ(got, R::viewer);
}

TEST(RoleAbilities, EachRoleMayDoWhatTheOnesBelowMay) {
    auto access = [](R role, bool comments = true) {
        return BoardAccess{BoardId{1}, role, comments, false};
    };
    EXPECT_FALSE(can_read(access(R::none)));
    EXPECT_TRUE(can_read(access(R::reader)));
    EXPECT_FALSE(can_react(access(R::reader)));
    EXPECT_FALSE(can_comment(access(R::reader)));
    EXPECT_TRUE(can_comment(access(R::viewer)));
    EXPECT_FALSE(can_comment(access(R::editor, false)));
    EXPECT_TRUE(can_comment(access(R::admin, false)));
    EXPECT_FALSE(can_add_cards(access(R::viewer)));
    EXPECT_TRUE(can_add_cards(access(R::member)));
    EXPECT_FALSE(can_edit_lists(access(R::member)));
    EXPECT_TRUE(can_edit_lists(access(R::editor)));
    EXPECT_FALSE(can_manage_board(access(R::editor)));
    EXPECT_TRUE(can_manage_board(access(R::admin)));
}

TEST(RoleNames, RoundTripAndRejectTheInternalOnes) {
    for (auto role : {R::viewer, R::member, R::editor, R::admin}) {
        EXPECT_EQ(parse_board_role(board_role_name(role)), role);
    }
    EXPECT_FALSE(parse_board_role("reader"));
    EXPECT_FALSE(parse_board_role("none"));
    EXPECT_FALSE(parse_board_role("Admin"));
    for (auto v :
         {Visibility::public_, Visibility::community, Visibility::groups, Visibility::private_}) {
        EXPECT_EQ(parse_visibility(visibility_name(v)), v);
    }
    EXPECT_FALSE(parse_visibility("secret"));
}

// --- load_access and require_* on a real database ------------------------------------------------

class LoadAccess : public ::testing::Test {
  protected:
    std::unique_ptr<store::Database> database = village::testing::memory_database();
    store::Db db{*database};
    Actor trainee = testing::add_member(db, Role::trainee, "trainee");
    Actor guest = testing::add_member(db, Role::guest, "guest");

    BoardId add_board(std::string const& visibility, std::string const& default_role = "member",
                      bool archived = false) {
        auto tx = db.begin();
        auto row = tx.query_one(
            "INSERT INTO boards (name, visibility, default_role, created_at, updated_at, "
            "archived_at) VALUES ('b', $1, $2, 7, 7, $3) RETURNING id",
            visibility, default_role, archived ? std::optional<std::int64_t>(9) : std::nullopt);
        tx.commit();
        return BoardId{row->i64(0)};
    }
    void grant(BoardId board, Actor const& who, std::string const& role) {
        auto tx = db.begin();
        tx.exec("INSERT INTO board_members (board_id, member_id, role) VALUES ($1, $2, $3)", board,
                who.id, role);
        tx.commit();
    }
};

TEST_F(LoadAccess, ReadsVisibilityDefaultRoleGroupsAndExplicitRoles) {
    auto community = add_board("community", "viewer");
    EXPECT_EQ(load_access(db, trainee, community)->role, R::viewer);
    EXPECT_FALSE(load_access(db, guest, community));

    auto groups = add_board("groups");
    EXPECT_FALSE(load_access(db, trainee, groups));
    auto group = testing::add_group(db, "ST1-3");
    testing::join_group(db, group, trainee.id);
    {
        auto tx = db.begin();
        tx.exec("INSERT INTO board_groups (board_id, group_id) VALUES ($1, $2)", groups, group);
        tx.commit();
    }
    EXPECT_EQ(load_access(db, trainee, groups)->role, R::member);

    auto priv = add_board("private");
    EXPECT_FALSE(load_access(db, trainee, priv));
    grant(priv, guest, "editor");
    EXPECT_EQ(load_access(db, guest, priv)->role, R::editor);

    auto pub = add_board("public");
    EXPECT_EQ(load_access(db, Actor::anonymous(), pub)->role, R::reader);
    EXPECT_FALSE(load_access(db, Actor::anonymous(), priv));
    EXPECT_FALSE(load_access(db, trainee, BoardId{9999}));
}

TEST_F(LoadAccess, CarriesVersionCreationTimeAndArchivedFlag) {
    auto board = add_board("community", "member", true);
    auto access = load_access(db, trainee, board);
    ASSERT_TRUE(access);
    EXPECT_EQ(access->version, 1);
    EXPECT_EQ(access->created_at, 7);
    EXPECT_TRUE(access->archived);
}

TEST_F(LoadAccess, RequireWriteAnswers401Then404Then403Then422) {
    auto priv = add_board("private");
    auto community = add_board("community", "viewer");
    auto archived = add_board("community", "member", true);

    auto anon = require_write(db, Actor::anonymous(), community, can_add_cards);
    EXPECT_EQ(anon.error().code, Errc::unauthorized);
    auto hidden = require_write(db, trainee, priv, can_add_cards, "List not found");
    EXPECT_EQ(hidden.error().code, Errc::not_found);
    EXPECT_EQ(hidden.error().message, "List not found");
    auto missing = require_write(db, trainee, BoardId{4242}, can_add_cards, "List not found");
    EXPECT_EQ(missing.error().message, hidden.error().message);
    auto viewer = require_write(db, trainee, community, can_add_cards);
    EXPECT_EQ(viewer.error().code, Errc::forbidden);
    auto on_archived = require_write(db, trainee, archived, can_add_cards);
    EXPECT_EQ(on_archived.error().code, Errc::unprocessable);
    EXPECT_TRUE(require_write(db, trainee, archived, can_add_cards, "Board not found", true));
    EXPECT_TRUE(require_read(db, trainee, archived));
}

}  // namespace village::boards
