// Who may import and export, for every kind of person: importing is for community admins;
// exporting a board is for its admins (and community admins). A board one may not see answers
// an export exactly as a board that does not exist.
#include "imports_fixture.hpp"

namespace village::imports_testing {
namespace {

class ImportAccess : public ::testing::Test {
  protected:
    testing::TestServer server;
    testing::Community people = testing::create_community(server.database());
    std::string const fixture = read_file(fixtures_dir() / "equal_pos.json");

    HttpClient as(std::string const& who) {
        if (who == "anonymous") return server.client();
        return testing::sign_in(server, who + "@example.org");
    }
};

TEST_F(ImportAccess, OnlyCommunityAdminsImport) {
    struct Case {
        std::string who;
        int status;
    };
    for (auto const& c : std::vector<Case>{{"anonymous", 401},
                                           {"guest", 403},
                                           {"trainee", 403},
                                           {"trainer", 403},
                                           {"admin", 201}}) {
        for (std::string source : {"trello", "village"}) {
            SCOPED_TRACE(c.who + " " + source);
            auto client = as(c.who);
            auto const before = row_counts(server.database());
            // A Village export of the same board, for the village route.
            std::string body = fixture;
            if (source == "village") {
                body = R"({"format":"village-board","version":1,"board":{"name":"B","lists":[]}})";
            }
            auto r = upload(client, "/api/v1/imports/" + source, body);
            EXPECT_EQ(r.status, c.status) << r.body.substr(0, 200);
            if (c.status != 201) {
                EXPECT_EQ(row_counts(server.database()), before);
            } else {
                EXPECT_EQ(r.json().at("report").at("source").as_string(), source);
            }
        }
    }
}

TEST_F(ImportAccess, ExportIsForBoardAdminsAndHiddenBoardsAnswerAsMissing) {
    auto trainer = as("trainer");
    auto const board_of = [&](std::string const& visibility) {
        return json_of(trainer.post("/api/v1/boards", bj::object{{"name", "Teaching " + visibility},
                                                                 {"visibility", visibility}}),
                       201)
            .at("id")
            .as_int64();
    };
    auto const community = board_of("community");
    auto const hidden = board_of("private");
    std::map<std::string, std::string> roles{
        {"viewer", "viewer"}, {"member", "member"}, {"editor", "editor"}, {"boardadmin", "admin"}};
    for (auto const& [name, role] : roles) {
        auto const id =
            testing::create_member(server.database(), name + "@example.org", Role::trainee);
        auto r = trainer.put(
            "/api/v1/boards/" + std::to_string(community) + "/members/" + std::to_string(id.value),
            bj::object{{"role", role}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    struct Case {
        std::string who;
        int community;  // status for the community board
        int hidden;     // for the private board of the trainer
    };
    std::vector<Case> const cases{
        {"anonymous", 401, 401},  {"guest", 404, 404},   {"trainee", 403, 404},
        {"viewer", 403, 404},     {"member", 403, 404},  {"editor", 403, 404},
        {"boardadmin", 200, 404}, {"trainer", 200, 200}, {"admin", 200, 200}};
    for (auto const& c : cases) {
        auto client = as(c.who);
        for (std::string format : {"json", "csv"}) {
            SCOPED_TRACE(c.who + " " + format);
            auto r = client.get("/api/v1/boards/" + std::to_string(community) +
                                "/export?format=" + format);
            EXPECT_EQ(r.status, c.community) << r.body.substr(0, 200);
            auto h =
                client.get("/api/v1/boards/" + std::to_string(hidden) + "/export?format=" + format);
            EXPECT_EQ(h.status, c.hidden);
            if (c.hidden == 404) {
                auto missing = client.get("/api/v1/boards/999999/export?format=" + format);
                EXPECT_EQ(h.body, missing.body);  // hidden reads exactly as missing
            }
            if (r.status == 200) {
                EXPECT_NE(r.header("content-disposition").value_or("").find("attachment"),
                          std::string::npos);
            }
        }
    }
    auto admin = as("admin");
    auto bad = admin.get("/api/v1/boards/" + std::to_string(community) + "/export?format=xml");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.error_code(), "bad_request");
}

}  // namespace
}  // namespace village::imports_testing
