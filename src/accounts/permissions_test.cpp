#include "accounts/permissions.hpp"

#include <gtest/gtest.h>

namespace village::accounts {

namespace {
Actor as(Role role, std::int64_t id = 7) {
    return Actor{MemberId{id}, role, "someone"};
}
}  // namespace

TEST(AccountsPermissions, DirectoryAndGroupsAreForSignedInNonGuests) {
    EXPECT_FALSE(can_read_directory(Actor::anonymous()));
    EXPECT_FALSE(can_read_directory(as(Role::guest)));
    for (auto role : {Role::trainee, Role::trainer, Role::admin}) {
        EXPECT_TRUE(can_read_directory(as(role)));
        EXPECT_TRUE(can_read_groups(as(role)));
    }
    EXPECT_EQ(require_directory(Actor::anonymous()).error().code, Errc::unauthorized);
    EXPECT_EQ(require_directory(as(Role::guest)).error().code, Errc::forbidden);
}

TEST(AccountsPermissions, OnlyAdminsManageMembersAndGroups) {
    for (auto role : {Role::guest, Role::trainee, Role::trainer}) {
        EXPECT_FALSE(can_manage_members(as(role)));
        EXPECT_FALSE(can_manage_groups(as(role)));
        EXPECT_EQ(require_admin(as(role)).error().code, Errc::forbidden);
    }
    EXPECT_TRUE(can_manage_members(as(Role::admin)));
    EXPECT_TRUE(require_admin(as(Role::admin)));
    // An anonymous actor with the admin role (id 0) is still anonymous.
    EXPECT_FALSE(can_manage_members(Actor{MemberId{}, Role::admin, ""}));
    EXPECT_EQ(require_admin(Actor::anonymous()).error().code, Errc::unauthorized);
}

TEST(AccountsPermissions, OnlyOneselfAndAdminsSeeTheFullRecord) {
    EXPECT_EQ(view_of(as(Role::trainee, 7), MemberId{7}), MemberView::full);
    EXPECT_EQ(view_of(as(Role::trainee, 7), MemberId{8}), MemberView::directory);
    EXPECT_EQ(view_of(as(Role::guest, 7), MemberId{8}), MemberView::directory);
    EXPECT_EQ(view_of(as(Role::admin, 7), MemberId{8}), MemberView::full);
    EXPECT_EQ(view_of(Actor::anonymous(), MemberId{8}), MemberView::directory);
}

}  // namespace village::accounts
