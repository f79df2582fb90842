// migrate-data: a community filled into SQLite arrives whole in the target (another SQLite
// database always; PostgreSQL when VILLAGE_TEST_DATABASE_URL is set), checked table by table
// with counts and content checksums computed independently on both sides.
#include "store/migrate_data.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/test_database.hpp"

namespace village::store {

namespace {

constexpr int kCards = 2'345;  // more than one read batch and many insert batches
constexpr std::int64_t kT = 1'790'000'000'000;

// Rows in every table of the schema, with the awkward values a real community has: NULLs,
// empty strings, quotes, non-ASCII text, 64-bit times, ids with gaps.
void fill_every_table(Sql& tx) {
    tx.exec(
        "INSERT INTO members (id, email, email_key, display_name, role, grade, site, interests, "
        "password_hash, created_at, updated_at, last_seen_at, deactivated_at) VALUES "
        "(1, 'Ada@Example.org', 'ada@example.org', 'Ada Ó''Neill', 'admin', NULL, 'St Mary''s', "
        "'[\"neonatology\"]', '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', $1, $1, $1, NULL), "
        "(2, 'bo@example.org', 'bo@example.org', 'Bő 🩺', 'trainer', 'ST8', NULL, '[]', NULL, "
        "$1, "
        "$1, NULL, NULL), "
        "(7, 'cy@example.org', 'cy@example.org', '', 'guest', 'ST1', '', '[]', NULL, $1, $1, "
        "NULL, $2)",
        kT, kT + 1);
    tx.exec(
        "INSERT INTO sessions (member_id, token_hash, csrf_token, created_at, expires_at, "
        "last_used_at, revoked_at, address, user_agent) VALUES "
        "(1, 'h1', 'c1', $1, $1, $1, NULL, '127.0.0.1', 'Mozilla/5.0 (\"quoted\")'), "
        "(2, 'h2', 'c2', $1, $1, $1, $1, NULL, NULL)",
        kT);
    tx.exec(
        "INSERT INTO access_tokens (member_id, name, token_hash, created_at, last_used_at, "
        "expires_at, revoked_at) VALUES (1, 'script', 't1', $1, NULL, $1, NULL)",
        kT);
    tx.exec(
        "INSERT INTO signin_failures (scope, key, at) VALUES ('account', 'ada@example.org', $1), "
        "('address', '10.0.0.1', $1)",
        kT);
    tx.exec(
        "INSERT INTO setup_tokens (purpose, token_hash, created_at, expires_at, used_at) VALUES "
        "('first_admin', 's1', $1, $1, $1)",
        kT);
    tx.exec(
        "INSERT INTO groups (id, name, name_key, description, created_at) VALUES "
        "(1, 'ST1–3', 'st1–3', '', $1), (3, 'Trainers', 'trainers', 'All trainers', $1)",
        kT);
    tx.exec("INSERT INTO group_members (group_id, member_id) VALUES (1, 7), (3, 2), (3, 1)");
    tx.exec(
        "INSERT INTO spaces (name, name_key, description, position, created_by, created_at, "
        "archived_at) VALUES ('Neonatology', 'neonatology', 'Babies', 'a0', 1, $1, NULL), "
        "('Old', 'old', '', 'Zz', NULL, $1, $1)",
        kT);
    tx.exec(
        "INSERT INTO boards (id, space_id, name, description, visibility, default_role, "
        "comments_enabled, created_by, created_at, updated_at, archived_at, version) VALUES "
        "(1, 1, 'Teaching', '**md**', 'community', 'member', 1, 1, $1, $1, NULL, 42), "
        "(2, NULL, 'Mine', '', 'private', 'viewer', 0, 2, $1, $1, $1, 1)",
        kT);
    tx.exec("INSERT INTO board_groups (board_id, group_id) VALUES (1, 1), (1, 3)");
    tx.exec(
        "INSERT INTO board_members (board_id, member_id, role) VALUES (2, 2, 'admin'), "
        "(1, 7, 'viewer')");
    tx.exec(
        "INSERT INTO lists (id, board_id, name, position, created_at, updated_at, archived_at) "
        "VALUES (1, 1, 'To do', 'a', $1, $1, NULL), (2, 1, 'Done', 'b', $1, $1, $1)",
        kT);
    tx.exec(
        "INSERT INTO labels (board_id, name, color) VALUES (1, 'Exam', 'red'), (1, '', 'blue')");
    for (int i = 1; i <= kCards; ++i) {
        tx.exec(
            "INSERT INTO cards (id, board_id, list_id, title, body_md, body_html, position, "
            "start_at, due_at, due_complete, location, cover_url, pinned, author_id, created_at, "
            "updated_at, archived_at) VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, "
            "$11, $12, $13, $13, NULL)",
            i * 3, 1 + i % 2, "Card №" + std::to_string(i), "Line 1\nLine 2 «" + std::to_string(i),
            "<p>Line 1</p>", "a" + std::to_string(100000 + i),
            i % 5 == 0 ? std::optional<std::int64_t>(kT + i) : std::nullopt, kT + 2 * i, i % 2,
            i % 7 == 0 ? std::optional<std::string>("Room 1") : std::nullopt, i % 11 == 0 ? 1 : 0,
            i % 3 == 0 ? std::optional<std::int64_t>(2) : std::nullopt, kT + i);
    }
    tx.exec("INSERT INTO card_labels (card_id, label_id) VALUES (3, 1), (3, 2), (6, 1)");
    tx.exec("INSERT INTO card_assignees (card_id, member_id) VALUES (3, 1), (9, 2)");
    tx.exec("INSERT INTO checklists (id, card_id, name, position) VALUES (1, 3, 'Prep', 'a')");
    tx.exec(
        "INSERT INTO checklist_items (checklist_id, text, done, position) VALUES "
        "(1, 'Read', 1, 'a'), (1, 'Write', 0, 'b')");
    tx.exec(
        "INSERT INTO comments (id, card_id, author_id, body_md, body_html, created_at, "
        "updated_at, deleted_at, deleted_by) VALUES (1, 3, 2, '@ada see', '<p>@ada see</p>', "
        "$1, $1, NULL, NULL), (2, 3, NULL, '', '', $1, $1, $1, 1)",
        kT);
    tx.exec(
        "INSERT INTO comments (id, card_id, author_id, body_md, body_html, created_at, "
        "updated_at, imported_author) VALUES (3, 6, NULL, 'From Trello', '<p>From Trello</p>', "
        "$1, $1, 'Zoë Trello 🦊')",
        kT);
    tx.exec(
        "INSERT INTO card_attachments (card_id, name, url, note, position, created_at) VALUES "
        "(3, 'Rota.pdf', 'https://trello.com/1/cards/x/attachments/y/download/Rota.pdf', "
        "'needs a Trello login', 'a', $1), (3, 'https://example.org', 'https://example.org', '', "
        "'b', $1)",
        kT);
    tx.exec("INSERT INTO card_imported_assignees (card_id, name) VALUES (3, 'Zoë Trello 🦊')");
    tx.exec(
        "INSERT INTO card_reactions (card_id, member_id, emoji, created_at) VALUES "
        "(3, 1, '👍', $1), (3, 2, '👍', $1), (3, 1, '🎉', $1)",
        kT);
    tx.exec(
        "INSERT INTO comment_reactions (comment_id, member_id, emoji, created_at) VALUES "
        "(1, 1, '❤️', $1)",
        kT);
    tx.exec(
        "INSERT INTO activity (at, actor_id, type, space_id, board_id, list_id, card_id, "
        "comment_id, data) VALUES ($1, 1, 'card.created', 1, 1, 1, 3, NULL, '{\"title\":\"x\"}'), "
        "($1, NULL, 'comment.added', NULL, 1, NULL, 3, 1, '{}')",
        kT);
    // Follows, notifications, the feed, announcements and quiet hours (notifications module).
    tx.exec(
        "INSERT INTO follows (member_id, target_type, target_id, level, origin, created_at, "
        "updated_at) VALUES (1, 'space', 1, 'normal', 'interest', $1, $1), "
        "(2, 'card', 3, 'muted', 'chosen', $1, $2)",
        kT, kT + 1);
    tx.exec(
        "INSERT INTO notifications (member_id, activity_id, kind, board_id, card_id, comment_id, "
        "actor_id, created_at, read_at, push) VALUES "
        "(2, 1, 'card', 1, 3, NULL, 1, $1, NULL, 1), (1, 2, 'mention', 1, 3, 1, NULL, $1, $1, 0)",
        kT);
    tx.exec(
        "INSERT INTO feed_items (member_id, activity_id, board_id, card_id) VALUES (2, 1, 1, 3)");
    tx.exec("INSERT INTO feed_marks (member_id, seen_activity_id, seen_at) VALUES (2, 1, $1)", kT);
    tx.exec(
        "INSERT INTO announcements (card_id, announced_by, audience, created_at) VALUES "
        "(3, 1, 'groups', $1), (6, NULL, 'everyone', $1)",
        kT);
    tx.exec("INSERT INTO announcement_groups (card_id, group_id) VALUES (3, 1), (3, 3)");
    tx.exec(
        "INSERT INTO announcement_recipients (card_id, member_id, seen_at, acknowledged_at) "
        "VALUES (3, 7, $1, $1), (3, 2, NULL, NULL), (6, 2, $1, NULL)",
        kT);
    tx.exec(
        "INSERT INTO quiet_hours (member_id, time_zone, start_minute, end_minute, days_off, "
        "updated_at) VALUES (1, 'Europe/London', 1260, 480, 96, $1), "
        "(2, 'UTC', NULL, NULL, 0, $1)",
        kT);
    tx.exec(
        "INSERT INTO mail_outbox (message_id, kind, member_id, to_address, subject, message, "
        "created_at, due_at, attempts, claimed_until, sent_at, last_error) VALUES "
        "('<a1@village.test>', 'sign_in', 1, 'Ada@Example.org', 'Café', 'Subject: x\r\n\r\nx', "
        "$1, $1, 2, NULL, $1, NULL), "
        "('<a2@village.test>', 'invitation', NULL, 'new@example.org', 'Join', 'x', $1, $1, 0, "
        "$1, NULL, 'connection refused')",
        kT);
    tx.exec(
        "INSERT INTO sign_in_links (member_id, token_hash, created_at, expires_at, used_at) "
        "VALUES (1, 'l1', $1, $1, NULL), (2, 'l2', $1, $1, $1)",
        kT);
    tx.exec(
        "INSERT INTO invitations (email, email_key, display_name, role, grade, site, group_ids, "
        "token_hash, invited_by, created_at, expires_at, accepted_at, member_id) VALUES "
        "('New@Example.org', 'new@example.org', 'Nia Ñew', 'trainee', 'ST1', NULL, '[1,3]', 'i1', "
        "1, $1, $1, NULL, NULL), "
        "('bo@example.org', 'bo@example.org', 'Bő', 'trainer', NULL, '', '[]', 'i2', NULL, $1, "
        "$1, $1, 2)",
        kT);
    tx.exec(
        "INSERT INTO mail_preferences (member_id, notify, digest_minute, time_zone, "
        "next_digest_at, last_digest_at, mailed_through, updated_at) VALUES "
        "(1, 'weekly', 450, 'Europe/London', $1, NULL, 0, $1), "
        "(2, 'never', 0, NULL, NULL, $1, 12, $1)",
        kT);
    tx.exec(
        "INSERT INTO signing_keys (name, secret, created_at) VALUES ('mail_links', 'ab01', $1)", kT);
}

class MigrateData : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        source_ = testing::memory_database();
        target_ = testing::fresh_database(GetParam());
        if (!target_) GTEST_SKIP() << "VILLAGE_TEST_DATABASE_URL is not set";
        Db db(*source_);
        auto tx = db.begin();
        fill_every_table(tx);
        tx.commit();
    }
    std::unique_ptr<Database> source_;
    std::unique_ptr<Database> target_;
};

TEST_P(MigrateData, TheFixtureFillsEveryTable) {
    Db db(*source_);
    for (auto const& table : describe_tables(db, source_->backend())) {
        EXPECT_GT(db.query_one("SELECT COUNT(*) FROM \"" + table.name + "\"")->i64(0), 0)
            << "add rows for table " << table.name << " to fill_every_table()";
    }
}

TEST_P(MigrateData, EveryRowOfEveryTableArrives) {
    auto report = copy_all(*source_, *target_);
    ASSERT_TRUE(report) << report.error().message << " " << report.error().detail;

    Db from(*source_);
    Db to(*target_);
    auto const tables = describe_tables(from, source_->backend());
    ASSERT_EQ(report->tables.size(), tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        auto const& table = tables[i];
        SCOPED_TRACE(table.name);
        std::vector<std::string> columns;
        for (auto const& c : table.columns) columns.push_back(c.name);
        // Independently of the report: counted and checksummed again on each side.
        auto const before = summarize_table(from, table, columns);
        auto const after = summarize_table(to, table, columns);
        EXPECT_GT(before.rows, 0);
        EXPECT_EQ(after.rows, before.rows);
        EXPECT_EQ(after.checksum, before.checksum);
        auto const count = "SELECT COUNT(*) FROM \"" + table.name + "\"";
        EXPECT_EQ(to.query_one(count)->i64(0), from.query_one(count)->i64(0));
        EXPECT_EQ(report->tables[i].table, table.name);
        EXPECT_EQ(report->tables[i].target.checksum, before.checksum);
    }
    EXPECT_EQ(to.query_one("SELECT COUNT(*) FROM cards")->i64(0), kCards);

    // Spot checks of what a user would see.
    auto ada = to.query_one("SELECT display_name, site, deactivated_at FROM members WHERE id = 1");
    EXPECT_EQ(ada->text(0), "Ada Ó'Neill");
    EXPECT_EQ(ada->text(1), "St Mary's");
    EXPECT_TRUE(ada->is_null(2));
    auto card = to.query_one("SELECT title, due_at, list_id FROM cards WHERE id = $1", 3 * 1234);
    EXPECT_EQ(card->text(0), "Card №1234");
    EXPECT_EQ(card->i64(1), kT + 2 * 1234);
    EXPECT_EQ(card->i64(2), 1);
}

TEST_P(MigrateData, NewRowsInTheTargetGetIdsAfterTheCopiedOnes) {
    ASSERT_TRUE(copy_all(*source_, *target_));
    Db db(*target_);
    auto tx = db.begin();
    auto const id = tx.query_one(
                          "INSERT INTO members (email, email_key, display_name, role, created_at, "
                          "updated_at) VALUES ('new@example.org', 'new@example.org', 'N', "
                          "'trainee', 0, 0) RETURNING id")
                        ->i64(0);
    EXPECT_GT(id, 7);
    auto const card = tx.query_one(
                            "INSERT INTO cards (board_id, list_id, title, position, created_at, "
                            "updated_at) VALUES (1, 1, 'New', 'zz', 0, 0) RETURNING id")
                          ->i64(0);
    EXPECT_GT(card, 3 * kCards);
    tx.commit();
}

TEST_P(MigrateData, ANonEmptyTargetIsRefusedAndLeftAsItWas) {
    {
        Db db(*target_);
        auto tx = db.begin();
        tx.exec("INSERT INTO groups (name, name_key, created_at) VALUES ('Mine', 'mine', 0)");
        tx.commit();
    }
    auto report = copy_all(*source_, *target_);
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, Errc::conflict);
    Db db(*target_);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM members")->i64(0), 0);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM groups")->i64(0), 1);
}

TEST_P(MigrateData, ACopyCopiedBackIsIdenticalToTheOriginal) {
    ASSERT_TRUE(copy_all(*source_, *target_));
    auto back = testing::memory_database();
    auto report = copy_all(*target_, *back);
    ASSERT_TRUE(report) << report.error().message << " " << report.error().detail;
    Db original(*source_);
    Db returned(*back);
    for (auto const& table : describe_tables(original, "sqlite")) {
        std::vector<std::string> columns;
        for (auto const& c : table.columns) columns.push_back(c.name);
        EXPECT_EQ(summarize_table(returned, table, columns).checksum,
                  summarize_table(original, table, columns).checksum)
            << table.name;
    }
}

TEST(MigrateDataCommand, CopiesAFileAndRefusesAMissingSource) {
    auto const dir = std::filesystem::temp_directory_path() /
                     ("village-migrate-data-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto const from = "sqlite://" + (dir / "from.db").string();
    auto const to = "sqlite://" + (dir / "to.db").string();
    {
        auto source = open_database(from, {});
        ASSERT_TRUE(source);
        (*source)->migrate();
        Db db(**source);
        auto tx = db.begin();
        fill_every_table(tx);
        tx.commit();
    }
    EXPECT_EQ(run_migrate_data("sqlite://" + (dir / "absent.db").string(), to), 1);
    EXPECT_FALSE(std::filesystem::exists(dir / "absent.db"));
    EXPECT_EQ(run_migrate_data(from, to), 0);
    {
        auto target = open_database(to, {});
        ASSERT_TRUE(target);
        Db db(**target);
        EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM cards")->i64(0), kCards);
    }
    EXPECT_EQ(run_migrate_data(from, to), 1);  // the target is no longer empty
    std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Targets, MigrateData, ::testing::ValuesIn(testing::backends()),
                         [](auto const& info) { return info.param; });

}  // namespace

}  // namespace village::store
