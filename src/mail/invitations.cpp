// Invitations; see invitations.hpp.
#include "mail/invitations.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <limits>
#include <set>

#include "accounts/groups.hpp"
#include "accounts/members.hpp"
#include "accounts/permissions.hpp"
#include "accounts/secrets.hpp"
#include "core/text.hpp"
#include "mail/invitations_sql.hpp"
#include "mail/templates.hpp"

namespace village::mail::invitations {

namespace bj = boost::json;

namespace {

std::string ids_text(std::vector<GroupId> const& ids) {
    bj::array arr;
    for (auto id : ids) arr.emplace_back(id.value);
    return bj::serialize(arr);
}

std::vector<GroupId> ids_from(std::string const& stored) {
    std::vector<GroupId> out;
    boost::system::error_code ec;
    auto value = bj::parse(stored, ec);
    if (ec || !value.is_array()) return out;
    for (auto const& item : value.as_array()) {
        if (item.is_int64()) out.push_back(GroupId{item.as_int64()});
    }
    return out;
}

// The checks of one invitation that need no database, and its normalised form.
Result<NewInvitation> validated(NewInvitation in) {
    auto email = text::normalise_email(in.email, "email");
    if (!email) return fail(email.error());
    in.email = text::trim(in.email);
    auto name = accounts::members::checked_name(in.display_name, "display_name");
    if (!name) return fail(name.error());
    in.display_name = *name;
    auto grade = accounts::members::checked_short_text(in.grade, "grade");
    if (!grade) return fail(grade.error());
    in.grade = *grade;
    auto site = accounts::members::checked_short_text(in.site, "site");
    if (!site) return fail(site.error());
    in.site = *site;
    return in;
}

// The checks that read the database, then the row and its mail, inside `tx`.
Result<Invitation> insert(store::Tx& tx, Sender const& sender, Actor const& actor,
                          NewInvitation const& in, Millis now) {
    auto const key = text::ascii_lower(in.email);
    if (tx.query_one(sql::member_with_email_key, key)) {
        return fail(Errc::conflict, "A member already has this email; they can sign in", "email");
    }
    for (auto group : in.groups) {
        if (!accounts::groups::exists(tx, group)) {
            return fail(Errc::bad_request, fmt::format("There is no group {}", group.value),
                        "group_ids");
        }
    }
    auto const token = accounts::secrets::random_token();
    Invitation out;
    out.email = in.email;
    out.display_name = in.display_name;
    out.role = in.role;
    out.grade = in.grade;
    out.site = in.site;
    out.groups = in.groups;
    out.invited_by = actor.id;
    out.invited_by_name = actor.display_name;
    out.created_at = now;
    out.expires_at = now + kLifetimeMs;
    out.id = tx.query_one(sql::insert_invitation, in.email, key, in.display_name,
                          role_name(in.role), in.grade, in.site, ids_text(in.groups),
                          accounts::secrets::hash_token(token), actor.id, now, out.expires_at)
                 ->i64(0);
    auto const link = sender.base_url + "/join?token=" + token;
    outbox::enqueue(tx, sender,
                    Outgoing{"invitation",
                             std::nullopt,
                             {in.email, in.display_name},
                             templates::invitation(sender.base_url, in.display_name,
                                                   actor.display_name, link, out.expires_at),
                             {}},
                    now);
    return out;
}

// Splits one CSV-like line: commas separate, "double quotes" protect commas, "" is a quote.
std::vector<std::string> split_line(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char const c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',' || c == '\t') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    for (auto& f : fields) f = text::trim(f);
    return fields;
}

std::optional<std::string> optional_field(std::vector<std::string> const& fields, std::size_t i) {
    if (i >= fields.size() || fields[i].empty()) return std::nullopt;
    return fields[i];
}

// One pasted line as an invitation: fields read, group names resolved.
Result<NewInvitation> from_line(store::Sql& db, std::vector<std::string> const& fields) {
    if (fields.size() > 6) {
        return fail(Errc::bad_request,
                    "A line has at most 6 fields: email, name, role, grade, site, groups");
    }
    NewInvitation in;
    in.email = fields[0];
    in.display_name = fields.size() > 1 ? fields[1] : "";
    if (auto role = optional_field(fields, 2)) {
        auto parsed = parse_role(text::ascii_lower(*role));
        if (!parsed) {
            return fail(Errc::bad_request,
                        fmt::format("'{}' is not a role: admin, trainer, trainee or guest", *role),
                        "role");
        }
        in.role = *parsed;
    }
    in.grade = optional_field(fields, 3);
    in.site = optional_field(fields, 4);
    if (auto groups = optional_field(fields, 5)) {
        std::string_view rest = *groups;
        while (!rest.empty()) {
            auto const end = rest.find(';');
            auto const name = text::trim(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            if (name.empty()) continue;
            auto id = accounts::groups::find_by_name(db, name);
            if (!id)
                return fail(Errc::bad_request, fmt::format("There is no group '{}'", name),
                            "groups");
            in.groups.push_back(*id);
        }
    }
    return validated(std::move(in));
}

Invitation invitation_from(store::Row const& row) {
    Invitation i;
    i.id = row.i64(0);
    i.email = row.text(1);
    i.display_name = row.text(2);
    i.role = parse_role(row.text(3)).value_or(Role::guest);
    i.grade = row.opt_text(4);
    i.site = row.opt_text(5);
    i.groups = ids_from(row.text(6));
    i.created_at = row.i64(7);
    i.expires_at = row.i64(8);
    i.accepted_at = row.opt_i64(9);
    if (auto m = row.opt_i64(10)) i.member = MemberId{*m};
    if (auto by = row.opt_i64(11)) i.invited_by = MemberId{*by};
    i.invited_by_name = row.text(12);
    return i;
}

}  // namespace

Result<Invitation> invite(store::Db& db, Sender const& sender, Actor const& actor, NewInvitation in,
                          Millis now) {
    if (auto ok = accounts::require_admin(actor); !ok) return fail(ok.error());
    auto valid = validated(std::move(in));
    if (!valid) return fail(valid.error());
    auto tx = db.begin();
    auto out = insert(tx, sender, actor, *valid, now);
    if (out) tx.commit();
    return out;
}

Result<PasteResult> invite_pasted(store::Db& db, Sender const& sender, Actor const& actor,
                                  std::string const& text, Millis now) {
    if (auto ok = accounts::require_admin(actor); !ok) return fail(ok.error());
    if (!text::valid_utf8(text)) return fail(Errc::bad_request, "text is not valid UTF-8", "text");
    PasteResult result;
    std::set<std::string> seen;
    auto tx = db.begin();
    std::size_t line_number = 0;
    std::size_t lines_with_people = 0;
    std::string_view rest = text;
    while (!rest.empty()) {
        auto const end = rest.find('\n');
        auto const line = text::trim(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        ++line_number;
        if (line.empty() || line.starts_with('#')) continue;
        auto const fields = split_line(line);
        if (line_number == 1 && text::ascii_lower(fields[0]) == "email") continue;  // a header
        if (++lines_with_people > kMaxLinesPerPaste) {
            return fail(Errc::too_large,
                        fmt::format("At most {} people at once", kMaxLinesPerPaste), "text");
        }
        auto const report = [&](Error error) {
            result.errors.push_back(LineError{line_number, fields[0], std::move(error)});
        };
        auto in = from_line(tx, fields);
        if (!in) {
            report(in.error());
            continue;
        }
        if (!seen.insert(text::ascii_lower(in->email)).second) {
            report(Error{Errc::conflict, "This email is on an earlier line too", "email"});
            continue;
        }
        auto invited = insert(tx, sender, actor, *in, now);
        if (!invited) {
            report(invited.error());
            continue;
        }
        result.invited.push_back(std::move(*invited));
    }
    if (lines_with_people == 0) {
        return fail(Errc::bad_request, "There is nobody to invite: one person per line", "text");
    }
    tx.commit();
    return result;
}

Result<std::vector<Invitation>> list(store::Db& db, Actor const& actor, std::int64_t before,
                                     std::size_t limit) {
    if (auto ok = accounts::require_admin(actor); !ok) return fail(ok.error());
    if (before <= 0) before = std::numeric_limits<std::int64_t>::max();
    std::vector<Invitation> out;
    for (auto const& row : db.query(sql::list_invitations, before, limit)) {
        out.push_back(invitation_from(row));
    }
    return out;
}

Result<Preview> preview(store::Db& db, std::string const& token, Millis now) {
    auto row = db.query_one(sql::open_invitation, accounts::secrets::hash_token(token), now);
    if (!row)
        return fail(Errc::not_found,
                    "This invitation is not valid: it was used already or has expired");
    return Preview{row->text(0), row->text(1), row->opt_text(3), row->i64(5)};
}

Result<accounts::sessions::SignedIn> accept(store::Db& db, Acceptance const& in,
                                            accounts::sessions::Client const& client,
                                            Millis session_lifetime_ms, Millis now) {
    auto interests = accounts::members::checked_interests(in.interests);
    if (!interests) return fail(interests.error());
    auto tx = db.begin();
    auto row = tx.query_one(sql::accept_invitation, accounts::secrets::hash_token(in.token), now);
    if (!row) {
        return fail(Errc::forbidden,
                    "This invitation is not valid: it was used already or has expired. Ask the "
                    "person who invited you for a new one.",
                    "token");
    }
    accounts::NewMember member;
    member.email = row->text(1);
    member.display_name = in.display_name.value_or(row->text(2));
    member.role = parse_role(row->text(3)).value_or(Role::guest);
    member.grade = in.grade.present ? in.grade.value : row->opt_text(4);
    member.site = row->opt_text(5);
    member.interests = *interests;
    auto valid = accounts::members::validated(std::move(member));
    if (!valid) return fail(valid.error());
    // Nobody is signed in yet: the activity rows have no actor, as with the first admin.
    auto created = accounts::members::insert(tx, Actor::anonymous(), *valid, std::nullopt);
    if (!created) return fail(created.error());
    tx.exec(sql::set_invitation_member, row->i64(0), created->id);
    for (auto group : ids_from(row->text(6))) {
        if (accounts::groups::exists(tx, group)) {
            accounts::groups::join(tx, Actor::anonymous(), group, created->id);
        }
    }
    auto signed_in = accounts::sessions::start(tx, *created, client, session_lifetime_ms, now);
    tx.commit();
    return signed_in;
}

}  // namespace village::mail::invitations
