// A running server with one member of each role, a signed-in client for each and an anonymous
// one, for the accounts integration tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_server.hpp"

namespace village::accounts_it {

namespace bj = boost::json;
using testing::HttpClient;
using testing::HttpResponse;

class AccountsFixture : public ::testing::Test {
  protected:
    AccountsFixture()
        : people(testing::create_community(server.database())),
          anonymous(server.client()),
          guest(testing::sign_in(server, "guest@example.org")),
          trainee(testing::sign_in(server, "trainee@example.org")),
          trainer(testing::sign_in(server, "trainer@example.org")),
          admin(testing::sign_in(server, "admin@example.org")) {}

    // A number from the server's own database, to check what was (not) written.
    std::int64_t count(std::string const& sql) {
        store::Db db(server.database());
        return db.query_one(sql)->i64(0);
    }
    std::int64_t activity_rows() { return count("SELECT COUNT(*) FROM activity"); }

    testing::TestServer server;
    testing::Community people;
    HttpClient anonymous;
    HttpClient guest;
    HttpClient trainee;
    HttpClient trainer;
    HttpClient admin;
};

// The error shape every failure must have.
inline void expect_error_shape(HttpResponse const& r, int status, std::string const& code,
                               std::string const& field = {}) {
    EXPECT_EQ(r.status, status) << r.body;
    auto const body = r.json();
    ASSERT_TRUE(body.is_object()) << r.body;
    auto const& error = body.at("error").as_object();
    EXPECT_EQ(error.at("code").as_string(), code) << r.body;
    EXPECT_TRUE(error.at("message").is_string());
    if (field.empty()) {
        EXPECT_TRUE(error.at("field").is_null()) << r.body;
    } else {
        EXPECT_EQ(error.at("field"), bj::value(field)) << r.body;
    }
}

inline std::string id_path(std::string const& prefix, MemberId id) {
    return prefix + std::to_string(id.value);
}

}  // namespace village::accounts_it
