// The first-admin link; see setup.hpp.
#include "accounts/setup.hpp"

#include "accounts/members.hpp"
#include "accounts/members_sql.hpp"
#include "accounts/passwords.hpp"
#include "accounts/secrets.hpp"
#include "accounts/setup_sql.hpp"

namespace village::accounts::setup {

namespace {

// Checked in the transaction again: a second visitor racing the first must lose.
Result<std::int64_t> usable(store::Sql& sql, std::string const& token_hash, Millis now) {
    if (sql.query_one(sql::count_members)->i64(0) > 0) {
        return fail(Errc::conflict, "This community is already set up: sign in instead");
    }
    auto row = sql.query_one(sql::usable_setup_token, kFirstAdminPurpose, token_hash, now);
    if (!row) {
        return fail(Errc::forbidden,
                    "This set-up link is not valid or has expired; restart the server for a new "
                    "one",
                    "token");
    }
    return row->i64(0);
}

}  // namespace

std::optional<std::string> first_admin_token(store::Db& db, Millis now) {
    auto tx = db.begin();
    if (tx.query_one(sql::count_members)->i64(0) > 0) return std::nullopt;
    auto token = secrets::random_token();
    tx.exec(sql::insert_setup_token, kFirstAdminPurpose, secrets::hash_token(token), now,
            now + kSetupTokenLifetimeMs);
    tx.commit();
    return token;
}

Result<sessions::SignedIn> create_first_admin(store::Db& db, FirstAdmin const& in,
                                              sessions::Client const& client,
                                              Millis session_lifetime_ms, Millis now) {
    auto const token_hash = secrets::hash_token(in.token);
    if (auto ok = usable(db, token_hash, now); !ok) return fail(ok.error());
    auto valid = members::validated(
        NewMember{in.email, in.display_name, Role::admin, {}, {}, {}, in.password});
    if (!valid) return fail(valid.error());
    if (!valid->password) return fail(Errc::bad_request, "password is required", "password");
    auto const hash = passwords::hash(*valid->password);  // before the write lock

    auto tx = db.begin();
    auto token_id = usable(tx, token_hash, now);
    if (!token_id) return fail(token_id.error());
    tx.exec(sql::use_setup_token, *token_id, now);
    // Nobody was signed in: the activity row has no actor.
    auto member = members::insert(tx, Actor::anonymous(), *valid, hash);
    if (!member) return fail(member.error());
    auto signed_in = sessions::start(tx, *member, client, session_lifetime_ms, now);
    tx.commit();
    return signed_in;
}

}  // namespace village::accounts::setup
