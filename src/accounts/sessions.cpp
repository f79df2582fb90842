// Sessions and request identity; see sessions.hpp.
#include "accounts/sessions.hpp"

#include "accounts/members.hpp"
#include "accounts/members_sql.hpp"
#include "accounts/passwords.hpp"
#include "accounts/rate_limit.hpp"
#include "accounts/secrets.hpp"
#include "accounts/sessions_sql.hpp"
#include "accounts/tokens.hpp"
#include "core/text.hpp"

namespace village::accounts::sessions {

namespace {

constexpr std::size_t kMaxUserAgentBytes = 200;

tl::unexpected<Error> wrong_credentials() {
    return fail(Errc::unauthorized, "The email or password is not right");
}

std::optional<std::string> kept_user_agent(std::string const& agent) {
    if (agent.empty()) return std::nullopt;
    std::string cut = agent.substr(0, kMaxUserAgentBytes);
    // Cutting may split a character: drop the partial tail.
    while (!cut.empty() && !text::valid_utf8(cut)) cut.pop_back();
    if (cut.empty()) return std::nullopt;
    return cut;
}

}  // namespace

Throttled<SignedIn> sign_in(store::Db& db, Credentials const& credentials, Client const& client,
                            Millis lifetime_ms, Millis now) {
    auto account = text::normalise_email(credentials.email, "email");
    if (!account) return {fail(account.error())};

    if (int wait = rate_limit::retry_after(db, *account, client.address, now); wait > 0) {
        return {fail(Errc::rate_limited, "Too many failed sign-ins; try again later"), wait};
    }

    auto row = db.query_one(sql::password_hash_by_email_key, *account);
    std::optional<std::string> stored;
    if (row && row->is_null(2)) stored = row->opt_text(1);  // deactivated members have none here
    // The hash is checked outside any transaction: it takes ~80 ms and must not hold the writer.
    bool ok = false;
    if (stored) {
        ok = passwords::verify(*stored, credentials.password);
    } else {
        passwords::verify_dummy(credentials.password);
    }

    auto tx = db.begin();
    if (!ok) {
        rate_limit::record_failure(tx, *account, client.address, now);
        tx.commit();
        return {wrong_credentials()};
    }
    auto member = members::find(tx, MemberId{row->i64(0)});
    if (!member || member->deactivated()) return {wrong_credentials()};
    rate_limit::clear_account(tx, *account);
    auto signed_in = start(tx, *member, client, lifetime_ms, now);
    tx.commit();
    return {std::move(signed_in)};
}

SignedIn start(store::Tx& tx, Member const& member, Client const& client, Millis lifetime_ms,
               Millis now) {
    if (client.previous_token) {
        tx.exec(sql::revoke_session_by_token_hash, secrets::hash_token(*client.previous_token),
                now);
    }
    tx.exec(sql::delete_dead_sessions, member.id, now);
    SignedIn out;
    out.member = member;
    out.token = secrets::random_token();
    out.csrf_token = secrets::random_token();
    out.expires_at = now + lifetime_ms;
    auto row = tx.query_one(
        sql::insert_session, member.id, secrets::hash_token(out.token), out.csrf_token, now,
        out.expires_at,
        client.address.empty() ? std::nullopt : std::optional<std::string>(client.address),
        kept_user_agent(client.user_agent));
    out.session = SessionId{row->i64(0)};
    tx.exec(sql::touch_member_seen, member.id, now);
    out.member.last_seen_at = now;
    return out;
}

void revoke(store::Db& db, SessionId session, Millis now) {
    if (!session) return;
    auto tx = db.begin();
    tx.exec(sql::revoke_session, session, now);
    tx.commit();
}

Identity identify(store::Db& db, std::optional<std::string_view> bearer,
                  std::optional<std::string_view> cookie, Millis now) {
    Identity identity;
    if (bearer) {
        if (auto holder = tokens::resolve(db, *bearer, now)) {
            identity.actor = holder->actor;
            identity.via = Via::token;
            identity.token = holder->token;
        }
        return identity;
    }
    if (!cookie || cookie->empty()) return identity;
    auto row = db.query_one(sql::live_session_by_token_hash, secrets::hash_token(*cookie), now);
    if (!row) return identity;
    identity.actor =
        Actor{row->id<MemberId>(1), parse_role(row->text(5)).value_or(Role::guest), row->text(6)};
    identity.via = Via::cookie;
    identity.session = row->id<SessionId>(0);
    identity.csrf_token = row->text(2);
    if (now - row->i64(4) >= kTouchIntervalMs) {
        auto tx = db.begin();
        tx.exec(sql::touch_session, identity.session, now);
        tx.exec(sql::touch_member_seen, identity.actor.id, now);
        tx.commit();
    }
    return identity;
}

bool csrf_matches(Identity const& identity, std::optional<std::string_view> sent) {
    if (identity.via != Via::cookie) return true;
    return sent && secrets::equal(*sent, identity.csrf_token);
}

Result<Current> current(store::Db& db, Actor const& actor, SessionId session, Millis now) {
    auto member = members::me(db, actor);
    if (!member) return fail(member.error());
    Current out{*member, std::nullopt};
    if (session) {
        auto row = db.query_one(sql::live_session_by_id, session, now);
        if (!row || row->id<MemberId>(1) != actor.id)
            return fail(Errc::unauthorized, "Sign in first");
        out.csrf_token = row->text(2);
    }
    return out;
}

}  // namespace village::accounts::sessions
