// Bad input on the boards endpoints, over real HTTP: every malformed body, wrong type, missing or
// oversize field, invalid UTF-8, malformed or unknown id and huge number answers a 4xx in the one
// error shape, and the database is unchanged afterwards.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_server.hpp"

namespace village {

namespace {

namespace bj = boost::json;
using testing::HttpClient;
using testing::HttpResponse;

struct BadRequest {
    std::string method;
    std::string target;  // {board}, {list}, {space}, {member} are replaced
    std::string body;
    int status;
    std::string field;  // expected error.field; "" for none
};

class BoardsInput : public ::testing::Test {
  protected:
    testing::TestServer server;
    testing::Community people = testing::create_community(server.database());
    HttpClient admin = testing::sign_in(server, "admin@example.org");
    std::int64_t space = 0;
    std::int64_t board = 0;
    std::int64_t list = 0;

    void SetUp() override {
        space = created(admin.post("/api/v1/spaces", bj::object{{"name", "Neonatology"}}));
        board = created(admin.post("/api/v1/boards", bj::object{{"name", "Teaching"}}));
        list = created(admin.post("/api/v1/boards/" + std::to_string(board) + "/lists",
                                  bj::object{{"name", "Notices"}}));
    }

    static std::int64_t created(HttpResponse const& r) {
        if (r.status != 201) throw std::runtime_error("setup: " + r.body);
        return r.json().at("id").as_int64();
    }

    std::string expand(std::string target) const {
        auto replace = [&](std::string const& key, std::int64_t value) {
            for (auto at = target.find(key); at != std::string::npos; at = target.find(key)) {
                target.replace(at, key.size(), std::to_string(value));
            }
        };
        replace("{board}", board);
        replace("{list}", list);
        replace("{space}", space);
        replace("{member}", people.trainee.value);
        return target;
    }

    std::map<std::string, std::string> snapshot() {
        store::Db db(server.database());
        std::map<std::string, std::string> out;
        for (auto const& [table, columns] : std::vector<std::pair<std::string, std::string>>{
                 {"spaces", "id, name, description, position"},
                 {"boards",
                  "id, space_id, name, description, visibility, default_role, "
                  "comments_enabled, archived_at, version"},
                 {"board_members", "board_id, member_id, role"},
                 {"board_groups", "board_id, group_id"},
                 {"lists", "id, name, position, archived_at"},
                 {"activity", "id"}}) {
            std::string all;
            for (auto const& row : db.query("SELECT " + columns + " FROM " + table)) {
                for (std::size_t i = 0; i < row.size(); ++i) all += row.text(i) + "|";
                all += "\n";
            }
            out[table] = all;
        }
        return out;
    }
};

std::string big(std::size_t n) {
    return std::string(n, 'x');
}

}  // namespace

TEST_F(BoardsInput, EveryBadRequestIsA4xxInTheErrorShapeAndWritesNothing) {
    std::string const bad_utf8 = "{\"name\": \"caf\xc3\x28\"}";
    std::string const overlong = "{\"name\": \"\xc0\xaf\"}";
    std::vector<BadRequest> const cases{
        // Spaces
        {"POST", "/api/v1/spaces", "", 400, ""},
        {"POST", "/api/v1/spaces", "{", 400, ""},
        {"POST", "/api/v1/spaces", "[1, 2]", 400, ""},
        {"POST", "/api/v1/spaces", "null", 400, ""},
        {"POST", "/api/v1/spaces", "{}", 400, "name"},
        {"POST", "/api/v1/spaces", R"({"name": 12})", 400, "name"},
        {"POST", "/api/v1/spaces", R"({"name": "  "})", 400, "name"},
        {"POST", "/api/v1/spaces", R"({"name": ")" + big(201) + R"("})", 413, "name"},
        {"POST", "/api/v1/spaces", R"({"name": "a", "description": ")" + big(2001) + R"("})", 413,
         "description"},
        {"POST", "/api/v1/spaces", bad_utf8, 400, ""},
        {"POST", "/api/v1/spaces", overlong, 400, ""},
        {"POST", "/api/v1/spaces", R"({"name": "a", "after_id": "1"})", 400, "after_id"},
        {"POST", "/api/v1/spaces", R"({"name": "a", "after_id": 1, "before_id": 1})", 400,
         "before_id"},
        {"POST", "/api/v1/spaces", R"({"name": "a", "after_id": 99999})", 422, "after_id"},
        {"POST", "/api/v1/spaces", R"({"name": "NEONATOLOGY"})", 409, "name"},
        {"PATCH", "/api/v1/spaces/{space}", R"({"name": null})", 400, "name"},
        {"PATCH", "/api/v1/spaces/{space}", R"({"description": 5})", 400, "description"},
        {"PATCH", "/api/v1/spaces/abc", R"({"name": "x"})", 404, ""},
        {"PATCH", "/api/v1/spaces/-1", R"({"name": "x"})", 404, ""},
        {"PATCH", "/api/v1/spaces/99999999999999999999999", R"({"name": "x"})", 404, ""},
        {"PATCH", "/api/v1/spaces/424242", R"({"name": "x"})", 404, ""},
        {"DELETE", "/api/v1/spaces/0", "", 404, ""},
        // Boards
        {"POST", "/api/v1/boards", "not json", 400, ""},
        {"POST", "/api/v1/boards", R"({"name": "a",})", 400, ""},
        {"POST", "/api/v1/boards", "{}", 400, "name"},
        {"POST", "/api/v1/boards", R"({"name": ["a"]})", 400, "name"},
        {"POST", "/api/v1/boards", R"({"name": ")" + big(513) + R"("})", 413, "name"},
        {"POST", "/api/v1/boards", R"({"name": "a", "description": ")" + big(5001) + R"("})", 413,
         "description"},
        {"POST", "/api/v1/boards", bad_utf8, 400, ""},
        {"POST", "/api/v1/boards", R"({"name": "a", "visibility": "secret"})", 400, "visibility"},
        {"POST", "/api/v1/boards", R"({"name": "a", "visibility": true})", 400, "visibility"},
        {"POST", "/api/v1/boards", R"({"name": "a", "default_role": "editor"})", 400,
         "default_role"},
        {"POST", "/api/v1/boards", R"({"name": "a", "comments_enabled": "yes"})", 400,
         "comments_enabled"},
        {"POST", "/api/v1/boards", R"({"name": "a", "space_id": "1"})", 400, "space_id"},
        {"POST", "/api/v1/boards", R"({"name": "a", "space_id": 1.5})", 400, "space_id"},
        {"POST", "/api/v1/boards", R"({"name": "a", "space_id": 0})", 400, "space_id"},
        {"POST", "/api/v1/boards", R"({"name": "a", "space_id": 18446744073709551615})", 400,
         "space_id"},
        {"POST", "/api/v1/boards", R"({"name": "a", "space_id": 1e300})", 400, "space_id"},
        {"POST", "/api/v1/boards", R"({"name": "a", "space_id": 9223372036854775807})", 422,
         "space_id"},
        {"POST", "/api/v1/boards", R"({"name": "a", "group_ids": 3})", 400, "group_ids"},
        {"POST", "/api/v1/boards", R"({"name": "a", "group_ids": [-3]})", 400, "group_ids"},
        {"POST", "/api/v1/boards", R"({"name": "a", "group_ids": [777]})", 422, "group_ids"},
        {"POST", "/api/v1/boards",
         R"({"name": "a", "group_ids": [)" +
             [] {
                 std::string ids;
                 for (int i = 1; i <= 201; ++i) ids += (i > 1 ? "," : "") + std::to_string(i);
                 return ids;
             }() +
             "]}",
         413, "group_ids"},
        {"PATCH", "/api/v1/boards/{board}", "[]", 400, ""},
        {"PATCH", "/api/v1/boards/{board}", R"({"name": ""})", 400, "name"},
        {"PATCH", "/api/v1/boards/{board}", R"({"name": null})", 400, "name"},
        {"PATCH", "/api/v1/boards/{board}", R"({"archived": "true"})", 400, "archived"},
        {"PATCH", "/api/v1/boards/{board}", R"({"visibility": "everyone"})", 400, "visibility"},
        {"PATCH", "/api/v1/boards/{board}", R"({"space_id": 5000})", 422, "space_id"},
        {"PATCH", "/api/v1/boards/x1", R"({"name": "a"})", 404, ""},
        {"PATCH", "/api/v1/boards/1e3", R"({"name": "a"})", 404, ""},
        {"DELETE", "/api/v1/boards/%00", "", 400, ""},
        {"DELETE", "/api/v1/boards/555555", "", 404, ""},
        {"GET", "/api/v1/boards/{board}?archived=maybe", "", 400, "archived"},
        {"GET", "/api/v1/boards/12abc", "", 404, ""},
        {"GET", "/api/v1/boards/{board}/activity?limit=0", "", 400, "limit"},
        {"GET", "/api/v1/boards/{board}/activity?limit=201", "", 400, "limit"},
        {"GET", "/api/v1/boards/{board}/activity?limit=ten", "", 400, "limit"},
        {"GET", "/api/v1/boards/{board}/activity?before=-5", "", 400, "before"},
        {"GET", "/api/v1/boards/{board}/activity?before=99999999999999999999999", "", 400,
         "before"},
        // Board members
        {"PUT", "/api/v1/boards/{board}/members/{member}", "{}", 400, "role"},
        {"PUT", "/api/v1/boards/{board}/members/{member}", R"({"role": "owner"})", 400, "role"},
        {"PUT", "/api/v1/boards/{board}/members/{member}", R"({"role": "reader"})", 400, "role"},
        {"PUT", "/api/v1/boards/{board}/members/{member}", R"({"role": 1})", 400, "role"},
        {"PUT", "/api/v1/boards/{board}/members/abc", R"({"role": "viewer"})", 404, ""},
        {"PUT", "/api/v1/boards/{board}/members/8888", R"({"role": "viewer"})", 404, ""},
        {"DELETE", "/api/v1/boards/{board}/members/{member}", "", 404, ""},
        {"DELETE", "/api/v1/boards/{board}/members/-2", "", 404, ""},
        // Lists
        {"POST", "/api/v1/boards/{board}/lists", "{}", 400, "name"},
        {"POST", "/api/v1/boards/{board}/lists", R"({"name": false})", 400, "name"},
        {"POST", "/api/v1/boards/{board}/lists", R"({"name": ")" + big(513) + R"("})", 413, "name"},
        {"POST", "/api/v1/boards/{board}/lists", bad_utf8, 400, ""},
        {"POST", "/api/v1/boards/{board}/lists",
         R"({"name": "a", "before_id": {list}})"
         "x",
         400, ""},
        {"POST", "/api/v1/boards/{board}/lists", R"({"name": "a", "before_id": 31337})", 422,
         "before_id"},
        {"POST", "/api/v1/boards/{board}/lists", R"({"name": "a", "after_id": [1]})", 400,
         "after_id"},
        {"POST", "/api/v1/boards/0/lists", R"({"name": "a"})", 404, ""},
        {"PATCH", "/api/v1/lists/{list}", R"({"name": ""})", 400, "name"},
        {"PATCH", "/api/v1/lists/{list}", R"({"archived": null, "name": 7})", 400, "name"},
        {"PATCH", "/api/v1/lists/{list}", R"({"archived": 0})", 400, "archived"},
        {"PATCH", "/api/v1/lists/{list}", R"({"after_id": {list}})", 422, "after_id"},
        {"PATCH", "/api/v1/lists/{list}", R"({"after_id": 1, "before_id": 2})", 400, "before_id"},
        {"PATCH", "/api/v1/lists/999999", R"({"name": "a"})", 404, ""},
        {"PATCH", "/api/v1/lists/list", R"({"name": "a"})", 404, ""},
        {"DELETE", "/api/v1/lists/9223372036854775808", "", 404, ""},
    };
    auto const before = snapshot();
    for (auto const& c : cases) {
        auto const target = expand(c.target);
        auto const body = expand(c.body);
        SCOPED_TRACE(c.method + " " + target + " " + body.substr(0, 80));
        auto const r = admin.request(c.method, target, body);
        EXPECT_EQ(r.status, c.status) << r.body;
        bj::value json;
        ASSERT_NO_THROW(json = r.json()) << r.body;
        auto const& error = json.at("error").as_object();
        EXPECT_FALSE(error.at("code").as_string().empty());
        EXPECT_FALSE(error.at("message").as_string().empty());
        if (c.field.empty()) {
            EXPECT_TRUE(error.contains("field"));
        } else {
            EXPECT_EQ(error.at("field"), bj::value(c.field));
        }
    }
    EXPECT_EQ(snapshot(), before);
}

TEST_F(BoardsInput, AFullBodyIsRefusedAndTheLastAdminStays) {
    auto const before = snapshot();
    auto huge = admin.request("POST", "/api/v1/boards",
                              R"({"name": "a", "description": ")" + big(2 * 1024 * 1024) + "\"}");
    EXPECT_EQ(huge.status, 413);
    auto const me = admin.get("/api/v1/session").json().at("member").at("id").as_int64();
    auto const self = "/api/v1/boards/" + std::to_string(board) + "/members/" + std::to_string(me);
    auto demote = admin.put(self, bj::object{{"role", "editor"}});
    EXPECT_EQ(demote.status, 422);
    EXPECT_EQ(demote.error_code(), "unprocessable");
    EXPECT_EQ(admin.del(self).status, 422);
    EXPECT_EQ(snapshot(), before);
}

}  // namespace village
