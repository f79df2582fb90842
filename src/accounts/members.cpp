// Members: every rule about creating, reading and changing accounts; see members.hpp.
#include "accounts/members.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <algorithm>

#include "accounts/members_sql.hpp"
#include "accounts/passwords.hpp"
#include "accounts/permissions.hpp"
#include "accounts/rate_limit.hpp"
#include "accounts/sessions_sql.hpp"
#include "accounts/tokens_sql.hpp"
#include "activity/activity.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::accounts::members {

namespace bj = boost::json;

namespace {

std::string interests_text(std::vector<std::string> const& interests) {
    bj::array arr;
    for (auto const& interest : interests) arr.emplace_back(interest);
    return bj::serialize(arr);
}

std::vector<std::string> interests_from(std::string const& stored) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    auto value = bj::parse(stored, ec);
    if (ec || !value.is_array()) return out;
    for (auto const& item : value.as_array()) {
        if (item.is_string()) out.emplace_back(item.as_string());
    }
    return out;
}

Member member_from(store::Row const& row) {
    Member m;
    m.id = row.id<MemberId>(0);
    m.email = row.text(1);
    m.display_name = row.text(2);
    m.role = parse_role(row.text(3)).value_or(Role::guest);
    m.grade = row.opt_text(4);
    m.site = row.opt_text(5);
    m.interests = interests_from(row.text(6));
    m.has_password = row.flag(7);
    m.created_at = row.i64(8);
    m.updated_at = row.i64(9);
    m.last_seen_at = row.opt_i64(10);
    m.deactivated_at = row.opt_i64(11);
    return m;
}

// The pattern for "display name contains `name`", with LIKE's wildcards taken literally.
std::string contains_pattern(std::string_view name) {
    std::string pattern = "%";
    for (char c : text::ascii_lower(name)) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

tl::unexpected<Error> no_such_member() {
    return fail(Errc::not_found, "No such member");
}

// The profile fields both PATCH /me and PATCH /members/{id} change, checked.
struct ProfileChange {
    std::optional<std::string> display_name;
    json::Patch<std::string> grade;
    json::Patch<std::string> site;
    std::optional<std::vector<std::string>> interests;
};

Result<ProfileChange> checked_change(ProfileChange in) {
    if (in.display_name) {
        auto name = checked_name(*in.display_name, "display_name");
        if (!name) return fail(name.error());
        in.display_name = *name;
    }
    for (auto [patch, field] : {std::pair{&in.grade, "grade"}, std::pair{&in.site, "site"}}) {
        if (!patch->present) continue;
        auto checked = checked_short_text(patch->value, field);
        if (!checked) return fail(checked.error());
        patch->value = *checked;
    }
    if (in.interests) {
        auto interests = checked_interests(*in.interests);
        if (!interests) return fail(interests.error());
        in.interests = *interests;
    }
    return in;
}

// Applies the change to `m` and names the fields that differ.
std::vector<std::string> apply_change(Member& m, ProfileChange const& change) {
    std::vector<std::string> changed;
    if (change.display_name && *change.display_name != m.display_name) {
        m.display_name = *change.display_name;
        changed.emplace_back("display_name");
    }
    if (change.grade.present && change.grade.value != m.grade) {
        m.grade = change.grade.value;
        changed.emplace_back("grade");
    }
    if (change.site.present && change.site.value != m.site) {
        m.site = change.site.value;
        changed.emplace_back("site");
    }
    if (change.interests && *change.interests != m.interests) {
        m.interests = *change.interests;
        changed.emplace_back("interests");
    }
    return changed;
}

void store_profile(store::Tx& tx, Member const& m, Millis now) {
    tx.exec(sql::update_profile, m.id, m.display_name, m.grade, m.site, interests_text(m.interests),
            now);
}

void record_update(store::Tx& tx, Actor const& actor, Member const& m,
                   std::vector<std::string> const& fields) {
    bj::array names;
    for (auto const& f : fields) names.emplace_back(f);
    bj::object data{
        {"member_id", m.id.value}, {"display_name", m.display_name}, {"fields", std::move(names)}};
    if (std::ranges::find(fields, "role") != fields.end()) data["role"] = role_name(m.role);
    if (std::ranges::find(fields, "deactivated") != fields.end()) {
        data["deactivated"] = m.deactivated();
    }
    activity::record(tx, actor, activity::Event{.type = "member.updated", .data = std::move(data)});
}

// An admin's (or the operator's) change to someone, inside `tx`. Keeps one active admin.
Result<Member> apply_admin_patch(store::Tx& tx, Actor const& recorded_as, MemberId id,
                                 ProfileChange const& change, std::optional<Role> role,
                                 std::optional<bool> deactivated) {
    auto const now = now_ms();
    auto found = find(tx, id);
    if (!found) return no_such_member();
    Member m = *found;
    bool const was_active_admin = m.role == Role::admin && !m.deactivated();
    auto fields = apply_change(m, change);
    if (role && *role != m.role) {
        m.role = *role;
        fields.emplace_back("role");
    }
    if (deactivated && *deactivated != m.deactivated()) {
        m.deactivated_at = *deactivated ? std::optional<Millis>(now) : std::nullopt;
        fields.emplace_back("deactivated");
    }
    if (fields.empty()) return m;
    bool const is_active_admin = m.role == Role::admin && !m.deactivated();
    if (was_active_admin && !is_active_admin &&
        tx.query_one(sql::count_other_active_admins, m.id)->i64(0) == 0) {
        return fail(Errc::unprocessable,
                    "The community needs at least one active admin: make someone else an admin "
                    "first",
                    role ? "role" : "deactivated");
    }
    store_profile(tx, m, now);
    tx.exec(sql::update_role_and_status, m.id, role_name(m.role), m.deactivated_at, now);
    if (m.deactivated()) {
        tx.exec(sql::revoke_all_sessions, m.id, now);
        tx.exec(sql::revoke_all_tokens, m.id, now);
    }
    record_update(tx, recorded_as, m, fields);
    m.updated_at = now;
    return m;
}

}  // namespace

// --- rules -------------------------------------------------------------------------------------

Result<std::string> checked_name(std::string const& name, std::string_view field) {
    if (!text::valid_utf8(name)) {
        return fail(Errc::bad_request, fmt::format("{} is not valid UTF-8", field),
                    std::string(field));
    }
    auto trimmed = text::trim(name);
    if (trimmed.empty()) {
        return fail(Errc::bad_request, fmt::format("{} may not be empty", field),
                    std::string(field));
    }
    if (text::char_count(trimmed) > limits::kMaxNameChars) {
        return fail(Errc::too_large,
                    fmt::format("{} is longer than {} characters", field, limits::kMaxNameChars),
                    std::string(field));
    }
    return trimmed;
}

Result<std::optional<std::string>> checked_short_text(std::optional<std::string> const& in,
                                                      std::string_view field) {
    if (!in) return std::optional<std::string>{};
    if (!text::valid_utf8(*in)) {
        return fail(Errc::bad_request, fmt::format("{} is not valid UTF-8", field),
                    std::string(field));
    }
    auto trimmed = text::trim(*in);
    if (text::char_count(trimmed) > limits::kMaxShortTextChars) {
        return fail(
            Errc::too_large,
            fmt::format("{} is longer than {} characters", field, limits::kMaxShortTextChars),
            std::string(field));
    }
    if (trimmed.empty()) return std::optional<std::string>{};
    return std::optional<std::string>(std::move(trimmed));
}

Result<std::vector<std::string>> checked_interests(std::vector<std::string> in) {
    if (in.size() > limits::kMaxInterests) {
        return fail(Errc::too_large,
                    fmt::format("interests may hold at most {} entries", limits::kMaxInterests),
                    "interests");
    }
    std::vector<std::string> out;
    for (auto const& raw : in) {
        auto checked = checked_short_text(raw, "interests");
        if (!checked) return fail(checked.error());
        if (*checked && std::ranges::find(out, **checked) == out.end()) {
            out.push_back(**checked);
        }
    }
    return out;
}

Result<NewMember> validated(NewMember in) {
    auto key = text::normalise_email(in.email, "email");
    if (!key) return fail(key.error());
    in.email = text::trim(in.email);
    auto name = checked_name(in.display_name, "display_name");
    if (!name) return fail(name.error());
    in.display_name = *name;
    auto grade = checked_short_text(in.grade, "grade");
    if (!grade) return fail(grade.error());
    in.grade = *grade;
    auto site = checked_short_text(in.site, "site");
    if (!site) return fail(site.error());
    in.site = *site;
    auto interests = checked_interests(std::move(in.interests));
    if (!interests) return fail(interests.error());
    in.interests = *interests;
    if (in.password) {
        if (auto ok = passwords::check_rules(*in.password, "password"); !ok)
            return fail(ok.error());
    }
    return in;
}

// --- reads -------------------------------------------------------------------------------------

std::optional<Member> find(store::Sql& sql, MemberId id) {
    auto row = sql.query_one(sql::member_by_id, id);
    if (!row) return std::nullopt;
    return member_from(*row);
}

std::optional<Member> find_by_email(store::Sql& sql, std::string_view email) {
    auto row = sql.query_one(sql::member_by_email_key, text::ascii_lower(text::trim(email)));
    if (!row) return std::nullopt;
    return member_from(*row);
}

Result<Member> me(store::Db& db, Actor const& actor) {
    if (auto ok = require_signed_in(actor); !ok) return fail(ok.error());
    auto m = find(db, actor.id);
    if (!m || m->deactivated()) return fail(Errc::unauthorized, "Sign in first");
    return *m;
}

Result<Member> get(store::Db& db, Actor const& actor, MemberId id) {
    if (actor.signed_in() && actor.id == id) return me(db, actor);
    if (auto ok = require_directory(actor); !ok) return fail(ok.error());
    auto m = find(db, id);
    if (!m || (m->deactivated() && !can_see_deactivated(actor))) return no_such_member();
    return *m;
}

Result<Page<Member>> list(store::Db& db, Actor const& actor, MemberQuery const& q) {
    if (auto ok = require_directory(actor); !ok) return fail(ok.error());
    auto const before = q.page.before > 0 ? q.page.before : INT64_MAX;
    auto const pattern = q.name.empty() ? std::string() : contains_pattern(q.name);
    auto rows =
        db.query(sql::list_members, before, can_see_deactivated(actor), pattern, q.page.limit + 1);
    Page<Member> page;
    for (auto const& row : rows) {
        if (page.items.size() == q.page.limit) {
            page.next_before = page.items.back().id.value;
            break;
        }
        page.items.push_back(member_from(row));
    }
    return page;
}

std::vector<Member> list_all(store::Db& db) {
    std::vector<Member> out;
    for (auto const& row : db.query(sql::list_members, INT64_MAX, true, "", INT64_MAX)) {
        out.push_back(member_from(row));
    }
    std::ranges::reverse(out);
    return out;
}

// --- writes ------------------------------------------------------------------------------------

Result<Member> insert(store::Tx& tx, Actor const& recorded_as, NewMember const& valid,
                      std::optional<std::string> const& password_hash) {
    auto const now = now_ms();
    std::optional<store::Row> row;
    try {
        row = tx.query_one(sql::insert_member, valid.email, text::ascii_lower(valid.email),
                           valid.display_name, role_name(valid.role), valid.grade, valid.site,
                           interests_text(valid.interests), password_hash, now);
    } catch (store::DbError const& e) {
        if (e.error().code != Errc::conflict) throw;
        return fail(Errc::conflict, "A member with this email address already exists", "email");
    }
    MemberId const id{row->i64(0)};
    activity::record(tx, recorded_as,
                     activity::Event{.type = "member.created",
                                     .data = {{"member_id", id.value},
                                              {"display_name", valid.display_name},
                                              {"role", role_name(valid.role)}}});
    return *find(tx, id);
}

Result<Member> create_with_password_hash(store::Db& db, NewMember in,
                                         std::string const& password_hash) {
    in.password.reset();
    auto valid = validated(std::move(in));
    if (!valid) return fail(valid.error());
    auto tx = db.begin();
    auto member = insert(tx, Actor::anonymous(), *valid, password_hash);
    if (member) tx.commit();
    return member;
}

Result<Member> create_as_operator(store::Db& db, NewMember in) {
    auto valid = validated(std::move(in));
    if (!valid) return fail(valid.error());
    std::optional<std::string> hash;
    if (valid->password) hash = passwords::hash(*valid->password);  // before the write lock
    auto tx = db.begin();
    auto member = insert(tx, Actor::anonymous(), *valid, hash);
    if (member) tx.commit();
    return member;
}

Result<Member> create(store::Db& db, Actor const& actor, NewMember in) {
    if (auto ok = require_admin(actor); !ok) return fail(ok.error());
    auto valid = validated(std::move(in));
    if (!valid) return fail(valid.error());
    std::optional<std::string> hash;
    if (valid->password) hash = passwords::hash(*valid->password);
    auto tx = db.begin();
    auto member = insert(tx, actor, *valid, hash);
    if (member) tx.commit();
    return member;
}

Throttled<Member> update_profile(store::Db& db, Actor const& actor, ProfilePatch patch,
                                 SessionId keep, std::string_view address, Millis now) {
    auto current = me(db, actor);
    if (!current) return {fail(current.error())};
    auto change =
        checked_change(ProfileChange{std::move(patch.display_name), std::move(patch.grade),
                                     std::move(patch.site), std::move(patch.interests)});
    if (!change) return {fail(change.error())};

    std::optional<std::string> new_hash;
    if (patch.password) {
        if (auto ok = passwords::check_rules(*patch.password, "password"); !ok) {
            return {fail(ok.error())};
        }
        auto const stored = db.query_one(sql::password_hash_by_id, actor.id)->opt_text(0);
        if (stored) {
            if (!patch.current_password) {
                return {fail(Errc::bad_request, "Enter your current password to change it",
                             "current_password")};
            }
            // A stolen session must not become a way to guess the password.
            auto const account = text::ascii_lower(current->email);
            if (int wait = rate_limit::retry_after(db, account, address, now); wait > 0) {
                return {fail(Errc::rate_limited, "Too many wrong passwords; try again later"),
                        wait};
            }
            if (!passwords::verify(*stored, *patch.current_password)) {
                auto tx = db.begin();
                rate_limit::record_failure(tx, account, address, now);
                tx.commit();
                return {
                    fail(Errc::forbidden, "The current password is not right", "current_password")};
            }
        }
        new_hash = passwords::hash(*patch.password);
    }

    auto tx = db.begin();
    auto found = find(tx, actor.id);
    if (!found) return {fail(Errc::unauthorized, "Sign in first")};
    Member m = *found;
    auto fields = apply_change(m, *change);
    if (!fields.empty()) store_profile(tx, m, now);
    if (new_hash) {
        tx.exec(sql::set_password_hash, m.id, *new_hash, now);
        tx.exec(sql::revoke_other_sessions, m.id, keep, now);
        fields.emplace_back("password");
        m.has_password = true;
    }
    if (fields.empty()) return {m};
    record_update(tx, actor, m, fields);
    tx.commit();
    m.updated_at = now;
    return {m};
}

Result<Member> update_by_admin(store::Db& db, Actor const& actor, MemberId id,
                               AdminMemberPatch patch) {
    if (auto ok = require_admin(actor); !ok) return fail(ok.error());
    auto change =
        checked_change(ProfileChange{std::move(patch.display_name), std::move(patch.grade),
                                     std::move(patch.site), std::move(patch.interests)});
    if (!change) return fail(change.error());
    auto tx = db.begin();
    auto m = apply_admin_patch(tx, actor, id, *change, patch.role, patch.deactivated);
    if (m) tx.commit();
    return m;
}

Result<Member> set_role_as_operator(store::Db& db, std::string_view email, Role role) {
    auto tx = db.begin();
    auto found = find_by_email(tx, email);
    if (!found) return fail(Errc::not_found, fmt::format("No member has the email {}", email));
    auto m = apply_admin_patch(tx, Actor::anonymous(), found->id, {}, role, std::nullopt);
    if (m) tx.commit();
    return m;
}

Result<Member> set_password_as_operator(store::Db& db, std::string_view email,
                                        std::string const& password) {
    if (auto ok = passwords::check_rules(password, "password"); !ok) return fail(ok.error());
    auto found = find_by_email(db, email);
    if (!found) return fail(Errc::not_found, fmt::format("No member has the email {}", email));
    auto const hash = passwords::hash(password);
    auto const now = now_ms();
    auto tx = db.begin();
    if (tx.exec(sql::set_password_hash, found->id, hash, now) == 0) return no_such_member();
    // A password set by the operator is a reset: every old session ends.
    tx.exec(sql::revoke_all_sessions, found->id, now);
    record_update(tx, Actor::anonymous(), *found, {"password"});
    tx.commit();
    found->has_password = true;
    found->updated_at = now;
    return *found;
}

}  // namespace village::accounts::members
