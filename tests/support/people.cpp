// Members for tests; see people.hpp.
#include "support/people.hpp"

#include "accounts/members.hpp"
#include "accounts/passwords.hpp"

namespace village::testing {

std::string const& password_hash() {
    static std::string const hash = accounts::passwords::hash(kPassword);
    return hash;
}

MemberId create_member(store::Database& database, std::string email, Role role, std::string name) {
    if (name.empty()) name = email.substr(0, email.find('@'));
    accounts::NewMember in;
    in.email = std::move(email);
    in.display_name = std::move(name);
    in.role = role;
    store::Db db(database);
    auto member = accounts::members::create_with_password_hash(db, std::move(in), password_hash());
    if (!member) {
        throw std::runtime_error("create_member: " + member.error().message + " (" +
                                 member.error().field + ")");
    }
    return member->id;
}

Community create_community(store::Database& database) {
    return Community{create_member(database, "admin@example.org", Role::admin, "Ada Admin"),
                     create_member(database, "trainer@example.org", Role::trainer, "Tom Trainer"),
                     create_member(database, "trainee@example.org", Role::trainee, "Tess Trainee"),
                     create_member(database, "guest@example.org", Role::guest, "Gil Guest")};
}

}  // namespace village::testing
