// Personal access tokens; see tokens.hpp.
#include "accounts/tokens.hpp"

#include <fmt/format.h>

#include "accounts/members.hpp"
#include "accounts/members_sql.hpp"
#include "accounts/permissions.hpp"
#include "accounts/secrets.hpp"
#include "accounts/tokens_sql.hpp"
#include "activity/activity.hpp"

namespace village::accounts::tokens {

Result<NewAccessToken> create(store::Db& db, Actor const& actor, std::string name, Millis now) {
    if (auto ok = require_signed_in(actor); !ok) return fail(ok.error());
    auto checked = members::checked_name(name, "name");
    if (!checked) return fail(checked.error());
    auto const secret = std::string(kPrefix) + secrets::random_token();
    auto tx = db.begin();
    if (tx.query_one(sql::count_live_tokens, actor.id, now)->i64(0) >=
        static_cast<std::int64_t>(kMaxTokensPerMember)) {
        return fail(Errc::unprocessable,
                    fmt::format("You may hold at most {} tokens; delete one you no longer use",
                                kMaxTokensPerMember));
    }
    auto row =
        tx.query_one(sql::insert_token, actor.id, *checked, secrets::hash_token(secret), now);
    TokenId const id{row->i64(0)};
    activity::record(tx, actor,
                     activity::Event{.type = "token.created",
                                     .data = {{"token_id", id.value}, {"name", *checked}}});
    tx.commit();
    return NewAccessToken{AccessToken{id, *checked, now, std::nullopt}, secret};
}

Result<std::vector<AccessToken>> list(store::Db& db, Actor const& actor, Millis now) {
    if (auto ok = require_signed_in(actor); !ok) return fail(ok.error());
    std::vector<AccessToken> out;
    for (auto const& row : db.query(sql::live_tokens_of_member, actor.id, now)) {
        out.push_back(AccessToken{row.id<TokenId>(0), row.text(1), row.i64(2), row.opt_i64(3)});
    }
    return out;
}

Result<void> revoke(store::Db& db, Actor const& actor, TokenId id, Millis now) {
    if (auto ok = require_signed_in(actor); !ok) return ok;
    auto tx = db.begin();
    auto name = tx.query_one(sql::live_token_name, id, actor.id);
    if (!name) return fail(Errc::not_found, "No such token");
    tx.exec(sql::revoke_token, id, actor.id, now);
    activity::record(tx, actor,
                     activity::Event{.type = "token.revoked",
                                     .data = {{"token_id", id.value}, {"name", name->text(0)}}});
    tx.commit();
    return {};
}

std::optional<Holder> resolve(store::Db& db, std::string_view secret, Millis now) {
    if (!secret.starts_with(kPrefix)) return std::nullopt;
    auto row = db.query_one(sql::live_token_by_hash, secrets::hash_token(secret), now);
    if (!row) return std::nullopt;
    Holder holder{
        row->id<TokenId>(0),
        Actor{row->id<MemberId>(1), parse_role(row->text(3)).value_or(Role::guest), row->text(4)}};
    auto const last_used = row->opt_i64(2);
    if (!last_used || now - *last_used >= kTouchIntervalMs) {
        auto tx = db.begin();
        tx.exec(sql::touch_token, holder.token, now);
        tx.exec(sql::touch_member_seen, holder.actor.id, now);
        tx.commit();
    }
    return holder;
}

}  // namespace village::accounts::tokens
