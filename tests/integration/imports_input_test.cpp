// Imports of files that are not what they should be: each gets a clear 4xx in the error shape
// and writes nothing (every table an import touches keeps its row count). And big files: an
// export of more than 50 MB is accepted; one over the limit is refused before it is parsed.
#include "imports_fixture.hpp"

namespace village::imports_testing {
namespace {

class ImportInput : public ::testing::Test {
  protected:
    testing::TestServer server;
    testing::Community people = testing::create_community(server.database());
    HttpClient admin = testing::sign_in(server, "admin@example.org");

    // Uploads `body` and expects `status` with `code` and a message containing `says`, and no
    // row written anywhere.
    void refused(std::string const& target, std::string const& body, int status,
                 std::string const& code, std::string const& says) {
        auto const before = row_counts(server.database());
        auto r = upload(admin, target, body);
        EXPECT_EQ(r.status, status) << r.body.substr(0, 300);
        EXPECT_EQ(r.error_code(), code);
        if (r.status >= 400 && r.status != 413) {
            EXPECT_NE(str(r.json().at("error").at("message")).find(says), std::string::npos)
                << r.body;
        }
        EXPECT_EQ(row_counts(server.database()), before);
    }
};

TEST_F(ImportInput, MalformedTrelloFilesAreRefusedAndWriteNothing) {
    auto const t = "/api/v1/imports/trello";
    refused(t, read_file(fixtures_dir() / "not_json.txt"), 400, "bad_request", "not valid JSON");
    refused(t, read_file(fixtures_dir() / "truncated.json"), 400, "bad_request", "truncated");
    refused(t, read_file(fixtures_dir() / "not_trello.json"), 400, "bad_request",
            "not a Trello board export");
    refused(t, read_file(fixtures_dir() / "cards_array.json"), 400, "bad_request",
            "not a Trello board export");
    refused(t, read_file(fixtures_dir() / "wrong_types.json"), 400, "bad_request",
            "cards[0].name must be text");
    refused(t, read_file(fixtures_dir() / "wrong_pos_type.json"), 400, "bad_request",
            "lists[0].pos must be a number");
    refused(t, "", 400, "bad_request", "empty");
    refused(t, "\xff\xfe{\"name\":1}", 400, "bad_request", "not valid");
}

TEST_F(ImportInput, ARealExportCutShortIsRefusedAsTruncated) {
    auto const text = read_file(shared_exports_dir() / "wekan__wekan__trello-project100.json");
    for (auto cut : {text.size() / 10, text.size() / 2, text.size() - 2}) {
        SCOPED_TRACE(cut);
        refused("/api/v1/imports/trello", text.substr(0, cut), 400, "bad_request", "truncated");
    }
}

TEST_F(ImportInput, AnUnknownSpaceIs422AndWritesNothing) {
    refused("/api/v1/imports/trello?space_id=999", read_file(fixtures_dir() / "equal_pos.json"),
            422, "unprocessable", "space");
    refused("/api/v1/imports/trello?space_id=abc", read_file(fixtures_dir() / "equal_pos.json"),
            400, "bad_request", "space_id");
}

TEST_F(ImportInput, MalformedVillageExportsAreRefusedAndWriteNothing) {
    auto const t = "/api/v1/imports/village";
    refused(t, read_file(fixtures_dir() / "equal_pos.json"), 400, "bad_request",
            "not a Village board export");
    refused(t, R"({"format":"village-board","version":99,"board":{}})", 400, "bad_request",
            "version");
    refused(t, R"({"format":"village-board","version":1,"board":{"name":"B","lists":[
               {"name":"L","cards":[{"title":"C","created_at":"yesterday"}]}]}})",
            400, "bad_request", "board.lists[0].cards[0].created_at");
    refused(t, R"({"format":"village-board","version":1,"board":{"name":"B","labels":[],
               "lists":[{"name":"L","cards":[{"title":"C","created_at":"2024-01-01T00:00:00Z",
               "labels":[3]}]}]}})",
            400, "bad_request", "labels[0]");
    refused(t, R"({"format":"village-board","version":1,"board":{"name":"B","lists":[
               {"name":"L","cards":[{"title":"C","created_at":"2024-01-01T00:00:00Z",
               "comments":[{"body":"","created_at":"2024-01-01T00:00:00Z"}]}]}]}})",
            400, "bad_request", "comments[0].body");
}

std::string fmt_id(std::size_t i) {
    auto const n = std::to_string(i);
    return "5f" + std::string(22 - n.size(), '0') + n;
}

// Big boards' exports run to tens of MB: one of about 52 MB arrives whole.
TEST_F(ImportInput, AnExportOfMoreThan50MBIsAccepted) {
    bj::array cards;
    bj::array actions;
    std::string const padding(12'000, 'x');  // the bulk real exports carry, e.g. in action data
    std::size_t const count = 4'400;
    for (std::size_t i = 0; i < count; ++i) {
        auto const id = fmt_id(i);
        cards.push_back(bj::object{{"id", id},
                                   {"name", "Card " + std::to_string(i)},
                                   {"idList", "5f0000000000000000000l01"},
                                   {"pos", static_cast<double>(i)},
                                   {"desc", "Body of card " + std::to_string(i)},
                                   {"pluginData", bj::object{{"value", padding}}}});
    }
    bj::object board{
        {"id", "5f0000000000000000000b01"},
        {"name", "Big"},
        {"lists",
         bj::array{bj::object{{"id", "5f0000000000000000000l01"}, {"name", "All"}, {"pos", 1}}}},
        {"cards", std::move(cards)}};
    auto const text = bj::serialize(board);
    ASSERT_GT(text.size(), 50u * 1000 * 1000);
    auto r = upload(admin, "/api/v1/imports/trello", text);
    ASSERT_EQ(r.status, 201) << r.body.substr(0, 300);
    EXPECT_EQ(r.json().at("report").at("counts").at("cards").as_int64(),
              static_cast<std::int64_t>(count));
}

TEST_F(ImportInput, AFileOverTheLimitIsRefusedBeforeItIsRead) {
    std::string const text(65 * 1024 * 1024, ' ');
    auto const before = row_counts(server.database());
    auto r = upload(admin, "/api/v1/imports/trello", text);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(r.error_code(), "too_large");
    EXPECT_EQ(row_counts(server.database()), before);
    // Other routes keep the 1 MiB limit.
    r = upload(admin, "/api/v1/boards", std::string(2 * 1024 * 1024, ' '));
    EXPECT_EQ(r.status, 413);
}

}  // namespace
}  // namespace village::imports_testing
