// The board read over real HTTP: one response with the board, its lists and card summaries;
// its ETag and 304; and that every kind of write on the board (lists, settings, cards, comments)
// changes what is read, so the server-side cache never serves a stale board.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <string>

#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_server.hpp"

namespace village {

namespace {

namespace bj = boost::json;
using testing::HttpClient;
using testing::HttpResponse;

class BoardRead : public ::testing::Test {
  protected:
    testing::TestServer server;
    testing::Community people = testing::create_community(server.database());
    HttpClient trainer = testing::sign_in(server, "trainer@example.org");
    HttpClient trainee = testing::sign_in(server, "trainee@example.org");
    std::int64_t board = 0;
    std::string path;

    void SetUp() override {
        board = created(trainer.post(
            "/api/v1/boards", bj::object{{"name", "Teaching"}, {"visibility", "community"}}));
        path = "/api/v1/boards/" + std::to_string(board);
    }

    static std::int64_t created(HttpResponse const& r) {
        if (r.status != 201) throw std::runtime_error("setup: " + r.body);
        return r.json().at("id").as_int64();
    }
    std::int64_t add_list(std::string const& name) {
        return created(trainer.post(path + "/lists", bj::object{{"name", name}}));
    }
    std::int64_t add_card(std::int64_t list, std::string const& title) {
        return created(trainer.post("/api/v1/lists/" + std::to_string(list) + "/cards",
                                    bj::object{{"title", title}}));
    }
    HttpResponse read(HttpClient& who, std::string const& etag = {},
                      std::string const& query = {}) {
        std::vector<std::pair<std::string, std::string>> headers;
        if (!etag.empty()) headers.emplace_back("If-None-Match", etag);
        return who.request("GET", path + query, {}, headers);
    }
};

std::vector<std::string> titles(bj::value const& doc) {
    std::vector<std::string> out;
    for (auto const& c : doc.at("cards").as_array()) out.emplace_back(c.at("title").as_string());
    return out;
}

}  // namespace

TEST_F(BoardRead, OneResponseWithBoardListsAndCardsInOrder) {
    auto const notices = add_list("Notices");
    auto const events = add_list("Events");
    add_card(events, "Study day");
    add_card(notices, "Welcome");
    add_card(notices, "Rota");
    auto r = read(trainee);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json");
    auto const doc = r.json();
    EXPECT_EQ(doc.at("board").at("my_role").as_string(), "member");
    EXPECT_EQ(doc.at("board").at("name").as_string(), "Teaching");
    auto const& lists = doc.at("lists").as_array();
    ASSERT_EQ(lists.size(), 2u);
    EXPECT_EQ(lists[0].at("id").as_int64(), notices);
    EXPECT_EQ(titles(doc), (std::vector<std::string>{"Welcome", "Rota", "Study day"}));
    auto const& card = doc.at("cards").as_array()[0].as_object();
    for (auto key : {"id", "list_id", "title", "position", "label_ids", "start_at", "due_at",
                     "due_complete", "location", "pinned", "cover_url", "comment_count",
                     "checklist", "assignee_ids", "author_id"}) {
        EXPECT_TRUE(card.contains(key)) << key;
    }
    EXPECT_EQ(read(trainer).json().at("board").at("my_role").as_string(), "admin");
}

TEST_F(BoardRead, AMatchingETagIs304AndEveryWriteChangesTheTag) {
    auto const list = add_list("Notices");
    auto first = read(trainee);
    ASSERT_EQ(first.status, 200);
    auto const etag = first.header("etag").value_or("");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(first.header("cache-control"), "private, no-cache");

    auto same = read(trainee, etag);
    EXPECT_EQ(same.status, 304);
    EXPECT_TRUE(same.body.empty());
    EXPECT_EQ(same.header("etag"), etag);
    // Another role sees another my_role, so not the same tag.
    EXPECT_EQ(read(trainer, etag).status, 200);
    EXPECT_EQ(read(trainee, etag, "?archived=true").status, 200);

    std::string tag = etag;
    auto changes_tag = [&](std::string const& what) {
        SCOPED_TRACE(what);
        auto r = read(trainee, tag);
        EXPECT_EQ(r.status, 200);
        auto const next = r.header("etag").value_or("");
        EXPECT_NE(next, tag);
        tag = next;
        return r.status == 200 ? r.json() : bj::value{};
    };
    auto const card = add_card(list, "Welcome");
    EXPECT_EQ(titles(changes_tag("a card added")), (std::vector<std::string>{"Welcome"}));
    ASSERT_EQ(trainer.patch("/api/v1/cards/" + std::to_string(card), bj::object{{"title", "Hello"}})
                  .status,
              200);
    EXPECT_EQ(titles(changes_tag("a card renamed")), (std::vector<std::string>{"Hello"}));
    ASSERT_EQ(trainee
                  .post("/api/v1/cards/" + std::to_string(card) + "/comments",
                        bj::object{{"body", "Thanks"}})
                  .status,
              201);
    EXPECT_EQ(changes_tag("a comment").at("cards").at(0).at("comment_count").as_int64(), 1);
    ASSERT_EQ(
        trainer.patch("/api/v1/lists/" + std::to_string(list), bj::object{{"name", "News"}}).status,
        200);
    EXPECT_EQ(changes_tag("a list renamed").at("lists").at(0).at("name").as_string(), "News");
    ASSERT_EQ(trainer.patch(path, bj::object{{"description", "Weekly"}}).status, 200);
    EXPECT_EQ(changes_tag("settings").at("board").at("description").as_string(), "Weekly");
    ASSERT_EQ(trainer
                  .put(path + "/members/" + std::to_string(people.trainee.value),
                       bj::object{{"role", "editor"}})
                  .status,
              200);
    EXPECT_EQ(changes_tag("a role").at("board").at("my_role").as_string(), "editor");
    ASSERT_EQ(trainer.patch("/api/v1/lists/" + std::to_string(list), bj::object{{"archived", true}})
                  .status,
              200);
    auto const gone = changes_tag("a list archived");
    EXPECT_TRUE(gone.at("lists").as_array().empty());
    EXPECT_TRUE(gone.at("cards").as_array().empty());
    auto const all = read(trainee, {}, "?archived=true").json();
    EXPECT_EQ(all.at("lists").as_array().size(), 1u);
    EXPECT_EQ(titles(all), (std::vector<std::string>{"Hello"}));
}

TEST_F(BoardRead, ArchivedBoardsAreReadableAndRefuseWritesUntilRestored) {
    auto const list = add_list("Notices");
    ASSERT_EQ(trainer.patch(path, bj::object{{"archived", true}}).status, 200);
    auto r = read(trainee);
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.json().at("board").at("archived").as_bool());
    EXPECT_EQ(trainer.post(path + "/lists", bj::object{{"name", "x"}}).status, 422);
    EXPECT_EQ(trainer.patch(path, bj::object{{"name", "x"}}).status, 422);
    EXPECT_EQ(
        trainer.post("/api/v1/lists/" + std::to_string(list) + "/cards", bj::object{{"title", "x"}})
            .status,
        422);
    EXPECT_EQ(trainee.patch(path, bj::object{{"archived", false}}).status, 403);
    ASSERT_EQ(trainer.patch(path, bj::object{{"archived", false}}).status, 200);
    EXPECT_EQ(trainer.post(path + "/lists", bj::object{{"name", "x"}}).status, 201);
}

TEST_F(BoardRead, ABigBoardIsOneResponseAndRepeatedReadsAreServedFromMemory) {
    constexpr int kLists = 10;
    constexpr int kCards = 50;
    std::vector<std::int64_t> lists;
    for (int l = 0; l < kLists; ++l) lists.push_back(add_list("List " + std::to_string(l)));
    for (int c = 0; c < kCards; ++c) add_card(lists[static_cast<std::size_t>(c % kLists)], "Card");
    auto first = read(trainee);
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.json().at("cards").as_array().size(), static_cast<std::size_t>(kCards));
    auto const started = std::chrono::steady_clock::now();
    for (int i = 0; i < 200; ++i) {
        auto again = read(trainee);
        ASSERT_EQ(again.status, 200);
        ASSERT_EQ(again.body, first.body);
    }
    auto const took = std::chrono::steady_clock::now() - started;
    // A generous bound (a connection per request, sanitizer builds, a busy machine): it catches a
    // read that rebuilds per request from the database, not small slowdowns.
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(took).count(), 10000);
}

TEST_F(BoardRead, AnonymousVisitorsReadPublicBoardsOnly) {
    auto visitor = server.client();
    EXPECT_EQ(visitor.get(path).status, 404);
    ASSERT_EQ(trainer.patch(path, bj::object{{"visibility", "public"}}).status, 200);
    auto r = visitor.get(path);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.json().at("board").at("my_role").as_string(), "reader");
    EXPECT_EQ(visitor.post(path + "/lists", bj::object{{"name", "x"}}).status, 401);
}

TEST_F(BoardRead, ActivityPagesFollowTheCursor) {
    for (int i = 0; i < 5; ++i) add_list("L" + std::to_string(i));
    auto first = trainee.get(path + "/activity?limit=4");
    ASSERT_EQ(first.status, 200) << first.body;
    auto const page = first.json();
    ASSERT_EQ(page.at("activity").as_array().size(), 4u);
    EXPECT_EQ(page.at("activity").at(0).at("type").as_string(), "list.created");
    EXPECT_EQ(page.at("activity").at(0).at("actor").at("display_name").as_string(), "Tom Trainer");
    auto const next = page.at("next_before").as_int64();
    auto second = trainee.get(path + "/activity?limit=4&before=" + std::to_string(next)).json();
    ASSERT_EQ(second.at("activity").as_array().size(), 2u);
    EXPECT_EQ(second.at("activity").at(1).at("type").as_string(), "board.created");
    EXPECT_TRUE(second.at("next_before").is_null());
}

}  // namespace village
