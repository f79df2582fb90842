// The live protocol's client messages and the shape of server messages.
#include "live/messages.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace village::live {
namespace {

namespace bj = boost::json;

TEST(LiveMessages, SubscribeWithAndWithoutAfter) {
    auto plain = parse_command(R"({"type":"subscribe","board_id":7})");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->kind, Command::Kind::subscribe);
    EXPECT_EQ(plain->board.value, 7);
    EXPECT_FALSE(plain->after);

    auto resumed = parse_command(R"({"type":"subscribe","board_id":7,"after":1234})");
    ASSERT_TRUE(resumed);
    EXPECT_EQ(resumed->after, 1234);
    auto from_start = parse_command(R"({"type":"subscribe","board_id":7,"after":0})");
    ASSERT_TRUE(from_start);
    EXPECT_EQ(from_start->after, 0);
    auto null_after = parse_command(R"({"type":"subscribe","board_id":7,"after":null})");
    ASSERT_TRUE(null_after);
    EXPECT_FALSE(null_after->after);
}

TEST(LiveMessages, UnsubscribeAndPing) {
    auto un = parse_command(R"({"type":"unsubscribe","board_id":3})");
    ASSERT_TRUE(un);
    EXPECT_EQ(un->kind, Command::Kind::unsubscribe);
    auto ping = parse_command(R"({"type":"ping"})");
    ASSERT_TRUE(ping);
    EXPECT_EQ(ping->kind, Command::Kind::ping);
}

TEST(LiveMessages, BadInputNamesTheField) {
    struct Case {
        char const* text;
        char const* field;
    };
    for (auto const& c :
         {Case{"", ""}, Case{"[1]", ""}, Case{R"({"board_id":1})", "type"},
          Case{R"({"type":7})", "type"}, Case{R"({"type":"shout"})", "type"},
          Case{R"({"type":"subscribe"})", "board_id"},
          Case{R"({"type":"subscribe","board_id":0})", "board_id"},
          Case{R"({"type":"subscribe","board_id":"7"})", "board_id"},
          Case{R"({"type":"subscribe","board_id":1.5})", "board_id"},
          Case{R"({"type":"subscribe","board_id":18446744073709551615})", "board_id"},
          Case{R"({"type":"subscribe","board_id":1,"after":-1})", "after"},
          Case{R"({"type":"subscribe","board_id":1,"after":"5"})", "after"},
          Case{R"({"type":"unsubscribe"})", "board_id"}}) {
        auto parsed = parse_command(c.text);
        ASSERT_FALSE(parsed) << c.text;
        EXPECT_EQ(parsed.error().code, Errc::bad_request) << c.text;
        EXPECT_EQ(parsed.error().field, c.field) << c.text;
    }
}

TEST(LiveMessages, AnEventCarriesItsIdNameAndBoard) {
    BoardEvent event;
    event.board = BoardId{4};
    event.entry.id = ActivityId{99};
    event.entry.type = "card.created";
    event.entry.at = 0;
    event.entry.actor = MemberId{2};
    event.entry.actor_name = "Tess";
    event.entry.list = ListId{5};
    event.entry.card = CardId{6};
    event.entry.data = {{"title", "Hello"}};
    auto const json = bj::parse(event_message(event)).as_object();
    EXPECT_EQ(json.at("type").as_string(), "event");
    EXPECT_EQ(json.at("event").as_string(), "card.created");
    EXPECT_EQ(json.at("id").as_int64(), 99);
    EXPECT_EQ(json.at("board_id").as_int64(), 4);
    EXPECT_EQ(json.at("list_id").as_int64(), 5);
    EXPECT_EQ(json.at("card_id").as_int64(), 6);
    EXPECT_TRUE(json.at("comment_id").is_null());
    EXPECT_EQ(json.at("actor").at("display_name").as_string(), "Tess");
    EXPECT_EQ(json.at("data").at("title").as_string(), "Hello");
}

TEST(LiveMessages, ControlMessages) {
    EXPECT_EQ(unsubscribed_message(BoardId{3}, "not_found"),
              R"({"type":"unsubscribed","board_id":3,"reason":"not_found"})");
    EXPECT_EQ(reload_message(BoardId{3}, 10),
              R"({"type":"reload","board_id":3,"last_activity_id":10})");
    EXPECT_EQ(subscribed_message(BoardId{3}, 10),
              R"({"type":"subscribed","board_id":3,"last_activity_id":10})");
    EXPECT_EQ(
        error_message(Error{Errc::bad_request, "board_id is required", "board_id"}),
        R"({"type":"error","code":"bad_request","message":"board_id is required","field":"board_id"})");
}

}  // namespace
}  // namespace village::live
