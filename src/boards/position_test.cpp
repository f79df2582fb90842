// Ordering keys: pure key arithmetic, and placing and renumbering on a real table.
#include "boards/position.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "support/test_database.hpp"

namespace village::boards {

namespace {

// The cards of one list, as the cards module orders them.
constexpr Ordering kCards{
    "SELECT position FROM cards WHERE id = $1 AND list_id = $2",
    "SELECT position FROM cards WHERE list_id = $1 AND id <> $4 AND "
    "(position > $2 OR (position = $2 AND id > $3)) ORDER BY position, id LIMIT 1",
    "SELECT position FROM cards WHERE list_id = $1 AND id <> $4 AND "
    "(position < $2 OR (position = $2 AND id < $3)) ORDER BY position DESC, id DESC LIMIT 1",
    "SELECT position FROM cards WHERE list_id = $1 AND id <> $2 "
    "ORDER BY position DESC, id DESC LIMIT 1",
    "SELECT id FROM cards WHERE list_id = $1 ORDER BY position, id",
    "UPDATE cards SET position = $2 WHERE id = $1",
};

struct ListFixture {
    std::unique_ptr<store::Database> database = testing::memory_database();
    store::Db db{*database};
    std::int64_t list = 0;

    ListFixture() {
        auto tx = db.begin();
        auto board = tx.query_one(
            "INSERT INTO boards (name, visibility, created_at, updated_at) "
            "VALUES ('Teaching', 'community', 0, 0) RETURNING id");
        list = tx.query_one(
                     "INSERT INTO lists (board_id, name, position, created_at, updated_at) "
                     "VALUES ($1, 'Notices', 'V', 0, 0) RETURNING id",
                     board->i64(0))
                   ->i64(0);
        tx.commit();
    }

    std::int64_t insert(store::Tx& tx, std::string const& position) {
        return tx
            .query_one(
                "INSERT INTO cards (board_id, list_id, title, position, created_at, updated_at) "
                "SELECT board_id, id, 'card', $2, 0, 0 FROM lists WHERE id = $1 RETURNING id",
                list, position)
            ->i64(0);
    }

    std::vector<std::int64_t> order() {
        std::vector<std::int64_t> ids;
        for (auto const& row : db.query(kCards.all, list)) ids.push_back(row.i64(0));
        return ids;
    }

    std::size_t longest_key() {
        return static_cast<std::size_t>(
            db.query_one("SELECT COALESCE(MAX(LENGTH(position)), 0) FROM cards")->i64(0));
    }
};

}  // namespace

TEST(Position, KeysBetweenNeighboursSortBetweenThem) {
    std::vector<std::pair<std::string, std::string>> const pairs = {
        {"1", "2"},  {"1", "3"},  {"V", "W"},  {"z", "zV"},      {"1", "101"},
        {"0V", "1"}, {"y", "z1"}, {"Az", "B"}, {"00001", "0001"}};
    for (auto const& [a, b] : pairs) {
        auto const k = key_between(a, b);
        EXPECT_TRUE(valid_position(k)) << a << " " << b << " -> " << k;
        EXPECT_LT(a, k);
        EXPECT_LT(k, b);
    }
}

TEST(Position, KeysAtTheEndsStayShortForLongRuns) {
    std::string last = key_after_last(std::nullopt);
    for (int i = 0; i < 1000; ++i) {
        auto next = key_after_last(last);
        ASSERT_LT(last, next);
        ASSERT_TRUE(valid_position(next));
        last = next;
    }
    EXPECT_LE(last.size(), 20u);  // about one character per 61 appends
    std::string first = key_before_first(std::nullopt);
    for (int i = 0; i < 1000; ++i) {
        auto prev = key_before_first(first);
        ASSERT_LT(prev, first);
        ASSERT_TRUE(valid_position(prev));
        first = prev;
    }
    EXPECT_LE(first.size(), 20u);
}

TEST(Position, RandomInsertionsKeepTheIntendedOrder) {
    std::mt19937 random(7);
    std::vector<std::string> keys = {key_between(std::nullopt, std::nullopt)};
    for (int i = 0; i < 2000; ++i) {
        auto const at = std::uniform_int_distribution<std::size_t>(0, keys.size())(random);
        std::optional<std::string_view> before;
        std::optional<std::string_view> after;
        if (at > 0) before = keys[at - 1];
        if (at < keys.size()) after = keys[at];
        auto key = key_between(before, after);
        keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(at), key);
    }
    EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
}

TEST(Position, RejectsKeysOutOfOrderOrInvalid) {
    EXPECT_THROW((void)key_between("b", "a"), std::invalid_argument);
    EXPECT_THROW((void)key_between("a", "a"), std::invalid_argument);
    EXPECT_THROW((void)key_between("a0", "b"), std::invalid_argument);
    EXPECT_THROW((void)key_between("a-", "b"), std::invalid_argument);
    EXPECT_FALSE(valid_position(""));
    EXPECT_FALSE(valid_position("V0"));
    EXPECT_FALSE(valid_position("é"));
    EXPECT_TRUE(valid_position("0V"));
}

TEST(Position, EvenlySpacedKeysAreShortIncreasingAndLeaveRoom) {
    for (std::size_t n : {1u, 2u, 30u, 31u, 1000u, 10000u, 250000u}) {
        auto const keys = evenly_spaced_keys(n);
        ASSERT_EQ(keys.size(), n);
        EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
        EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());
        for (auto const& k : keys) ASSERT_TRUE(valid_position(k)) << k;
        EXPECT_LE(keys.back().size(), n <= 10000 ? 3u : 4u);
        EXPECT_LT(keys.front(), key_between(keys.front(), keys.size() > 1 ? keys[1] : "z"));
    }
}

TEST(Position, TenThousandInsertionsRightAfterTheSameCardKeepOrderAndShortKeys) {
    ListFixture f;
    auto tx = f.db.begin();
    auto const a = f.insert(tx, "V");
    auto const b = f.insert(tx, "W");
    std::vector<std::int64_t> inserted;
    for (int i = 0; i < 10000; ++i) {
        auto key = place(tx, kCards, f.list, Anchor{a, Side::after});
        ASSERT_TRUE(key) << key.error().message;
        ASSERT_LE(key->size(), kMaxPositionChars);
        inserted.push_back(f.insert(tx, *key));
    }
    tx.commit();
    // Each new card went right after `a`, so they read newest first between a and b.
    std::vector<std::int64_t> expected = {a};
    expected.insert(expected.end(), inserted.rbegin(), inserted.rend());
    expected.push_back(b);
    EXPECT_EQ(f.order(), expected);
    EXPECT_LE(f.longest_key(), kMaxPositionChars);
}

TEST(Position, PlacesAtTheEndBeforeAndAfterAnchors) {
    ListFixture f;
    auto tx = f.db.begin();
    auto const first = f.insert(tx, *place(tx, kCards, f.list, std::nullopt));
    auto const last = f.insert(tx, *place(tx, kCards, f.list, std::nullopt));
    auto const middle = f.insert(tx, *place(tx, kCards, f.list, Anchor{last, Side::before}));
    auto const top = f.insert(tx, *place(tx, kCards, f.list, Anchor{first, Side::before}));
    auto const after_last = f.insert(tx, *place(tx, kCards, f.list, Anchor{last, Side::after}));
    tx.commit();
    EXPECT_EQ(f.order(), (std::vector<std::int64_t>{top, first, middle, last, after_last}));
}

TEST(Position, AnchorOutsideTheCollectionOrTheItemItselfIsRefusedOnItsField) {
    ListFixture f;
    auto tx = f.db.begin();
    auto const card = f.insert(tx, "V");
    auto missing = place(tx, kCards, f.list, Anchor{card + 100, Side::before});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::unprocessable);
    EXPECT_EQ(missing.error().field, "before_id");
    auto itself = place(tx, kCards, f.list, Anchor{card, Side::after}, card);
    ASSERT_FALSE(itself);
    EXPECT_EQ(itself.error().field, "after_id");
}

TEST(Position, MovingWithinTheCollectionIgnoresTheItemsOwnKey) {
    ListFixture f;
    auto tx = f.db.begin();
    auto const one = f.insert(tx, "1");
    auto const two = f.insert(tx, "2");
    auto const three = f.insert(tx, "3");
    // Move `one` right after `two`: its own old key must not count as a neighbour.
    auto key = place(tx, kCards, f.list, Anchor{two, Side::after}, one);
    ASSERT_TRUE(key);
    tx.exec(kCards.set, one, *key);
    tx.commit();
    EXPECT_EQ(f.order(), (std::vector<std::int64_t>{two, one, three}));
}

TEST(Position, EqualOrBrokenKeysAreRenumberedBeforePlacing) {
    ListFixture f;
    auto tx = f.db.begin();
    auto const one = f.insert(tx, "K");
    auto const two = f.insert(tx, "K");      // a race left two equal keys
    auto const three = f.insert(tx, "Q-0");  // imported junk
    auto key = place(tx, kCards, f.list, Anchor{one, Side::after});
    ASSERT_TRUE(key);
    auto const fresh = f.insert(tx, *key);
    tx.commit();
    EXPECT_EQ(f.order(), (std::vector<std::int64_t>{one, fresh, two, three}));
    for (auto const& row : f.db.query("SELECT position FROM cards")) {
        EXPECT_TRUE(valid_position(row.text(0))) << row.text(0);
    }
}

}  // namespace village::boards
