// The board read: what it contains, how few queries it takes, the ETag, and the cache.
#include "boards/board_view.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "boards/boards.hpp"
#include "boards/lists.hpp"
#include "boards/permissions_testing.hpp"
#include "support/test_database.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

// Counts the statements run through it, to hold the board read to one per table.
class CountingSql : public store::Sql {
  public:
    explicit CountingSql(store::Sql& inner) : inner_(inner) {}
    std::int64_t run(std::string_view sql, std::span<store::Value const> params,
                     store::Rows* out) override {
        ++statements;
        return inner_.run(sql, params, out);
    }
    int statements = 0;

  private:
    store::Sql& inner_;
};

class BoardView : public ::testing::Test {
  protected:
    std::unique_ptr<store::Database> database = village::testing::memory_database();
    store::Db db{*database};
    Actor owner = testing::add_member(db, Role::trainer, "Owner");
    Actor reader = testing::add_member(db, Role::trainee, "Reader");
    Actor outsider = testing::add_member(db, Role::guest, "Outsider");
    BoardId board = make_board();

    BoardId make_board() {
        NewBoard in;
        in.name = "Teaching";
        in.visibility = Visibility::community;
        return create_board(db, owner, in)->id;
    }
    ListId add_list(std::string const& name) {
        return create_list(db, owner, board, NewList{name})->id;
    }
    // Cards are written by the cards module; here plain SQL stands in, with the version bump
    // that module's activity::record would make.
    std::int64_t add_card(ListId list, std::string const& title, std::string const& position,
                          bool archived = false) {
        auto tx = db.begin();
        auto id = tx.query_one(
                        "INSERT INTO cards (board_id, list_id, title, position, author_id, "
                        "created_at, updated_at, archived_at, due_at, location) "
                        "VALUES ($1, $2, $3, $4, $5, 0, 0, $6, $7, $8) RETURNING id",
                        board, list, title, position, owner.id,
                        archived ? std::optional<std::int64_t>(1) : std::nullopt,
                        std::int64_t{1796400000000}, std::string("Seminar room"))
                      ->i64(0);
        tx.exec("UPDATE boards SET version = version + 1 WHERE id = $1", board);
        tx.commit();
        return id;
    }
    void exec(std::string const& sql) {
        auto tx = db.begin();
        tx.exec(sql);
        tx.exec("UPDATE boards SET version = version + 1 WHERE id = $1", board);
        tx.commit();
    }
    bj::object read(Actor const& who, bool archived = false) {
        BoardViewCache cache;
        auto r = read_board(db, cache, who, board, archived, "");
        EXPECT_TRUE(r);
        return bj::parse(r->body()).as_object();
    }
};

std::vector<std::string> titles(bj::object const& doc) {
    std::vector<std::string> out;
    for (auto const& c : doc.at("cards").as_array()) {
        out.emplace_back(c.at("title").as_string());
    }
    return out;
}

}  // namespace

TEST_F(BoardView, OneResponseHoldsTheBoardItsListsAndCardSummariesInOrder) {
    auto notices = add_list("Notices");
    auto events = add_list("Events");
    auto old = add_list("Old");
    add_card(events, "Study day", "b");
    auto first = add_card(notices, "Welcome", "a");
    add_card(notices, "Rota", "c");
    add_card(notices, "Hidden", "d", true);
    add_card(old, "In archived list", "a");
    ListPatch archive;
    archive.archived = true;
    ASSERT_TRUE(update_list(db, owner, old, archive));
    exec("INSERT INTO labels (id, board_id, name, color) VALUES (5, " +
         std::to_string(board.value) + ", 'Urgent', 'red')");
    exec("INSERT INTO card_labels (card_id, label_id) VALUES (" + std::to_string(first) + ", 5)");
    exec("INSERT INTO card_assignees (card_id, member_id) VALUES (" + std::to_string(first) + ", " +
         std::to_string(reader.id.value) + ")");
    exec(
        "INSERT INTO comments (card_id, author_id, body_md, body_html, created_at, updated_at, "
        "deleted_at) VALUES (" +
        std::to_string(first) + ", NULL, 'a', 'a', 0, 0, NULL), (" + std::to_string(first) +
        ", NULL, 'b', 'b', 0, 0, 5)");
    exec("INSERT INTO checklists (id, card_id, name, position) VALUES (9, " +
         std::to_string(first) + ", 'Before', 'a')");
    exec(
        "INSERT INTO checklist_items (checklist_id, text, done, position) VALUES "
        "(9, 'one', 1, 'a'), (9, 'two', 0, 'b'), (9, 'three', 1, 'c')");

    auto doc = read(reader);
    auto const& b = doc.at("board").as_object();
    EXPECT_EQ(b.begin()->key(), "my_role");
    EXPECT_EQ(b.at("my_role").as_string(), "member");
    EXPECT_EQ(b.at("name").as_string(), "Teaching");
    EXPECT_EQ(b.at("labels").as_array().size(), 1u);
    EXPECT_EQ(b.at("members").as_array()[0].at("display_name").as_string(), "Owner");

    auto const& lists = doc.at("lists").as_array();
    ASSERT_EQ(lists.size(), 2u);
    EXPECT_EQ(lists[0].at("name").as_string(), "Notices");
    EXPECT_EQ(titles(doc), (std::vector<std::string>{"Welcome", "Rota", "Study day"}));

    auto const& welcome = doc.at("cards").as_array()[0].as_object();
    EXPECT_EQ(welcome.at("list_id").as_int64(), notices.value);
    EXPECT_EQ(welcome.at("label_ids").as_array(), bj::array{5});
    EXPECT_EQ(welcome.at("assignee_ids").as_array(), bj::array{reader.id.value});
    EXPECT_EQ(welcome.at("comment_count").as_int64(), 1);
    EXPECT_EQ(welcome.at("checklist").at("done").as_int64(), 2);
    EXPECT_EQ(welcome.at("checklist").at("total").as_int64(), 3);
    EXPECT_EQ(welcome.at("author_id").as_int64(), owner.id.value);
    EXPECT_EQ(welcome.at("due_at").as_string(), "2026-12-04T16:00:00Z");
    EXPECT_EQ(welcome.at("location").as_string(), "Seminar room");
    EXPECT_TRUE(welcome.at("start_at").is_null());
    EXPECT_FALSE(welcome.at("pinned").as_bool());
    auto const& rota = doc.at("cards").as_array()[1].as_object();
    EXPECT_EQ(rota.at("comment_count").as_int64(), 0);
    EXPECT_TRUE(rota.at("label_ids").as_array().empty());

    auto all = read(reader, true);
    EXPECT_EQ(all.at("lists").as_array().size(), 3u);
    EXPECT_EQ(titles(all), (std::vector<std::string>{"Welcome", "Rota", "Hidden", "Study day",
                                                     "In archived list"}));
}

TEST_F(BoardView, BuildingTakesOneStatementPerTableWhateverTheNumberOfCards) {
    auto list = add_list("Notices");
    auto count_for_build = [&] {
        CountingSql counting(db);
        auto snapshot = build_snapshot(counting, board, false);
        EXPECT_TRUE(snapshot);
        return counting.statements;
    };
    auto const small = count_for_build();
    for (int i = 0; i < 50; ++i) add_card(list, "card", "a" + std::to_string(i + 1));
    EXPECT_EQ(count_for_build(), small);
    EXPECT_LE(small, 13);  // one per table: the board, its newest activity, labels, lists, …
}

TEST_F(BoardView, VisitorsAndOutsidersGet404LikeAMissingBoard) {
    BoardViewCache cache;
    auto hidden = read_board(db, cache, outsider, board, false, "");
    auto missing = read_board(db, cache, outsider, BoardId{9999}, false, "");
    ASSERT_FALSE(hidden);
    EXPECT_EQ(hidden.error().code, Errc::not_found);
    EXPECT_EQ(hidden.error().message, missing.error().message);
    EXPECT_FALSE(read_board(db, cache, Actor::anonymous(), board, false, ""));
}

TEST_F(BoardView, ETagIsPerVersionRoleAndFlagAndAMatchIsNotModified) {
    BoardViewCache cache;
    auto first = read_board(db, cache, reader, board, false, "");
    ASSERT_TRUE(first);
    EXPECT_TRUE(first->etag.starts_with("W/\""));
    auto again = read_board(db, cache, reader, board, false, first->etag);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->not_modified);
    EXPECT_TRUE(again->body().empty());
    auto in_list = read_board(db, cache, reader, board, false, "\"x\", " + first->etag);
    EXPECT_TRUE(in_list->not_modified);

    auto as_owner = read_board(db, cache, owner, board, false, first->etag);
    EXPECT_FALSE(as_owner->not_modified);
    EXPECT_NE(as_owner->etag, first->etag);
    auto with_archived = read_board(db, cache, reader, board, true, first->etag);
    EXPECT_FALSE(with_archived->not_modified);

    add_list("New");
    auto changed = read_board(db, cache, reader, board, false, first->etag);
    EXPECT_FALSE(changed->not_modified);
    EXPECT_NE(changed->etag, first->etag);
    EXPECT_EQ(bj::parse(changed->body()).at("lists").as_array().size(), 1u);
}

TEST_F(BoardView, TheCacheBuildsOncePerVersionAndServesEveryRole) {
    BoardViewCache cache;
    auto a = read_board(db, cache, reader, board, false, "");
    auto b = read_board(db, cache, owner, board, false, "");
    EXPECT_EQ(cache.stats().builds, 1u);
    EXPECT_EQ(bj::parse(a->body()).at("board").at("my_role").as_string(), "member");
    EXPECT_EQ(bj::parse(b->body()).at("board").at("my_role").as_string(), "admin");
    add_list("New");
    auto c = read_board(db, cache, reader, board, false, "");
    EXPECT_EQ(cache.stats().builds, 2u);
    EXPECT_EQ(cache.stats().entries, 1u);
    EXPECT_EQ(bj::parse(c->body()).at("lists").as_array().size(), 1u);
}

TEST_F(BoardView, ABoardDeletedAndItsIdReusedIsNotServedFromTheCache) {
    BoardViewCache cache;
    ASSERT_TRUE(read_board(db, cache, reader, board, false, ""));
    ASSERT_TRUE(delete_board(db, owner, board));
    auto tx = db.begin();
    tx.exec(
        "INSERT INTO boards (id, name, visibility, created_at, updated_at, version) "
        "VALUES ($1, 'Reborn', 'community', 123, 123, 99)",
        board);
    tx.commit();
    auto r = read_board(db, cache, reader, board, false, "");
    ASSERT_TRUE(r);
    EXPECT_EQ(bj::parse(r->body()).at("board").at("name").as_string(), "Reborn");
}

TEST(BoardViewCacheLimits, KeepsAtMostTheLimitsDroppingTheLeastRecentlyUsed) {
    BoardViewCache cache(BoardViewCache::Limits{2, 1000});
    auto make = [](std::int64_t id, std::size_t size) {
        return [id, size] {
            auto s = std::make_shared<BoardSnapshot>();
            s->board = BoardId{id};
            s->version = 1;
            s->json = std::string(size, 'x');
            return SnapshotPtr(s);
        };
    };
    cache.get(BoardId{1}, false, 0, 1, make(1, 100));
    cache.get(BoardId{2}, false, 0, 1, make(2, 100));
    cache.get(BoardId{1}, false, 0, 1, make(1, 100));  // 1 is now the most recent
    cache.get(BoardId{3}, false, 0, 1, make(3, 100));  // drops 2
    EXPECT_EQ(cache.stats().entries, 2u);
    EXPECT_EQ(cache.stats().builds, 3u);
    cache.get(BoardId{1}, false, 0, 1, make(1, 100));
    EXPECT_EQ(cache.stats().builds, 3u);
    cache.get(BoardId{2}, false, 0, 1, make(2, 100));
    EXPECT_EQ(cache.stats().builds, 4u);

    cache.get(BoardId{4}, false, 0, 1, make(4, 950));  // over the byte limit with another
    EXPECT_EQ(cache.stats().entries, 1u);
    EXPECT_LE(cache.stats().bytes, 1000u);
    cache.get(BoardId{5}, false, 0, 1, make(5, 5000));  // bigger than the cache: not kept
    EXPECT_LE(cache.stats().bytes, 1000u);
}

TEST(BoardViewCacheLimits, ConcurrentMissesBuildOnceAndFailuresReachEveryWaiter) {
    BoardViewCache cache;
    std::atomic<int> builds{0};
    auto slow = [&] {
        ++builds;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        auto s = std::make_shared<BoardSnapshot>();
        s->version = 3;
        s->json = R"({"board":{"id":1}})";
        return SnapshotPtr(s);
    };
    std::vector<std::thread> threads;
    std::atomic<int> served{0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            if (cache.get(BoardId{1}, false, 0, 3, slow)) ++served;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(builds.load(), 1);
    EXPECT_EQ(served.load(), 8);

    auto failing = []() -> SnapshotPtr { throw std::runtime_error("database away"); };
    EXPECT_THROW(cache.get(BoardId{2}, false, 0, 1, failing), std::runtime_error);
    EXPECT_EQ(cache.stats().entries, 1u);  // the failure is not kept
}

TEST(BoardViewETag, MatchesWeaklyInListsAndStar) {
    auto const tag = etag_for(BoardId{3}, 10, 7, BoardRole::editor, false);
    EXPECT_EQ(tag, R"(W/"3-10-7-editor")");
    EXPECT_EQ(etag_for(BoardId{3}, 10, 7, BoardRole::reader, true), R"(W/"3-10-7-reader-all")");
    EXPECT_TRUE(etag_matches(tag, tag));
    EXPECT_TRUE(etag_matches(R"("3-10-7-editor")", tag));
    EXPECT_TRUE(etag_matches(R"(W/"a", W/"3-10-7-editor")", tag));
    EXPECT_TRUE(etag_matches("*", tag));
    EXPECT_FALSE(etag_matches(R"(W/"3-10-7-viewer")", tag));
    EXPECT_FALSE(etag_matches(R"(W/"3-10-8-editor")", tag));
    EXPECT_FALSE(etag_matches("", tag));
}

}  // namespace village::boards
