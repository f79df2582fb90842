// The live socket as clients see it: events reach subscribers and no one else, access is
// re-checked mid-stream, reconnects replay exactly what was missed, and the socket's limits hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "http/websocket.hpp"
#include "live/hub.hpp"
#include "live_fixture.hpp"

namespace village::live_testing {
namespace {

using namespace std::chrono_literals;

TEST(LiveSocket, SubscriberReceivesCardCreatedWithItsActivityId) {
    LiveWorld world;
    auto b = world.socket(Persona::trainee);
    auto const answer = b.subscribe(world.board);
    EXPECT_EQ(answer.at("type").as_string(), "subscribed");

    auto const card = world.new_card(Persona::trainer, "Teaching day moved to Friday");
    auto const event = b.expect("event");
    EXPECT_EQ(event.at("event").as_string(), "card.created");
    EXPECT_EQ(event.at("board_id").as_int64(), world.board);
    EXPECT_EQ(event.at("card_id").as_int64(), card);
    EXPECT_EQ(event.at("list_id").as_int64(), world.list);
    EXPECT_EQ(event.at("id").as_int64(), world.newest_activity(world.board));
    EXPECT_EQ(event.at("data").at("title").as_string(), "Teaching day moved to Friday");
    EXPECT_EQ(event.at("actor").at("display_name").as_string(), "trainer");

    // Comments and moves arrive the same way, in the order they happened.
    world.new_comment(Persona::trainee, card, "Thanks!");
    auto const other_list = world.new_list(world.board, "Archive");
    auto const move =
        world.as(Persona::trainer)
            .patch(id_path("/api/v1/cards/", card), bj::object{{"list_id", other_list}});
    ASSERT_EQ(move.status, 200) << move.body;
    std::vector<std::string> names;
    std::int64_t last = event.at("id").as_int64();
    for (int i = 0; i < 3; ++i) {
        auto const next = b.expect("event");
        EXPECT_GT(next.at("id").as_int64(), last);
        last = next.at("id").as_int64();
        names.emplace_back(next.at("event").as_string());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"comment.added", "list.created", "card.moved"}));
}

// The web app's way in: read the board, then subscribe after the id the read carries; a card
// posted in between arrives as an event.
TEST(LiveSocket, SubscribingAfterTheBoardReadsLastActivityIdMissesNothing) {
    LiveWorld world;
    world.new_card(Persona::trainer, "Before the read");
    auto const read = world.as(Persona::trainee).get(id_path("/api/v1/boards/", world.board));
    ASSERT_EQ(read.status, 200) << read.body;
    auto const last = read.json().at("board").at("last_activity_id").as_int64();
    EXPECT_EQ(last, world.newest_activity(world.board));

    auto const between = world.new_card(Persona::trainer, "Between the read and the socket");
    auto b = world.socket(Persona::trainee);
    auto const answer = b.subscribe(world.board, last);
    EXPECT_EQ(answer.at("type").as_string(), "subscribed");
    auto const event = b.expect("event");
    EXPECT_EQ(event.at("card_id").as_int64(), between);
    EXPECT_EQ(event.at("data").at("title").as_string(), "Between the read and the socket");
    EXPECT_FALSE(b.receive(300ms)) << "something came twice or from before the read";
}

TEST(LiveSocket, NoAccessIsRefusedLikeAMissingBoardAndHearsNothing) {
    LiveWorld world;
    auto const hidden = world.new_board("Organisers only", "private");
    auto const hidden_list = world.new_list(hidden, "Plans");
    auto c = world.socket(Persona::trainee);

    auto refused = c.subscribe(hidden);
    auto missing = c.subscribe(987654);
    EXPECT_EQ(refused.at("type").as_string(), "unsubscribed");
    EXPECT_EQ(refused.at("reason").as_string(), "not_found");
    // Byte for byte the same answer, apart from the id asked about.
    refused["board_id"] = 0;
    missing["board_id"] = 0;
    EXPECT_EQ(bj::serialize(refused), bj::serialize(missing));

    world.new_card(Persona::community_admin, "Secret plans", hidden_list);
    EXPECT_FALSE(c.receive(700ms)) << "a member without access heard of a private card";
}

// Whoever may read a board over REST may follow it live, and no one else: every kind of person
// against every visibility.
TEST(LiveSocket, SubscribeAgreesWithTheBoardReadForEveryone) {
    LiveWorld world;
    std::vector<std::int64_t> boards{world.board};
    for (auto visibility : {"public", "groups", "private"}) {
        boards.push_back(world.new_board(std::string("A ") + visibility + " board", visibility));
    }
    for (auto const persona : cards_testing::kPersonas) {
        auto socket = world.socket(persona);
        for (auto const board : boards) {
            auto const read = world.as(persona).get(id_path("/api/v1/boards/", board));
            auto const answer = socket.subscribe(board);
            auto const expected = read.status == 200 ? "subscribed" : "unsubscribed";
            EXPECT_EQ(answer.at("type").as_string(), expected)
                << cards_testing::persona_name(persona) << " on board " << board
                << " (read answered " << read.status << ")";
        }
    }
}

TEST(LiveSocket, AccessRevokedMidStreamStopsEventsAtOnce) {
    LiveWorld world;
    auto const board = world.new_board("Reps", "private");
    auto const list = world.new_list(board, "Notes");
    world.set_role(board, Persona::trainee, "member");
    auto b = world.socket(Persona::trainee);
    ASSERT_EQ(b.subscribe(board).at("type").as_string(), "subscribed");
    world.new_card(Persona::community_admin, "Before", list);
    EXPECT_EQ(b.expect("event").at("data").at("title").as_string(), "Before");

    auto const removed = world.as(Persona::community_admin)
                             .del(id_path("/api/v1/boards/", board, "/members/") +
                                  std::to_string(world.id(Persona::trainee).value));
    ASSERT_EQ(removed.status, 204) << removed.body;
    auto const told = b.receive(5s);
    ASSERT_TRUE(told);
    EXPECT_EQ(told->at("type").as_string(), "unsubscribed") << bj::serialize(*told);
    EXPECT_EQ(told->at("board_id").as_int64(), board);
    EXPECT_EQ(told->at("reason").as_string(), "not_found");

    world.new_card(Persona::community_admin, "After", list);
    EXPECT_FALSE(b.receive(700ms)) << "events went on after access was revoked";
}

TEST(LiveSocket, ABoardMadePrivateStopsItsCommunityFollowers) {
    LiveWorld world;
    auto b = world.socket(Persona::trainee);
    auto keeps = world.socket(Persona::board_viewer);  // holds an explicit role: keeps access
    ASSERT_EQ(b.subscribe(world.board).at("type").as_string(), "subscribed");
    ASSERT_EQ(keeps.subscribe(world.board).at("type").as_string(), "subscribed");
    auto const patched =
        world.as(Persona::community_admin)
            .patch(id_path("/api/v1/boards/", world.board), bj::object{{"visibility", "private"}});
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(b.expect("unsubscribed").at("board_id").as_int64(), world.board);
    EXPECT_EQ(keeps.expect("event").at("event").as_string(), "board.updated");
    world.new_card(Persona::board_editor, "Only for the named few");
    EXPECT_EQ(keeps.expect("event").at("event").as_string(), "card.created");
    EXPECT_FALSE(b.receive(500ms));
}

TEST(LiveSocket, ReconnectWithTheLastIdGetsWhatWasMissedOnceAndInOrder) {
    LiveWorld world;
    std::int64_t last_seen = 0;
    {
        auto b = world.socket(Persona::trainee);
        b.subscribe(world.board);
        world.new_card(Persona::trainer, "Seen live");
        last_seen = b.expect("event").at("id").as_int64();
    }
    std::vector<std::int64_t> missed;
    for (auto title : {"Missed one", "Missed two", "Missed three"}) {
        missed.push_back(world.new_card(Persona::trainer, title));
    }
    auto const elsewhere = world.new_board("Elsewhere", "community");
    world.new_card(Persona::community_admin, "Not on this board", world.new_list(elsewhere, "L"));

    auto b = world.socket(Persona::trainee);
    // Cards keep coming while the client reconnects: replay and live must meet exactly.
    std::vector<std::int64_t> during;
    std::thread poster([&] {
        for (int i = 0; i < 10; ++i) {
            during.push_back(world.new_card(Persona::trainer, "During " + std::to_string(i)));
        }
    });
    auto const answer = b.subscribe(world.board, last_seen);
    poster.join();
    EXPECT_EQ(answer.at("type").as_string(), "subscribed");

    auto expected = missed;
    expected.insert(expected.end(), during.begin(), during.end());
    std::vector<std::int64_t> cards;
    std::vector<std::int64_t> ids;
    // As many events as cards (a slow machine may pause between them), then nothing more.
    while (cards.size() < expected.size()) {
        auto const message = b.receive(10s);
        if (!message) break;
        ASSERT_EQ(message->at("type").as_string(), "event") << bj::serialize(*message);
        ids.push_back(message->at("id").as_int64());
        cards.push_back(message->at("card_id").as_int64());
    }
    EXPECT_FALSE(b.receive(700ms)) << "more events than cards";
    EXPECT_EQ(cards, expected);  // each missed card once, in order, then the live ones
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), ids.size());
    EXPECT_GT(ids.front(), last_seen);
}

TEST(LiveSocket, AClientTooFarBehindIsToldToReload) {
    LiveWorld world;
    auto const from = world.newest_activity(world.board);
    for (std::size_t i = 0; i <= live::kMaxReplay; ++i) {
        world.new_card(Persona::trainer, "Card " + std::to_string(i));
    }
    auto b = world.socket(Persona::trainee);
    b.send(bj::object{{"type", "subscribe"}, {"board_id", world.board}, {"after", from}});
    auto const reload = b.receive(5s);
    ASSERT_TRUE(reload);
    EXPECT_EQ(reload->at("type").as_string(), "reload") << bj::serialize(*reload);
    EXPECT_EQ(reload->at("board_id").as_int64(), world.board);
    EXPECT_EQ(b.expect("subscribed").at("last_activity_id").as_int64(),
              world.newest_activity(world.board));
    // Live from there on.
    auto const card = world.new_card(Persona::trainer, "After the reload");
    EXPECT_EQ(b.expect("event").at("card_id").as_int64(), card);
}

TEST(LiveSocket, AnOriginOfAnotherSiteIsRefused) {
    LiveWorld world;
    WsOptions options;
    options.origin = "http://evil.example";
    try {
        (void)world.socket(Persona::trainee, options);
        FAIL() << "a page of another site opened a socket with the member's cookie";
    } catch (testing::WsRefused const& refused) {
        EXPECT_EQ(refused.status, 403);
        EXPECT_NE(refused.body.find("\"forbidden\""), std::string::npos) << refused.body;
    }
    // The same member from this site's own pages is welcome.
    auto ok = world.socket(Persona::trainee);
    EXPECT_EQ(ok.subscribe(world.board).at("type").as_string(), "subscribed");
}

TEST(LiveSocket, AnonymousMayFollowOnlyPublicBoards) {
    LiveWorld world;
    auto const open_board = world.new_board("Open day", "public");
    auto const open_list = world.new_list(open_board, "News");
    WsClient anonymous(world.server.port(), WsOptions{.origin = world.origin()});
    auto const welcome = anonymous.expect("welcome");
    EXPECT_TRUE(welcome.at("member").is_null());
    EXPECT_EQ(anonymous.subscribe(open_board).at("type").as_string(), "subscribed");
    EXPECT_EQ(anonymous.subscribe(world.board).at("reason").as_string(), "not_found");
    auto const card = world.new_card(Persona::community_admin, "Everyone welcome", open_list);
    world.new_card(Persona::trainer, "Members only");
    auto const event = anonymous.expect("event");
    EXPECT_EQ(event.at("card_id").as_int64(), card);
    EXPECT_FALSE(anonymous.receive(500ms));
}

TEST(LiveSocket, BearerTokensWorkAndABadOneIsRefused) {
    LiveWorld world;
    auto const created =
        world.as(Persona::trainee).post("/api/v1/me/tokens", bj::object{{"name", "live"}});
    ASSERT_EQ(created.status, 201) << created.body;
    WsOptions options;
    options.bearer = std::string(created.json().at("token").as_string());
    WsClient client(world.server.port(), options);
    EXPECT_EQ(client.expect("welcome").at("member").at("id").as_int64(),
              world.id(Persona::trainee).value);
    EXPECT_EQ(client.subscribe(world.board).at("type").as_string(), "subscribed");

    options.bearer = "not-a-token";
    try {
        WsClient refused(world.server.port(), options);
        FAIL() << "a wrong token opened a socket";
    } catch (testing::WsRefused const& refused) {
        EXPECT_EQ(refused.status, 401);
    }
}

TEST(LiveSocket, PlainHttpIsToldToUpgrade) {
    LiveWorld world;
    auto const response = world.as(Persona::trainee).get("/api/v1/live");
    EXPECT_EQ(response.status, 426);
    EXPECT_EQ(response.error_code(), "bad_request");
}

TEST(LiveSocket, BadMessagesGetAnErrorAndTheSocketStaysOpen) {
    LiveWorld world;
    auto b = world.socket(Persona::trainee);
    for (auto const& text :
         {std::string("not json"), std::string(R"({"type":"dance"})"),
          std::string(R"({"type":"subscribe"})"),
          std::string(R"({"type":"subscribe","board_id":-3})"),
          std::string(R"({"type":"subscribe","board_id":1,"after":"x"})"), std::string("[]")}) {
        b.send_text(text);
        auto const error = b.expect("error");
        EXPECT_EQ(error.at("code").as_string(), "bad_request") << text;
    }
    b.send(bj::object{{"type", "ping"}});
    EXPECT_TRUE(b.receive(2s).has_value());
    EXPECT_EQ(b.subscribe(world.board).at("type").as_string(), "subscribed");
}

TEST(LiveSocket, ASlowReaderIsDisconnectedAndMemoryStaysBounded) {
    LiveWorld world;
    WsOptions slow_options;
    slow_options.receive_buffer_bytes = 4096;
    auto slow = world.socket(Persona::trainee, slow_options);
    slow.subscribe(world.board);
    auto fast = world.socket(Persona::trainer);
    fast.subscribe(world.board);

    // Long titles make big events; the slow client reads none of them.
    std::string const title(500, 'x');
    int const posts = 900;
    std::size_t most_queued = 0;
    int received_fast = 0;
    for (int i = 0; i < posts; ++i) {
        world.new_card(Persona::board_editor, title);
        most_queued = std::max(most_queued, http::socket_queued_bytes());
        // The fast client keeps up, as a person's browser would.
        while (fast.receive(0ms)) ++received_fast;
    }
    while (received_fast < posts) {
        ASSERT_TRUE(fast.receive(5s)) << "the fast client missed events: " << received_fast;
        ++received_fast;
    }
    // Never more than one full queue (the slow one's) plus a little for the fast one.
    EXPECT_LE(most_queued, http::kMaxQueuedBytes + 64 * 1024);
    // The slow client was dropped: what reached its buffers, then the end.
    EXPECT_TRUE(slow.closed_within(10s));
    // And its queue is freed (the server's side of the close may trail the client's by a moment).
    for (int i = 0; i < 100 && http::socket_queued_bytes() != 0; ++i)
        std::this_thread::sleep_for(20ms);
    EXPECT_EQ(http::socket_queued_bytes(), 0u);
}

TEST(LiveSocket, StoppingTheServerClosesSocketsWithACloseFrame) {
    LiveWorld world;
    auto b = world.socket(Persona::trainee);
    b.subscribe(world.board);
    std::thread stopper([&] { world.server.stop(); });
    EXPECT_TRUE(b.closed_within(10s));
    stopper.join();
    EXPECT_EQ(b.close_code(), 1001);
}

}  // namespace
}  // namespace village::live_testing
