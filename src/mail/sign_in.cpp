// Magic-link sign-in; see sign_in.hpp.
#include "mail/sign_in.hpp"

#include "accounts/members.hpp"
#include "accounts/rate_limit.hpp"
#include "accounts/secrets.hpp"
#include "core/text.hpp"
#include "mail/sign_in_sql.hpp"
#include "mail/templates.hpp"

namespace village::mail::sign_in {

namespace {

// Link requests are counted apart from password failures (prefixed keys in the same table),
// so asking for links never locks anyone out of their password, nor the other way round.
std::string limit_key(std::string_view key) {
    return key.empty() ? std::string() : "sign-in-link:" + std::string(key);
}

}  // namespace

accounts::Throttled<bool> request(store::Db& db, Sender const& sender, std::string const& email,
                                  std::string const& client_address, Millis now) {
    auto account = text::normalise_email(email, "email");
    if (!account) return {fail(account.error())};
    auto const account_key = limit_key(*account);
    auto const address_key = limit_key(client_address);
    if (int wait = accounts::rate_limit::retry_after(db, account_key, address_key, now); wait > 0) {
        return {fail(Errc::rate_limited, "Too many sign-in links asked for; try again later"),
                wait};
    }
    auto tx = db.begin();
    accounts::rate_limit::record_failure(tx, account_key, address_key, now);
    if (auto row = tx.query_one(sql::active_member_by_email_key, *account)) {
        auto const member = accounts::members::find(tx, row->id<MemberId>(0));
        auto const token = accounts::secrets::random_token();
        tx.exec(sql::prune_sign_in_links, member->id, now);
        tx.exec(sql::insert_sign_in_link, member->id, accounts::secrets::hash_token(token), now,
                now + kLinkLifetimeMs);
        auto const link = sender.base_url + "/sign-in/link?token=" + token;
        outbox::enqueue(tx, sender,
                        Outgoing{"sign_in",
                                 member->id,
                                 {member->email, member->display_name},
                                 templates::sign_in_link(sender.base_url, member->display_name,
                                                         link, kLinkLifetimeMs / 60000),
                                 {}},
                        now);
    }
    tx.commit();
    return {true};
}

Result<accounts::sessions::SignedIn> redeem(store::Db& db, std::string const& token,
                                            accounts::sessions::Client const& client,
                                            Millis session_lifetime_ms, Millis now) {
    auto const refused = [] {
        return fail(Errc::unauthorized,
                    "This sign-in link is not valid: it was used already or has expired. Ask "
                    "for a new one.",
                    "token");
    };
    if (token.empty()) return refused();
    auto tx = db.begin();
    auto row = tx.query_one(sql::use_sign_in_link, accounts::secrets::hash_token(token), now);
    if (!row) return refused();
    auto const member = accounts::members::find(tx, row->id<MemberId>(0));
    if (!member || member->deactivated()) return refused();
    auto signed_in = accounts::sessions::start(tx, *member, client, session_lifetime_ms, now);
    tx.commit();
    return signed_in;
}

}  // namespace village::mail::sign_in
