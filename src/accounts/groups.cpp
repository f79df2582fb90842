// Groups; see groups.hpp.
#include "accounts/groups.hpp"

#include <fmt/format.h>

#include "accounts/groups_sql.hpp"
#include "accounts/members.hpp"
#include "accounts/permissions.hpp"
#include "activity/activity.hpp"
#include "core/text.hpp"

namespace village::accounts::groups {

namespace {

Group group_from(store::Row const& row) {
    return Group{row.id<GroupId>(0), row.text(1), row.text(2), row.i64(4), row.i64(3)};
}

tl::unexpected<Error> no_such_group() {
    return fail(Errc::not_found, "No such group");
}

std::optional<GroupDetail> load(store::Sql& sql, GroupId id) {
    auto row = sql.query_one(sql::group_by_id, id);
    if (!row) return std::nullopt;
    GroupDetail out{group_from(*row), {}};
    for (auto const& m : sql.query(sql::group_members, id)) {
        out.members.push_back(
            GroupMember{m.id<MemberId>(0), m.text(1), parse_role(m.text(2)).value_or(Role::guest)});
    }
    return out;
}

Result<std::string> checked_description(std::string const& description) {
    if (!text::valid_utf8(description)) {
        return fail(Errc::bad_request, "description is not valid UTF-8", "description");
    }
    auto trimmed = text::trim(description);
    if (text::char_count(trimmed) > kMaxGroupDescriptionChars) {
        return fail(
            Errc::too_large,
            fmt::format("description is longer than {} characters", kMaxGroupDescriptionChars),
            "description");
    }
    return trimmed;
}

// Runs `write` on the group's row, mapping a name clash to a 409 on "name".
template <class F>
Result<void> guarded_by_name(F&& write) {
    try {
        write();
    } catch (store::DbError const& e) {
        if (e.error().code != Errc::conflict) throw;
        return fail(Errc::conflict, "A group with this name already exists", "name");
    }
    return {};
}

void record(store::Tx& tx, Actor const& actor, std::string type, GroupId id,
            boost::json::object data) {
    data["group_id"] = id.value;
    activity::record(tx, actor, activity::Event{.type = std::move(type), .data = std::move(data)});
}

}  // namespace

Result<NewGroup> validated(NewGroup in) {
    auto name = members::checked_name(in.name, "name");
    if (!name) return fail(name.error());
    in.name = *name;
    auto description = checked_description(in.description);
    if (!description) return fail(description.error());
    in.description = *description;
    return in;
}

Result<Page<Group>> list(store::Db& db, Actor const& actor, PageRequest page) {
    if (auto ok = require_directory(actor); !ok) return fail(ok.error());
    auto const before = page.before > 0 ? page.before : INT64_MAX;
    Page<Group> out;
    for (auto const& row : db.query(sql::list_groups, before, page.limit + 1)) {
        if (out.items.size() == page.limit) {
            out.next_before = out.items.back().id.value;
            break;
        }
        out.items.push_back(group_from(row));
    }
    return out;
}

Result<GroupDetail> get(store::Db& db, Actor const& actor, GroupId id) {
    if (auto ok = require_directory(actor); !ok) return fail(ok.error());
    auto group = load(db, id);
    if (!group) return no_such_group();
    return *group;
}

Result<GroupDetail> create(store::Db& db, Actor const& actor, NewGroup in) {
    if (auto ok = require_admin(actor); !ok) return fail(ok.error());
    auto valid = validated(std::move(in));
    if (!valid) return fail(valid.error());
    auto tx = db.begin();
    GroupId id;
    auto inserted = guarded_by_name([&] {
        id = GroupId{tx.query_one(sql::insert_group, valid->name, text::ascii_lower(valid->name),
                                  valid->description, now_ms())
                         ->i64(0)};
    });
    if (!inserted) return fail(inserted.error());
    record(tx, actor, "group.created", id, {{"name", valid->name}});
    tx.commit();
    return *load(db, id);
}

Result<GroupDetail> update(store::Db& db, Actor const& actor, GroupId id, GroupPatch patch) {
    if (auto ok = require_admin(actor); !ok) return fail(ok.error());
    auto tx = db.begin();
    auto current = load(tx, id);
    if (!current) return no_such_group();
    auto valid = validated(NewGroup{patch.name.value_or(current->group.name),
                                    patch.description.value_or(current->group.description)});
    if (!valid) return fail(valid.error());
    boost::json::array fields;
    if (valid->name != current->group.name) fields.emplace_back("name");
    if (valid->description != current->group.description) fields.emplace_back("description");
    if (fields.empty()) return *current;
    auto updated = guarded_by_name([&] {
        tx.exec(sql::update_group, id, valid->name, text::ascii_lower(valid->name),
                valid->description);
    });
    if (!updated) return fail(updated.error());
    record(tx, actor, "group.updated", id, {{"name", valid->name}, {"fields", std::move(fields)}});
    tx.commit();
    return *load(db, id);
}

Result<void> remove(store::Db& db, Actor const& actor, GroupId id) {
    if (auto ok = require_admin(actor); !ok) return ok;
    auto tx = db.begin();
    auto current = load(tx, id);
    if (!current) return no_such_group();
    tx.exec(sql::delete_group, id);
    record(tx, actor, "group.deleted", id, {{"name", current->group.name}});
    tx.commit();
    return {};
}

Result<void> add_member(store::Db& db, Actor const& actor, GroupId id, MemberId member) {
    if (auto ok = require_admin(actor); !ok) return ok;
    auto tx = db.begin();
    if (!tx.query_one(sql::group_by_id, id)) return no_such_group();
    if (!tx.query_one(sql::member_exists, member)) {
        return fail(Errc::not_found, "No such member", "member_id");
    }
    if (tx.exec(sql::add_group_member, id, member) > 0) {
        record(tx, actor, "group.member_added", id, {{"member_id", member.value}});
        tx.commit();
    }
    return {};
}

std::optional<GroupId> find_by_name(store::Sql& db, std::string_view name) {
    auto row = db.query_one(sql::group_id_by_name_key, text::ascii_lower(text::trim(name)));
    if (!row) return std::nullopt;
    return row->id<GroupId>(0);
}

bool exists(store::Sql& db, GroupId id) {
    return db.query_one(sql::group_by_id, id).has_value();
}

void join(store::Tx& tx, Actor const& recorded_as, GroupId id, MemberId member) {
    if (tx.exec(sql::add_group_member, id, member) > 0) {
        record(tx, recorded_as, "group.member_added", id, {{"member_id", member.value}});
    }
}

Result<void> remove_member(store::Db& db, Actor const& actor, GroupId id, MemberId member) {
    if (auto ok = require_admin(actor); !ok) return ok;
    auto tx = db.begin();
    if (!tx.query_one(sql::group_by_id, id)) return no_such_group();
    if (tx.exec(sql::remove_group_member, id, member) > 0) {
        record(tx, actor, "group.member_removed", id, {{"member_id", member.value}});
        tx.commit();
    }
    return {};
}

}  // namespace village::accounts::groups
