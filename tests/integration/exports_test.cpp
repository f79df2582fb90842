// Exporting a board: Village's own JSON restores exactly (export → import → export gives the
// same document), and the CSV parses back into one row per card with what the board shows.
#include "imports_fixture.hpp"

namespace village::imports_testing {
namespace {

// An RFC 4180 reader, written here so the test does not trust the writer it checks.
std::vector<std::vector<std::string>> parse_csv(std::string const& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "unterminated quoted field";
    EXPECT_TRUE(field.empty() && row.empty()) << "the last row lacks its CRLF";
    return rows;
}

class Export : public ::testing::Test {
  protected:
    testing::TestServer server;
    testing::Community people = testing::create_community(server.database());
    HttpClient admin = testing::sign_in(server, "admin@example.org");

    std::int64_t import(std::string const& source, std::string const& body) {
        return json_of(upload(admin, "/api/v1/imports/" + source, body), 201)
            .at("report")
            .at("board_id")
            .as_int64();
    }

    std::string export_of(std::int64_t board, std::string const& format) {
        auto r = admin.get("/api/v1/boards/" + std::to_string(board) + "/export?format=" + format);
        if (r.status != 200) throw std::runtime_error("export: " + r.body);
        return r.body;
    }

    // A board with what only Village has: a member's card and comment, a removed comment, a
    // pinned card, an assignee, a location and times.
    void add_village_things(std::int64_t board) {
        // The assignee must see the board (an imported board is private to the importer).
        auto role = admin.put("/api/v1/boards/" + std::to_string(board) + "/members/" +
                                  std::to_string(people.trainer.value),
                              bj::object{{"role", "member"}});
        ASSERT_EQ(role.status, 200) << role.body;
        auto doc = json_of(admin.get("/api/v1/boards/" + std::to_string(board)), 200);
        auto const list = doc.at("lists").at(0).at("id").as_int64();
        auto card =
            json_of(admin.post("/api/v1/lists/" + std::to_string(list) + "/cards",
                               bj::object{{"title", "=SUM(A1) \"quoted\", and more"},
                                          {"body", "Line 1,\nLine \"2\""},
                                          {"location", "Seminar room, 2nd floor"},
                                          {"start_at", "2026-03-01T09:00:00Z"},
                                          {"due_at", "2026-03-01T17:00:00Z"},
                                          {"pinned", true},
                                          {"assignee_ids", bj::array{people.trainer.value}}}),
                    201);
        auto const id = std::to_string(card.at("id").as_int64());
        json_of(admin.post("/api/v1/cards/" + id + "/comments", bj::object{{"body", "Kept"}}), 201);
        auto removed = json_of(
            admin.post("/api/v1/cards/" + id + "/comments", bj::object{{"body", "Removed"}}), 201);
        auto r = admin.del("/api/v1/comments/" + std::to_string(removed.at("id").as_int64()));
        ASSERT_EQ(r.status, 204) << r.body;
    }
};

TEST_F(Export, VillageJsonRoundTripsExactly) {
    for (std::string name : {"christophenne__trello2planka__sample-board-export.json",
                             "Skiitr__trello-data-reporter-node__trello.json",
                             "wekan__wekan__trello-project100.json"}) {
        SCOPED_TRACE(name);
        auto const first = import("trello", read_file(shared_exports_dir() / name));
        add_village_things(first);
        auto const exported = export_of(first, "json");
        auto const second = import("village", exported);
        ASSERT_NE(second, first);
        auto const again = export_of(second, "json");
        auto a = bj::parse(exported).as_object();
        auto b = bj::parse(again).as_object();
        EXPECT_EQ(a.at("format"), "village-board");
        a.erase("exported_at");
        b.erase("exported_at");
        EXPECT_EQ(bj::serialize(a), bj::serialize(b));
        // And the restored board reads like the first, list by list and card by card.
        auto const x = read_back(admin, first);
        auto const y = read_back(admin, second);
        ASSERT_EQ(x.lists.size(), y.lists.size());
        for (std::size_t i = 0; i < x.lists.size(); ++i) {
            ASSERT_EQ(x.lists[i].cards.size(), y.lists[i].cards.size());
            for (std::size_t j = 0; j < x.lists[i].cards.size(); ++j) {
                auto const& p = x.lists[i].cards[j];
                auto const& q = y.lists[i].cards[j];
                for (auto key :
                     {"title", "body", "body_html", "due_at", "start_at", "location", "cover_url",
                      "pinned", "archived", "imported_assignees", "attachments"}) {
                    if (std::string(key) == "attachments") {
                        ASSERT_EQ(p.card.at(key).as_array().size(),
                                  q.card.at(key).as_array().size());
                        continue;
                    }
                    EXPECT_EQ(p.card.at(key), q.card.at(key)) << key;
                }
                ASSERT_EQ(p.comments.size(), q.comments.size());
                for (std::size_t k = 0; k < p.comments.size(); ++k) {
                    for (auto key : {"body", "created_at", "updated_at", "deleted", "author",
                                     "imported_author"}) {
                        EXPECT_EQ(p.comments[k].at(key), q.comments[k].at(key)) << key;
                    }
                }
            }
        }
    }
}

TEST_F(Export, CsvHasOneRowPerCardWithWhatTheBoardShows) {
    auto const board = import(
        "trello",
        read_file(shared_exports_dir() / "christophenne__trello2planka__sample-board-export.json"));
    add_village_things(board);
    auto r = admin.get("/api/v1/boards/" + std::to_string(board) + "/export?format=csv");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type").value_or(""), "text/csv; charset=utf-8");
    auto const rows = parse_csv(r.body);
    auto const shown = read_back(admin, board);
    std::size_t cards = 0;
    for (auto const& list : shown.lists) cards += list.cards.size();
    ASSERT_EQ(rows.size(), cards + 1);
    auto const& header = rows[0];
    ASSERT_EQ(header.at(0), "list");
    ASSERT_EQ(header.at(1), "title");
    ASSERT_EQ(header.at(2), "description");
    ASSERT_EQ(header.at(3), "labels");
    ASSERT_EQ(header.at(13), "archived");
    // Spreadsheets would run text starting with = + - @ as a formula: it carries a leading '.
    auto const guarded = [](std::string s) {
        if (!s.empty() && std::string("=+-@\t\r").find(s.front()) != std::string::npos) {
            s.insert(s.begin(), '\'');
        }
        return s;
    };
    std::size_t row = 1;
    for (auto const& list : shown.lists) {
        for (auto const& card : list.cards) {
            auto const& fields = rows.at(row++);
            ASSERT_EQ(fields.size(), header.size());
            EXPECT_EQ(fields[0], guarded(list.name));
            EXPECT_EQ(fields[1], guarded(str(card.card.at("title"))));
            EXPECT_EQ(fields[2], guarded(str(card.card.at("body"))));
            std::string labels;
            for (auto const& l : card.card.at("labels").as_array()) {
                if (!labels.empty()) labels += "; ";
                labels += str(l.at("name")).empty() ? str(l.at("color")) : str(l.at("name"));
            }
            EXPECT_EQ(fields[3], guarded(labels));
            bool const archived = card.card.at("archived").as_bool() || list.archived;
            EXPECT_EQ(fields[13], archived ? "yes" : "no");
        }
    }
    // The card with commas, quotes and a formula-looking title came through intact.
    bool found = false;
    for (auto const& fields : rows) {
        if (fields[1] == "'=SUM(A1) \"quoted\", and more") {
            found = true;
            EXPECT_EQ(fields[2], "Line 1,\nLine \"2\"");
            EXPECT_EQ(fields[7], "Seminar room, 2nd floor");
            EXPECT_EQ(fields[8], "Tom Trainer");
        }
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace village::imports_testing
