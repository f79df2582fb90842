// Members for tests: created through the accounts service, all with one known password whose
// argon2id hash is computed once per process, so creating members costs no hashing.
#pragma once

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace village::testing {

inline constexpr char const* kPassword = "correct horse battery staple";

// The argon2id hash of kPassword, computed on first use.
[[nodiscard]] std::string const& password_hash();

// Creates an active member with password kPassword; `name` defaults to the email's local part.
// Throws when the service refuses (e.g. the email is taken). With a memory database, call it
// while no other store::Db of yours holds a connection (it needs the single writer).
MemberId create_member(store::Database& database, std::string email, Role role,
                       std::string name = {});

// One member of each community role, all with password kPassword: admin@example.org ("Ada
// Admin"), trainer@example.org ("Tom Trainer"), trainee@example.org ("Tess Trainee") and
// guest@example.org ("Gil Guest").
struct Community {
    MemberId admin;
    MemberId trainer;
    MemberId trainee;
    MemberId guest;
};
Community create_community(store::Database& database);

// A client signed in as `email` (password kPassword): it holds the session cookie and sends the
// CSRF token. Defined here, not in people.cpp, so unit tests may use create_member without
// linking the HTTP client.
inline HttpClient sign_in(TestServer& server, std::string email) {
    HttpClient client = server.client();
    auto const response = client.post(
        "/api/v1/session", boost::json::object{{"email", email}, {"password", kPassword}});
    if (response.status != 200) {
        throw std::runtime_error("sign_in(" + email + ") answered " +
                                 std::to_string(response.status) + ": " + response.body);
    }
    client.set_csrf_token(std::string(response.json().at("csrf_token").as_string()));
    return client;
}

}  // namespace village::testing
