// The mail module's routes; see routes.hpp.
#include "mail/routes.hpp"

#include <boost/json.hpp>

#include "accounts/routes.hpp"
#include "core/limits.hpp"
#include "mail/invitations.hpp"
#include "mail/outbox.hpp"
#include "mail/preferences.hpp"
#include "mail/requests.hpp"
#include "mail/sign_in.hpp"

namespace village::mail {

namespace {

namespace bj = boost::json;
using http::Request;
using http::Response;
using store::Db;
using Handler = Response (*)(Config const&, Request&, Db&);

Response refused(Error const& error, int retry_after_seconds) {
    auto response = http::error_response(error);
    if (retry_after_seconds > 0) {
        response.with_header("Retry-After", std::to_string(retry_after_seconds));
    }
    return response;
}

// --- views -------------------------------------------------------------------------------------

bj::value text_or_null(std::optional<std::string> const& text) {
    return text ? bj::value(*text) : bj::value(nullptr);
}

bj::object invitation_json(invitations::Invitation const& i) {
    bj::array groups;
    for (auto g : i.groups) groups.emplace_back(g.value);
    return bj::object{{"id", i.id},
                      {"email", i.email},
                      {"display_name", i.display_name},
                      {"role", role_name(i.role)},
                      {"grade", text_or_null(i.grade)},
                      {"site", text_or_null(i.site)},
                      {"group_ids", std::move(groups)},
                      {"invited_by",
                       i.invited_by ? bj::value(i.invited_by->value) : bj::value(nullptr)},
                      {"invited_by_name", i.invited_by_name},
                      {"created_at", iso8601(i.created_at)},
                      {"expires_at", iso8601(i.expires_at)},
                      {"accepted_at", json::time_or_null(i.accepted_at)},
                      {"member_id", i.member ? bj::value(i.member->value) : bj::value(nullptr)}};
}

bj::object preferences_json(preferences::Preferences const& p) {
    return bj::object{{"notify", preferences::notify_name(p.notify)},
                      {"digest_time", requests::time_of_day_text(p.digest_minute)},
                      {"time_zone", text_or_null(p.time_zone)}};
}

// --- magic links -------------------------------------------------------------------------------

Response request_link(Config const& config, Request& req, Db& db) {
    auto email = requests::email(req.body);
    if (!email) return http::error_response(email.error());
    auto out = sign_in::request(db, sender_from(config), *email, req.remote_address);
    if (!out.result) return refused(out.result.error(), out.retry_after_seconds);
    // The same answer whether or not the address has an account.
    return http::json_response(
        bj::object{{"message",
                    "If this address belongs to a member of Village, a sign-in link is on its "
                    "way to it. It works once, for 15 minutes."}},
        202);
}

Response redeem_link(Config const& config, Request& req, Db& db) {
    auto token = requests::token(req.body);
    if (!token) return http::error_response(token.error());
    auto out = sign_in::redeem(db, *token, accounts::client_of(req),
                               accounts::session_lifetime_ms(config));
    if (!out) return http::error_response(out.error());
    return accounts::signed_in_response(config, *out, 200);
}

// --- invitations -------------------------------------------------------------------------------

Response invite(Config const& config, Request& req, Db& db) {
    auto in = requests::new_invitation(req.body);
    if (!in) return http::error_response(in.error());
    return http::respond(invitations::invite(db, sender_from(config), req.actor, std::move(*in)),
                         invitation_json, 201);
}

Response invite_pasted(Config const& config, Request& req, Db& db) {
    auto text = requests::pasted_list(req.body);
    if (!text) return http::error_response(text.error());
    return http::respond(
        invitations::invite_pasted(db, sender_from(config), req.actor, *text),
        [](invitations::PasteResult const& r) {
            bj::array invited;
            for (auto const& i : r.invited) invited.push_back(invitation_json(i));
            bj::array errors;
            for (auto const& e : r.errors) {
                errors.push_back(
                    bj::object{{"line", e.line},
                               {"email", e.email},
                               {"code", code_name(e.error.code)},
                               {"message", e.error.message},
                               {"field", e.error.field.empty() ? bj::value(nullptr)
                                                               : bj::value(e.error.field)}});
            }
            return bj::object{{"invited", std::move(invited)}, {"errors", std::move(errors)}};
        });
}

Response list_invitations(Config const&, Request& req, Db& db) {
    auto before = http::query_int(req, "before", 1, std::numeric_limits<std::int64_t>::max());
    if (!before) return http::error_response(before.error());
    auto limit = http::query_int(req, "limit", 1, limits::kMaxPageItems);
    if (!limit) return http::error_response(limit.error());
    auto const page_size = static_cast<std::size_t>(limit->value_or(limits::kDefaultPageItems));
    return http::respond(
        invitations::list(db, req.actor, before->value_or(0), page_size),
        [&](std::vector<invitations::Invitation> const& list) {
            bj::array items;
            for (auto const& i : list) items.push_back(invitation_json(i));
            bj::value next = nullptr;
            if (list.size() == page_size) next = list.back().id;
            return bj::object{{"invitations", std::move(items)}, {"next_before", next}};
        });
}

Response preview_invitation(Config const&, Request& req, Db& db) {
    auto token = req.query("token");
    if (!token || token->empty() || token->size() > requests::kMaxTokenChars) {
        return http::error_response(Error{Errc::bad_request, "token is required", "token"});
    }
    return http::respond(invitations::preview(db, std::string(*token)),
                         [](invitations::Preview const& p) {
                             return bj::object{{"email", p.email},
                                               {"display_name", p.display_name},
                                               {"grade", text_or_null(p.grade)},
                                               {"expires_at", iso8601(p.expires_at)}};
                         });
}

Response accept_invitation(Config const& config, Request& req, Db& db) {
    auto in = requests::acceptance(req.body);
    if (!in) return http::error_response(in.error());
    auto out = invitations::accept(db, *in, accounts::client_of(req),
                                   accounts::session_lifetime_ms(config));
    if (!out) return http::error_response(out.error());
    return accounts::signed_in_response(config, *out, 201);
}

// --- preferences and unsubscribe ---------------------------------------------------------------

Response get_preferences(Config const&, Request& req, Db& db) {
    return http::respond(preferences::get(db, req.actor), preferences_json);
}

Response patch_preferences(Config const&, Request& req, Db& db) {
    auto in = requests::preferences_patch(req.body);
    if (!in) return http::error_response(in.error());
    return http::respond(preferences::update(db, req.actor, *in), preferences_json);
}

Result<std::string> unsubscribe_token(Request const& req) {
    auto token = req.query("token");
    if (!token || token->empty() || token->size() > requests::kMaxTokenChars) {
        return fail(Errc::bad_request, "token is required", "token");
    }
    return std::string(*token);
}

bj::object unsubscribed_json(preferences::Unsubscribed const& u) {
    return bj::object{{"display_name", u.display_name},
                      {"preferences", preferences_json(u.preferences)}};
}

// GET shows what the link would change and changes nothing (link scanners fetch links).
Response check_unsubscribe(Config const&, Request& req, Db& db) {
    auto token = unsubscribe_token(req);
    if (!token) return http::error_response(token.error());
    return http::respond(preferences::check_unsubscribe(db, *token), unsubscribed_json);
}

// RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click"; no sign-in.
Response unsubscribe(Config const&, Request& req, Db& db) {
    auto token = unsubscribe_token(req);
    if (!token) return http::error_response(token.error());
    return http::respond(preferences::unsubscribe(db, *token), unsubscribed_json);
}

}  // namespace

std::vector<std::string> MailRoutes::csrf_exempt_paths() {
    return {"/api/v1/session/link", "/api/v1/session/link/redeem", "/api/v1/invitations/accept",
            "/api/v1/mail/unsubscribe"};
}

void MailRoutes::add_to(http::Router& router) {
    auto const bind = [&config = config_](Handler handler) -> http::Handler {
        return [&config, handler](Request& req, Db& db) { return handler(config, req, db); };
    };
    router.post("/api/v1/session/link", bind(request_link));
    router.post("/api/v1/session/link/redeem", bind(redeem_link));
    router.get("/api/v1/invitations", bind(list_invitations));
    router.post("/api/v1/invitations", bind(invite));
    router.post("/api/v1/invitations/batch", bind(invite_pasted));
    router.get("/api/v1/invitations/preview", bind(preview_invitation));
    router.post("/api/v1/invitations/accept", bind(accept_invitation));
    router.get("/api/v1/me/mail", bind(get_preferences));
    router.patch("/api/v1/me/mail", bind(patch_preferences));
    router.get("/api/v1/mail/unsubscribe", bind(check_unsubscribe));
    router.post("/api/v1/mail/unsubscribe", bind(unsubscribe));
}

}  // namespace village::mail
