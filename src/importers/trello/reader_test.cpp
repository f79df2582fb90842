// The Trello reader on small exports written here: ordering, label colours, comments, custom
// fields, covers and attachments, and the errors for what is not a Trello export.
#include "importers/trello/reader.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "importers/json_input.hpp"

namespace village::importers::trello {
namespace {

namespace bj = boost::json;

Result<Reading> read(std::string_view text) {
    auto doc = parse_import_json(text);
    if (!doc) return fail(doc.error());
    return read_board(*doc);
}

Reading must_read(std::string_view text) {
    auto r = read(text);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : Reading{};
}

TEST(TrelloColors, MapsVariantsNullAndUnknownToThePalette) {
    EXPECT_EQ(map_color("blue"), "blue");
    EXPECT_EQ(map_color("blue_dark"), "blue");
    EXPECT_EQ(map_color("sky_light"), "sky");
    EXPECT_EQ(map_color("lime_dark"), "lime");
    EXPECT_EQ(map_color("black_light"), "black");
    EXPECT_EQ(map_color(std::nullopt), "grey");
    EXPECT_EQ(map_color("chartreuse"), "grey");
    EXPECT_EQ(map_color(""), "grey");
}

TEST(TrelloIds, TheFirstEightHexDigitsAreTheCreationTime) {
    EXPECT_EQ(time_of_id("63792cd280232800fa06fe94"), Millis{0x63792cd2} * 1000);
    EXPECT_EQ(time_of_id("zz"), std::nullopt);
    EXPECT_EQ(time_of_id("xyz12345aaaa"), std::nullopt);
}

TEST(TrelloReader, OrdersListsAndCardsByPosKeepingTheFileOrderForTies) {
    auto r = must_read(R"({"name":"B","lists":[
        {"id":"l2","name":"Second","pos":200},{"id":"l1","name":"First","pos":100}],
      "cards":[
        {"id":"c3","name":"C","idList":"l1","pos":5},
        {"id":"c1","name":"A","idList":"l1","pos":1},
        {"id":"c2a","name":"B1","idList":"l1","pos":3},
        {"id":"c2b","name":"B2","idList":"l1","pos":3},
        {"id":"c4","name":"D","idList":"l2","pos":1}]})");
    ASSERT_EQ(r.board.lists.size(), 2u);
    EXPECT_EQ(r.board.lists[0].name, "First");
    std::vector<std::string> titles;
    for (auto const& c : r.board.lists[0].cards) titles.push_back(c.title);
    EXPECT_EQ(titles, (std::vector<std::string>{"A", "B1", "B2", "C"}));
    EXPECT_EQ(r.board.lists[1].cards.at(0).title, "D");
}

TEST(TrelloReader, TakesLabelsFromCardsWhenTheBoardHasNoLabelList) {
    auto r = must_read(R"({"name":"Old","lists":[{"id":"l","name":"L","pos":1}],
      "cards":[{"id":"c","name":"C","idList":"l","pos":1,
        "labels":[{"id":"x","name":"","color":"green_dark"},{"id":"y","name":"Urgent","color":null}]}]})");
    ASSERT_EQ(r.board.labels.size(), 2u);
    EXPECT_EQ(r.board.labels[0].name, "");
    EXPECT_EQ(r.board.labels[0].color, "green");
    EXPECT_EQ(r.board.labels[1].name, "Urgent");
    EXPECT_EQ(r.board.labels[1].color, "grey");
    EXPECT_EQ(r.board.lists[0].cards[0].labels, (std::vector<std::size_t>{0, 1}));
}

TEST(TrelloReader, KeepsOpenCardsOpenInsideAnArchivedList) {
    auto r = must_read(R"({"name":"B","lists":[{"id":"l","name":"Old","pos":1,"closed":true}],
      "cards":[{"id":"c","name":"Still open","idList":"l","pos":1,"closed":false},
               {"id":"d","name":"Archived","idList":"l","pos":2,"closed":true}]})");
    EXPECT_TRUE(r.board.lists[0].archived);
    EXPECT_FALSE(r.board.lists[0].cards[0].archived);
    EXPECT_TRUE(r.board.lists[0].cards[1].archived);
}

TEST(TrelloReader, PutsCommentsOnTheirCardsOldestFirstWithAuthorsAndCountsWhatIsMissing) {
    auto r = must_read(R"({"name":"B","lists":[{"id":"l","name":"L","pos":1}],
      "members":[{"id":"m1","fullName":"Ana Ñandú","username":"ana"}],
      "cards":[{"id":"c","name":"C","idList":"l","pos":1,"badges":{"comments":3}}],
      "actions":[
        {"type":"commentCard","date":"2022-02-01T10:00:00.000Z","idMemberCreator":"m2",
         "memberCreator":{"id":"m2","fullName":"Bo Gone","username":"bo"},
         "data":{"text":"second","card":{"id":"c","name":"C"}}},
        {"type":"updateCard","date":"2022-01-15T10:00:00.000Z","data":{}},
        {"type":"commentCard","date":"2022-01-01T10:00:00.000Z","idMemberCreator":"m1",
         "data":{"text":"first 👋🏽","card":{"id":"c","name":"C"}}},
        {"type":"commentCard","date":"2022-01-01T10:00:00.000Z","idMemberCreator":"m1",
         "data":{"text":"on a deleted card","card":{"id":"gone","name":"Gone"}}}]})");
    auto const& comments = r.board.lists[0].cards[0].comments;
    ASSERT_EQ(comments.size(), 2u);
    EXPECT_EQ(comments[0].body, "first 👋🏽");
    EXPECT_EQ(comments[0].author->name, "Ana Ñandú");
    EXPECT_EQ(comments[0].author->username, "ana");
    EXPECT_EQ(comments[0].created_at, *parse_iso8601("2022-01-01T10:00:00Z", "t"));
    EXPECT_EQ(comments[1].author->name, "Bo Gone");
    ASSERT_EQ(r.skipped.size(), 1u);
    EXPECT_NE(r.skipped[0].why.find("not in the export"), std::string::npos);
    ASSERT_EQ(r.discrepancies.size(), 1u);
    EXPECT_NE(r.discrepancies[0].why.find("Trello counts 3 comments, the export holds 2"),
              std::string::npos);
}

TEST(TrelloReader, OrdersChecklistsAndItemsByPos) {
    auto r = must_read(R"({"name":"B","lists":[{"id":"l","name":"L","pos":1}],
      "cards":[{"id":"c","name":"C","idList":"l","pos":1}],
      "checklists":[
        {"id":"k2","idCard":"c","name":"Later","pos":20,"checkItems":[]},
        {"id":"k1","idCard":"c","name":"First","pos":10,"checkItems":[
          {"name":"b","pos":2,"state":"complete"},{"name":"a","pos":1,"state":"incomplete"}]}]})");
    auto const& lists = r.board.lists[0].cards[0].checklists;
    ASSERT_EQ(lists.size(), 2u);
    EXPECT_EQ(lists[0].name, "First");
    ASSERT_EQ(lists[0].items.size(), 2u);
    EXPECT_EQ(lists[0].items[0].text, "a");
    EXPECT_FALSE(lists[0].items[0].done);
    EXPECT_TRUE(lists[0].items[1].done);
}

TEST(TrelloReader, KeepsCustomFieldsAsAReadableSectionOfTheBody) {
    auto r = must_read(R"({"name":"B","lists":[{"id":"l","name":"L","pos":1}],
      "customFields":[
        {"id":"f2","name":"Size","type":"list","pos":2,"options":[{"id":"o1","value":{"text":"Large"}}]},
        {"id":"f1","name":"Done?","type":"checkbox","pos":1}],
      "cards":[{"id":"c","name":"C","idList":"l","pos":1,"desc":"Body",
        "customFieldItems":[{"idCustomField":"f2","idValue":"o1"},
                            {"idCustomField":"f1","value":{"checked":"true"}}]}]})");
    EXPECT_EQ(
        r.board.lists[0].cards[0].body,
        "Body\n\n---\n\n**Custom fields (from Trello)**\n\n- **Done?:** yes\n- **Size:** Large\n");
}

TEST(TrelloReader, KeepsAttachmentsAsLinksAndNotesUploads) {
    auto r = must_read(R"({"name":"B","lists":[{"id":"l","name":"L","pos":1}],
      "cards":[{"id":"c","name":"C","idList":"l","pos":1,"idAttachmentCover":"a2",
        "attachments":[
          {"id":"a1","name":"Rota.pdf","url":"https://trello.com/1/cards/c/attachments/a1/download/Rota.pdf","isUpload":true},
          {"id":"a2","name":"https://example.org/p.png","url":"https://example.org/p.png","isUpload":false}]}]})");
    auto const& card = r.board.lists[0].cards[0];
    ASSERT_EQ(card.attachments.size(), 2u);
    EXPECT_NE(card.attachments[0].note.find("Trello login"), std::string::npos);
    EXPECT_EQ(card.attachments[1].note, "");
    EXPECT_EQ(card.cover_url, "https://example.org/p.png");
}

TEST(TrelloReader, RefusesWhatIsNotATrelloBoard) {
    EXPECT_EQ(read("[1,2,3]").error().code, Errc::bad_request);
    EXPECT_NE(read(R"({"cards":[],"lists":[]})").error().message.find("not a Trello board export"),
              std::string::npos);
    EXPECT_NE(read(R"({"format":"village-board"})").error().message.find("not a Trello"),
              std::string::npos);
}

TEST(TrelloReader, NamesTheFieldOfTheWrongType) {
    auto r = read(R"({"name":"B","lists":[{"id":"l","name":"L","pos":1}],
                      "cards":[{"id":"c","name":42,"idList":"l","pos":1}]})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "The file is malformed: cards[0].name must be text");
    r = read(R"({"name":"B","lists":{},"cards":[]})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "The file is malformed: lists must be a list");
    r = read(R"({"name":"B","lists":[{"id":"l","name":"L","pos":"top"}],"cards":[]})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "The file is malformed: lists[0].pos must be a number");
}

TEST(ImportJson, SaysWhenAFileIsTruncatedOrNotJson) {
    auto r = parse_import_json(R"({"name":"B","lists":[{"id":)");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("truncated"), std::string::npos);
    r = parse_import_json("name: B\nlists: []\n");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not valid JSON"), std::string::npos);
    EXPECT_NE(r.error().message.find("line 1"), std::string::npos);
    r = parse_import_json("{} {}");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("after the end"), std::string::npos);
    r = parse_import_json("");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "The file is empty");
}

TEST(ImportJson, RefusesFilesOverTheLimitWithoutParsingThem) {
    std::string big(kMaxImportBytes + 1, ' ');
    auto r = parse_import_json(big);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::too_large);
}

}  // namespace
}  // namespace village::importers::trello
