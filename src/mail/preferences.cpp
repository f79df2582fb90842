// Mail preferences and one-click unsubscribe; see preferences.hpp.
#include "mail/preferences.hpp"

#include <date/tz.h>

#include <charconv>

#include "accounts/permissions.hpp"
#include "core/text.hpp"
#include "mail/preferences_sql.hpp"
#include "mail/signing.hpp"

namespace village::mail::preferences {

namespace {

constexpr std::string_view kUnsubscribePrefix = "unsubscribe:";

void store_preferences(store::Tx& tx, MemberId member, Preferences const& p, Millis now) {
    tx.exec(sql::upsert_preferences, member, notify_name(p.notify), p.digest_minute, p.time_zone,
            now);
}

bool known_time_zone(std::string const& name) {
    try {
        (void)date::locate_zone(name);
        return true;
    } catch (std::exception const&) {
        return false;
    }
}

// The member a signed unsubscribe token names, if it is one of ours.
std::optional<MemberId> member_of(store::Sql& db, std::string const& token) {
    auto payload = signing::verify(db, token);
    if (!payload || !payload->starts_with(kUnsubscribePrefix)) return std::nullopt;
    std::int64_t id = 0;
    auto const digits = std::string_view(*payload).substr(kUnsubscribePrefix.size());
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc{} || end != digits.data() + digits.size() || id <= 0) return std::nullopt;
    return MemberId{id};
}

tl::unexpected<Error> bad_link() {
    return fail(Errc::not_found, "This unsubscribe link is not valid");
}

}  // namespace

std::string_view notify_name(Notify notify) {
    switch (notify) {
        case Notify::immediately:
            return "immediately";
        case Notify::daily:
            return "daily";
        case Notify::weekly:
            return "weekly";
        case Notify::never:
            return "never";
    }
    return "daily";
}

std::optional<Notify> parse_notify(std::string_view text) {
    for (auto n : {Notify::immediately, Notify::daily, Notify::weekly, Notify::never}) {
        if (notify_name(n) == text) return n;
    }
    return std::nullopt;
}

Preferences of(store::Sql& db, MemberId member) {
    Preferences p;
    if (auto row = db.query_one(sql::preferences_of, member)) {
        p.notify = parse_notify(row->text(0)).value_or(Notify::daily);
        p.digest_minute = static_cast<int>(row->i64(1));
        p.time_zone = row->opt_text(2);
    }
    return p;
}

Result<Preferences> get(store::Db& db, Actor const& actor) {
    if (auto ok = accounts::require_signed_in(actor); !ok) return fail(ok.error());
    return of(db, actor.id);
}

Result<Preferences> update(store::Db& db, Actor const& actor, Patch const& patch, Millis now) {
    if (auto ok = accounts::require_signed_in(actor); !ok) return fail(ok.error());
    if (patch.digest_minute && (*patch.digest_minute < 0 || *patch.digest_minute >= 24 * 60)) {
        return fail(Errc::bad_request, "digest_time must be a time of day, HH:MM", "digest_time");
    }
    if (patch.time_zone.value && !known_time_zone(*patch.time_zone.value)) {
        return fail(Errc::bad_request,
                    "time_zone must be a time zone name such as Europe/London or UTC", "time_zone");
    }
    auto tx = db.begin();
    auto p = of(tx, actor.id);
    if (patch.notify) p.notify = *patch.notify;
    if (patch.digest_minute) p.digest_minute = *patch.digest_minute;
    if (patch.time_zone.present) p.time_zone = patch.time_zone.value;
    store_preferences(tx, actor.id, p, now);
    tx.commit();
    return p;
}

std::string unsubscribe_link(store::Tx& tx, Sender const& sender, MemberId member) {
    auto const token =
        signing::sign(tx, std::string(kUnsubscribePrefix) + std::to_string(member.value));
    return sender.base_url + "/api/v1/mail/unsubscribe?token=" + token;
}

std::vector<Header> unsubscribe_headers(std::string const& link) {
    return {{"List-Unsubscribe", "<" + link + ">"},
            {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
}

Result<Unsubscribed> check_unsubscribe(store::Db& db, std::string const& token) {
    auto member = member_of(db, token);
    if (!member) return bad_link();
    auto name = db.query_one(sql::member_name, *member);
    if (!name) return bad_link();
    return Unsubscribed{name->text(0), of(db, *member)};
}

Result<Unsubscribed> unsubscribe(store::Db& db, std::string const& token, Millis now) {
    auto member = member_of(db, token);
    if (!member) return bad_link();
    auto tx = db.begin();
    auto name = tx.query_one(sql::member_name, *member);
    if (!name) return bad_link();
    auto p = of(tx, *member);
    p.notify = Notify::never;
    store_preferences(tx, *member, p, now);
    tx.commit();
    return Unsubscribed{name->text(0), p};
}

}  // namespace village::mail::preferences
