// Unit-test helpers for the boards module: members, groups and boards inserted with plain SQL,
// so a service test does not depend on the accounts module.
#pragma once

#include <string>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "store/database.hpp"

namespace village::boards::testing {

inline Actor add_member(store::Db& db, Role role, std::string const& name) {
    auto tx = db.begin();
    auto const email = name + "@example.org";
    auto row = tx.query_one(
        "INSERT INTO members (email, email_key, display_name, role, created_at, updated_at) "
        "VALUES ($1, lower($1), $2, $3, 0, 0) RETURNING id",
        email, name, std::string(role_name(role)));
    tx.commit();
    return Actor{MemberId{row->i64(0)}, role, name};
}

inline GroupId add_group(store::Db& db, std::string const& name) {
    auto tx = db.begin();
    auto row = tx.query_one(
        "INSERT INTO groups (name, name_key, created_at) VALUES ($1, lower($1), 0) RETURNING id",
        name);
    tx.commit();
    return GroupId{row->i64(0)};
}

inline void join_group(store::Db& db, GroupId group, MemberId member) {
    auto tx = db.begin();
    tx.exec("INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)", group, member);
    tx.commit();
}

inline std::int64_t count_rows(store::Db& db, std::string const& table) {
    return db.query_one("SELECT COUNT(*) FROM " + table)->i64(0);
}

}  // namespace village::boards::testing
