// Bad input to the card endpoints: every mistake gets a 4xx in the one error shape, naming the
// field where there is one, and the database is left exactly as it was.
#include <gtest/gtest.h>

#include "cards_fixture.hpp"

namespace village::cards_testing {
namespace {

using P = Persona;

struct Bad {
    std::string method;
    std::string path;
    std::string body;  // sent as is
    int status;
    std::string field;  // expected error.field; empty: null
};

std::string title_of(std::size_t chars) {
    return R"({"title":")" + std::string(chars, 'x') + R"("})";
}

TEST(CardsInput, BadRequestsAreRefusedInOneShapeAndChangeNothing) {
    CardsWorld world;
    auto const other_board = world.new_board("Elsewhere", "community");
    auto const other_list = world.new_list(other_board, "Inbox");
    auto const foreign_label = world.new_label(other_board, "Theirs", "red");
    auto const card = world.new_card(P::board_editor, "Existing");
    auto const elsewhere = world.new_card(P::board_editor, "Elsewhere", other_list);
    auto const comment = world.new_comment(P::board_editor, card, "A comment");
    auto const checklist = world.new_checklist(card);
    auto const item = world.new_item(checklist, "An item");
    auto const label = world.new_label(world.board, "Ours", "green");

    auto const cards = id_path("/api/v1/lists/", world.list, "/cards");
    auto const card_path = id_path("/api/v1/cards/", card);
    auto const guest_id = std::to_string(world.id(P::guest).value);
    std::string const big_body(64 * 1024 + 1, 'b');
    std::vector<Bad> const bad = {
        // Not JSON, not an object, wrong types, missing fields.
        {"POST", cards, "{", 400, ""},
        {"POST", cards, "[1,2]", 400, ""},
        {"POST", cards, "null", 400, ""},
        {"POST", cards, "", 400, ""},
        {"POST", cards, "{}", 400, "title"},
        {"POST", cards, R"({"title":null})", 400, "title"},
        {"POST", cards, R"({"title":5})", 400, "title"},
        {"POST", cards, R"({"title":"   "})", 400, "title"},
        {"POST", cards, R"({"title":["a"]})", 400, "title"},
        {"POST", cards, R"({"title":"a","body":7})", 400, "body"},
        {"POST", cards, R"({"title":"a","pinned":"yes"})", 400, "pinned"},
        {"POST", cards, R"({"title":"a","due_at":"next week"})", 400, "due_at"},
        {"POST", cards, R"({"title":"a","due_at":12345})", 400, "due_at"},
        {"POST", cards, R"({"title":"a","label_ids":"1"})", 400, "label_ids"},
        {"POST", cards, R"({"title":"a","label_ids":[1.5]})", 400, "label_ids"},
        {"POST", cards, R"({"title":"a","assignee_ids":[true]})", 400, "assignee_ids"},
        {"POST", cards, R"({"title":"a","location":{}})", 400, "location"},
        // Invalid UTF-8, raw and escaped as a lone surrogate.
        {"POST", cards, "{\"title\":\"bad \xff\xfe\"}", 400, ""},
        {"POST", cards, "{\"title\":\"caf\xc3\"}", 400, ""},
        // Oversize fields.
        {"POST", cards, title_of(513), 413, "title"},
        {"POST", cards, R"({"title":"a","body":")" + big_body + "\"}", 413, "body"},
        // Ids: huge, negative, fractional, text, zero.
        {"POST", cards, R"({"title":"a","after_id":1e400})", 400, ""},
        {"POST", cards, R"({"title":"a","after_id":99999999999999999999})", 400, "after_id"},
        {"POST", cards, R"({"title":"a","after_id":-3})", 400, "after_id"},
        {"POST", cards, R"({"title":"a","after_id":0})", 400, "after_id"},
        {"POST", cards, R"({"title":"a","after_id":2.5})", 400, "after_id"},
        {"POST", cards, R"({"title":"a","before_id":"7"})", 400, "before_id"},
        {"POST", cards, R"({"title":"a","before_id":1,"after_id":2})", 400, "before_id"},
        // Well-formed, but breaking a rule.
        {"POST", cards, R"({"title":"a","after_id":987654321})", 422, "after_id"},
        {"POST", cards, R"({"title":"a","after_id":)" + std::to_string(elsewhere) + "}", 422,
         "after_id"},
        {"POST", cards,
         R"({"title":"a","start_at":"2026-03-02T09:00:00Z","due_at":"2026-03-01T09:00:00Z"})", 422,
         "due_at"},
        {"POST", cards, R"({"title":"a","label_ids":[)" + std::to_string(foreign_label) + "]}", 422,
         "label_ids"},
        {"POST", cards, R"({"title":"a","label_ids":[)" + std::to_string(label) + ",987654]}", 422,
         "label_ids"},
        {"POST", cards, R"({"title":"a","assignee_ids":[)" + guest_id + "]}", 422, "assignee_ids"},
        // Path ids that are not ids.
        {"POST", "/api/v1/lists/abc/cards", R"({"title":"a"})", 404, ""},
        {"POST", "/api/v1/lists/0/cards", R"({"title":"a"})", 404, ""},
        {"POST", "/api/v1/lists/-4/cards", R"({"title":"a"})", 404, ""},
        {"POST", "/api/v1/lists/99999999999999999999/cards", R"({"title":"a"})", 404, ""},
        {"POST", "/api/v1/lists/1e3/cards", R"({"title":"a"})", 404, ""},
        {"GET", "/api/v1/cards/99999999999999999999", "", 404, ""},
        {"PATCH", "/api/v1/cards/12abc", R"({"title":"a"})", 404, ""},
        // Card edits.
        {"PATCH", card_path, "{", 400, ""},
        {"PATCH", card_path, R"({"title":null})", 400, "title"},
        {"PATCH", card_path, R"({"title":""})", 400, "title"},
        {"PATCH", card_path, title_of(600), 413, "title"},
        {"PATCH", card_path, R"({"archived":1})", 400, "archived"},
        {"PATCH", card_path, R"({"list_id":"x"})", 400, "list_id"},
        {"PATCH", card_path, R"({"list_id":987654321})", 422, "list_id"},
        {"PATCH", card_path, R"({"before_id":)" + std::to_string(card) + "}", 422, "before_id"},
        {"PATCH", card_path, R"({"start_at":"2030-01-01T00:00:00Z","due_at":"2029-01-01"})", 422,
         "due_at"},
        {"PATCH", card_path, R"j({"cover_url":"javascript:alert(1)"})j", 400, "cover_url"},
        {"PATCH", card_path, R"({"location":")" + std::string(201, 'l') + "\"}", 413, "location"},
        // Comments.
        {"POST", card_path + "/comments", R"({})", 400, "body"},
        {"POST", card_path + "/comments", R"({"body":"  "})", 400, "body"},
        {"POST", card_path + "/comments", R"({"body":")" + big_body + "\"}", 413, "body"},
        {"PATCH", id_path("/api/v1/comments/", comment), R"({"body":false})", 400, "body"},
        {"GET", card_path + "/comments?limit=0", "", 400, "limit"},
        {"GET", card_path + "/comments?limit=201", "", 400, "limit"},
        {"GET", card_path + "/comments?before=abc", "", 400, "before"},
        {"GET", card_path + "/comments?before=99999999999999999999", "", 400, "before"},
        // Reactions.
        {"POST", card_path + "/reactions", R"({})", 400, "emoji"},
        {"POST", card_path + "/reactions", R"({"emoji":""})", 400, "emoji"},
        {"POST", card_path + "/reactions", R"({"emoji":"a b"})", 400, "emoji"},
        {"POST", card_path + "/reactions", R"({"emoji":")" + std::string(33, 'e') + "\"}", 400,
         "emoji"},
        {"POST", card_path + "/reactions", R"({"emoji":12})", 400, "emoji"},
        {"DELETE", card_path + "/reactions/a%20b", "", 400, "emoji"},
        {"DELETE", card_path + "/reactions/%FF", "", 400, "emoji"},
        // Labels.
        {"POST", id_path("/api/v1/boards/", world.board, "/labels"), R"({"name":"x"})", 400,
         "color"},
        {"POST", id_path("/api/v1/boards/", world.board, "/labels"),
         R"({"name":"x","color":"magenta"})", 400, "color"},
        {"PATCH", id_path("/api/v1/labels/", label), R"({"color":null})", 400, "color"},
        // Checklists.
        {"POST", card_path + "/checklists", R"({"name":""})", 400, "name"},
        {"PATCH", id_path("/api/v1/checklists/", checklist), R"({"name":null})", 400, "name"},
        {"POST", id_path("/api/v1/checklists/", checklist, "/items"), title_of(513), 400, "text"},
        {"POST", id_path("/api/v1/checklists/", checklist, "/items"),
         R"({"text":")" + std::string(513, 't') + "\"}", 413, "text"},
        {"PATCH", id_path("/api/v1/checklist-items/", item), R"({"done":"yes"})", 400, "done"},
        {"PATCH", id_path("/api/v1/checklist-items/", item), R"({"checklist_id":987654})", 422,
         "checklist_id"},
        {"PATCH", id_path("/api/v1/checklist-items/", item), R"({"after_id":987654})", 422,
         "after_id"},
    };

    auto& editor = world.as(P::board_editor);
    auto const before = world.row_counts();
    for (auto const& b : bad) {
        SCOPED_TRACE(b.method + " " + b.path + " " + b.body.substr(0, 120));
        auto const r = editor.request(b.method, b.path, b.body);
        EXPECT_EQ(r.status, b.status) << r.body;
        boost::system::error_code ec;
        auto const json = bj::parse(r.body, ec);
        ASSERT_FALSE(ec) << r.body;
        auto const& error = json.at("error").as_object();
        EXPECT_TRUE(error.at("code").is_string());
        EXPECT_FALSE(error.at("message").as_string().empty());
        if (!b.field.empty()) {
            EXPECT_EQ(error.at("field"), bj::value(b.field)) << r.body;
        }
    }
    EXPECT_EQ(world.row_counts(), before);
}

TEST(CardsInput, UnicodeTitlesAndEmojiRoundTrip) {
    CardsWorld world;
    std::string const title = "Néonatal · 新生儿 · 👶🏽";
    auto const card = world.new_card(P::board_member, title);
    auto& member = world.as(P::board_member);
    auto read = member.get(id_path("/api/v1/cards/", card)).json();
    EXPECT_EQ(read.at("title").as_string(), title);
    // A title of exactly 512 characters (multi-byte ones) is allowed.
    std::string long_title;
    for (int i = 0; i < 512; ++i) long_title += "é";
    auto const long_card = world.new_card(P::board_member, long_title);
    EXPECT_GT(long_card, 0);

    auto const path = id_path("/api/v1/cards/", card, "/reactions");
    auto first = member.post(path, bj::object{{"emoji", "👩‍⚕️"}});
    EXPECT_EQ(first.status, 201) << first.body;
    auto again = member.post(path, bj::object{{"emoji", "👩‍⚕️"}});
    EXPECT_EQ(again.status, 200) << again.body;
    auto const again_json = again.json();
    auto const& reactions = again_json.at("reactions").as_array();
    ASSERT_EQ(reactions.size(), 1u);
    EXPECT_EQ(reactions[0].at("count").as_int64(), 1);
    EXPECT_TRUE(reactions[0].at("mine").as_bool());
    auto removed = member.del(path + "/%F0%9F%91%A9%E2%80%8D%E2%9A%95%EF%B8%8F");
    EXPECT_EQ(removed.status, 200) << removed.body;
    EXPECT_TRUE(removed.json().at("reactions").as_array().empty());
}

TEST(CardsInput, MarkdownIsStoredBesideItsSafeRendering) {
    CardsWorld world;
    auto const card = world.new_card(
        P::board_member, "Notes", 0,
        bj::object{{"body",
                    "| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n"
                    "[x](javascript:alert(1)) see https://rcpch.ac.uk"}});
    auto read = world.as(P::trainee).get(id_path("/api/v1/cards/", card)).json();
    std::string const html(read.at("body_html").as_string());
    EXPECT_NE(html.find("<table>"), std::string::npos) << html;
    EXPECT_EQ(html.find("<script"), std::string::npos) << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
    EXPECT_NE(html.find("<a href=\"https://rcpch.ac.uk\">"), std::string::npos) << html;
    EXPECT_NE(std::string(read.at("body").as_string()).find("<script>"), std::string::npos);
}

}  // namespace
}  // namespace village::cards_testing
