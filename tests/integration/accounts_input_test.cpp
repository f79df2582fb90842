// Bad input to the accounts endpoints: invalid JSON, wrong types, missing fields, oversize
// fields, invalid UTF-8. Each gets a 4xx in the error shape, and nothing is written.
#include <gtest/gtest.h>

#include "accounts_fixture.hpp"

namespace village::accounts_it {

namespace {

struct Bad {
    std::string name;
    std::string body;  // raw bytes, sent as they are
    int status;
    std::string field;  // empty: the error names no field
};

std::string big(std::size_t n) {
    return std::string(n, 'x');
}

// ["i0","i1",…] with n entries.
std::string json_list(int n) {
    std::string items;
    for (int i = 0; i < n; ++i) items += (i ? ",\"i" : "\"i") + std::to_string(i) + "\"";
    return "[" + items + "]";
}

std::string code_for(int status) {
    switch (status) {
        case 400:
            return "bad_request";
        case 409:
            return "conflict";
        case 413:
            return "too_large";
        case 422:
            return "unprocessable";
        default:
            return "?";
    }
}

}  // namespace

class InputTest : public AccountsFixture {
  protected:
    // Sends each bad body, checks the error, and that nothing at all changed in the tables.
    void expect_refused(HttpClient& client, std::string const& method, std::string const& target,
                        std::vector<Bad> const& cases) {
        auto const snapshot = [&] {
            return std::vector<std::int64_t>{
                activity_rows(),
                count("SELECT COUNT(*) FROM members"),
                count("SELECT COUNT(*) FROM groups"),
                count("SELECT COUNT(*) FROM access_tokens"),
                count("SELECT COUNT(*) FROM sessions"),
                count("SELECT COALESCE(SUM(updated_at), 0) FROM members")};
        };
        auto const before = snapshot();
        for (auto const& c : cases) {
            SCOPED_TRACE(method + " " + target + ": " + c.name);
            auto const r = client.request(method, target, c.body);
            EXPECT_GE(r.status, 400);
            EXPECT_LT(r.status, 500);
            expect_error_shape(r, c.status, code_for(c.status), c.field);
        }
        EXPECT_EQ(snapshot(), before) << "a refused request wrote something";
    }
};

TEST_F(InputTest, SignIn) {
    expect_refused(
        anonymous, "POST", "/api/v1/session",
        {
            {"not JSON", "{email:", 400, ""},
            {"an array", "[]", 400, ""},
            {"missing password", R"({"email":"guest@example.org"})", 400, "password"},
            {"missing email", R"({"password":"correct horse"})", 400, "email"},
            {"email a number", R"({"email":7,"password":"x"})", 400, "email"},
            {"password a list", R"({"email":"guest@example.org","password":[]})", 400, "password"},
            {"not an email", R"({"email":"guest","password":"whatever it is"})", 400, "email"},
            {"oversize email", R"({"email":")" + big(300) + R"(@example.org","password":"x"})", 413,
             "email"},
            {"oversize password",
             R"({"email":"guest@example.org","password":")" + big(300) + R"("})", 413, "password"},
            {"invalid UTF-8", "{\"email\":\"guest\xff@example.org\",\"password\":\"x\"}", 400, ""},
        });
}

TEST_F(InputTest, CreateMember) {
    expect_refused(
        admin, "POST", "/api/v1/members",
        {
            {"not JSON", "{\"email\": \"a@example.org\"", 400, ""},
            {"missing email", R"({"display_name":"A"})", 400, "email"},
            {"missing name", R"({"email":"a@example.org"})", 400, "display_name"},
            {"empty name", R"({"email":"a@example.org","display_name":"  "})", 400, "display_name"},
            {"unknown role", R"({"email":"a@example.org","display_name":"A","role":"boss"})", 400,
             "role"},
            {"role a number", R"({"email":"a@example.org","display_name":"A","role":1})", 400,
             "role"},
            {"grade a number", R"({"email":"a@example.org","display_name":"A","grade":3})", 400,
             "grade"},
            {"interests not a list",
             R"({"email":"a@example.org","display_name":"A","interests":"neonates"})", 400,
             "interests"},
            {"oversize name", R"({"email":"a@example.org","display_name":")" + big(201) + R"("})",
             413, "display_name"},
            {"oversize site",
             R"({"email":"a@example.org","display_name":"A","site":")" + big(201) + R"("})", 413,
             "site"},
            {"oversize interest",
             R"({"email":"a@example.org","display_name":"A","interests":[")" + big(201) + R"("]})",
             413, "interests"},
            {"short password", R"({"email":"a@example.org","display_name":"A","password":"short"})",
             422, "password"},
            {"invalid UTF-8", "{\"email\":\"a@example.org\",\"display_name\":\"\xc3\x28\"}", 400,
             ""},
            {"taken email, other case", R"({"email":"Trainee@EXAMPLE.org","display_name":"Copy"})",
             409, "email"},
        });
}

TEST_F(InputTest, DuplicateEmailInAnyCaseIs409) {
    auto r = admin.post("/api/v1/members",
                        bj::object{{"email", "ADMIN@example.ORG"}, {"display_name", "Copy"}});
    expect_error_shape(r, 409, "conflict", "email");
    EXPECT_EQ(count("SELECT COUNT(*) FROM members"), 4);
}

TEST_F(InputTest, PatchMe) {
    expect_refused(
        trainee, "PATCH", "/api/v1/me",
        {
            {"not JSON", "nope", 400, ""},
            {"name null", R"({"display_name":null})", 400, "display_name"},
            {"name a number", R"({"display_name":5})", 400, "display_name"},
            {"empty name", R"({"display_name":""})", 400, "display_name"},
            {"oversize grade", R"({"grade":")" + big(201) + R"("})", 413, "grade"},
            {"too many interests", R"({"interests":)" + json_list(31) + "}", 413, "interests"},
            {"new password without the current one", R"({"password":"a brand new password"})", 400,
             "current_password"},
            {"short new password",
             R"({"password":"short","current_password":"correct horse battery staple"})", 422,
             "password"},
            {"invalid UTF-8 in site", "{\"site\":\"\xed\xa0\x80\"}", 400, ""},
        });
}

TEST_F(InputTest, AdminPatchMember) {
    auto const target = id_path("/api/v1/members/", people.trainee);
    expect_refused(
        admin, "PATCH", target,
        {
            {"not JSON", "{", 400, ""},
            {"unknown role", R"({"role":"owner"})", 400, "role"},
            {"deactivated as text", R"({"deactivated":"yes"})", 400, "deactivated"},
            {"oversize name", R"({"display_name":")" + big(201) + R"("})", 413, "display_name"},
        });
    expect_error_shape(admin.patch("/api/v1/members/999999", bj::object{{"grade", "ST1"}}), 404,
                       "not_found");
    expect_error_shape(admin.patch("/api/v1/members/abc", bj::object{{"grade", "ST1"}}), 404,
                       "not_found");
    // Demoting the only admin breaks a rule.
    expect_error_shape(
        admin.patch(id_path("/api/v1/members/", people.admin), bj::object{{"role", "trainer"}}),
        422, "unprocessable", "role");
}

TEST_F(InputTest, Groups) {
    ASSERT_EQ(admin.post("/api/v1/groups", bj::object{{"name", "Trainers"}}).status, 201);
    expect_refused(admin, "POST", "/api/v1/groups",
                   {
                       {"not JSON", "[1,2", 400, ""},
                       {"missing name", R"({"description":"x"})", 400, "name"},
                       {"name a list", R"({"name":["a"]})", 400, "name"},
                       {"oversize name", R"({"name":")" + big(201) + R"("})", 413, "name"},
                       {"oversize description",
                        R"({"name":"B","description":")" + big(1001) + R"("})", 413, "description"},
                       {"taken name, other case", R"({"name":"TRAINERS"})", 409, "name"},
                   });
}

TEST_F(InputTest, Tokens) {
    expect_refused(trainee, "POST", "/api/v1/me/tokens",
                   {
                       {"not JSON", "", 400, ""},
                       {"missing name", "{}", 400, "name"},
                       {"oversize name", R"({"name":")" + big(201) + R"("})", 413, "name"},
                   });
}

TEST_F(InputTest, Pagination) {
    for (auto const* query : {"limit=0", "limit=201", "limit=x", "before=-1", "before=1.5"}) {
        SCOPED_TRACE(query);
        auto const r = trainee.get(std::string("/api/v1/members?") + query);
        EXPECT_EQ(r.status, 400) << r.body;
        EXPECT_EQ(r.error_code(), "bad_request");
    }
    EXPECT_EQ(trainee.get("/api/v1/groups?limit=500").status, 400);
}

}  // namespace village::accounts_it
