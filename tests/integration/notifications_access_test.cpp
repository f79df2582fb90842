// Every follows, notifications, feed, quiet hours, onboarding and mention endpoint for every kind
// of person, and bad input for each: a clear error in the one shape, and nothing written.
#include <gtest/gtest.h>

#include <functional>

#include "notifications_fixture.hpp"

namespace village::notifications_testing {
namespace {

using P = Persona;

struct Call {
    std::string method;
    std::string path;
    std::string body;
};

struct Case {
    std::string name;
    std::function<Call(NotifyWorld&)> call;
    std::set<Persona> allowed;  // the others get `refused` (anonymous always 401)
    int success = 200;
    int refused = 404;
};

std::set<Persona> const kSignedIn = {P::guest,        P::trainee,        P::trainer,
                                     P::board_viewer, P::board_member,   P::board_editor,
                                     P::board_admin,  P::community_admin};
std::set<Persona> const kBoardReaders = {P::trainee,        P::trainer,      P::board_viewer,
                                         P::board_member,   P::board_editor, P::board_admin,
                                         P::community_admin};

std::vector<Case> cases() {
    auto board_follow = [](std::string const& method, std::string body) {
        return [=](NotifyWorld& w) {
            return Call{method, id_path("/api/v1/follows/boards/", w.board), body};
        };
    };
    auto fixed = [](std::string method, std::string path, std::string body = {}) {
        return [=](NotifyWorld&) { return Call{method, path, body}; };
    };
    return {
        {"GET /me/follows", fixed("GET", "/api/v1/me/follows"), kSignedIn},
        {"GET /follows/boards/{id}", board_follow("GET", ""), kBoardReaders},
        {"PUT /follows/boards/{id}", board_follow("PUT", R"({"level":"watching"})"), kBoardReaders},
        {"DELETE /follows/boards/{id}", board_follow("DELETE", ""), kBoardReaders},
        {"PUT /follows/cards/{id}",
         [](NotifyWorld& w) {
             auto card = w.new_card(P::board_member, "Follow me");
             return Call{"PUT", id_path("/api/v1/follows/cards/", card), R"({"level":"muted"})"};
         },
         kBoardReaders},
        {"GET /me/notifications", fixed("GET", "/api/v1/me/notifications"), kSignedIn},
        {"GET /me/notifications/unread_count",
         fixed("GET", "/api/v1/me/notifications/unread_count"), kSignedIn},
        {"POST /me/notifications/read_all", fixed("POST", "/api/v1/me/notifications/read_all"),
         kSignedIn},
        {"GET /me/feed", fixed("GET", "/api/v1/me/feed"), kSignedIn},
        {"POST /me/feed/seen", fixed("POST", "/api/v1/me/feed/seen", "{}"), kSignedIn},
        {"GET /me/quiet_hours", fixed("GET", "/api/v1/me/quiet_hours"), kSignedIn},
        {"PUT /me/quiet_hours",
         fixed("PUT", "/api/v1/me/quiet_hours",
               R"({"time_zone":"Europe/London","start":"22:00","end":"07:00"})"),
         kSignedIn},
        {"DELETE /me/quiet_hours", fixed("DELETE", "/api/v1/me/quiet_hours"), kSignedIn, 204},
        {"GET /me/onboarding", fixed("GET", "/api/v1/me/onboarding"), kSignedIn},
        {"GET /boards/{id}/mentionable",
         [](NotifyWorld& w) {
             return Call{"GET", id_path("/api/v1/boards/", w.board, "/mentionable?q=t"), ""};
         },
         kBoardReaders},
    };
}

TEST(NotificationsAccess, EveryEndpointForEveryone) {
    NotifyWorld w;
    for (auto const& c : cases()) {
        for (auto who : cards_testing::kPersonas) {
            SCOPED_TRACE(c.name + " as " + cards_testing::persona_name(who));
            auto const call = c.call(w);
            auto r = w.as(who).request(call.method, call.path, call.body);
            int const expected = c.allowed.contains(who) ? c.success
                                 : who == P::anonymous   ? 401
                                                         : c.refused;
            EXPECT_EQ(r.status, expected) << r.body;
            if (r.status >= 400) {
                EXPECT_FALSE(r.error_code().empty()) << r.body;
            }
        }
    }
    // Opening a notification: only its own member, and only signed in.
    w.follow(P::trainer, "boards", w.board, "watching");
    w.new_card(P::board_member, "Hello");
    auto const id = w.as(P::trainer)
                        .get("/api/v1/me/notifications")
                        .json()
                        .at("notifications")
                        .as_array()[0]
                        .at("id")
                        .as_int64();
    for (auto who : cards_testing::kPersonas) {
        SCOPED_TRACE(cards_testing::persona_name(who));
        auto r =
            w.as(who).request("POST", "/api/v1/me/notifications/" + std::to_string(id) + "/read");
        int const expected = who == P::trainer ? 200 : who == P::anonymous ? 401 : 404;
        EXPECT_EQ(r.status, expected) << r.body;
    }
}

TEST(NotificationsAccess, BadInputIsRefusedAndWritesNothing) {
    NotifyWorld w;
    auto const card = w.new_card(P::board_member, "Card");
    auto const before = w.module_rows();
    struct Bad {
        std::string method;
        std::string path;
        std::string body;
        int status;
        std::string field;
    };
    auto const follow = id_path("/api/v1/follows/boards/", w.board);
    std::string const quiet = "/api/v1/me/quiet_hours";
    std::vector<Bad> const bad = {
        {"PUT", follow, "not json", 400, ""},
        {"PUT", follow, "{}", 400, "level"},
        {"PUT", follow, R"({"level":"loud"})", 400, "level"},
        {"PUT", follow, R"({"level":3})", 400, "level"},
        {"PUT", "/api/v1/follows/teams/1", R"({"level":"normal"})", 404, ""},
        {"PUT", "/api/v1/follows/boards/x", R"({"level":"normal"})", 404, ""},
        {"PUT", "/api/v1/follows/boards/0", R"({"level":"normal"})", 404, ""},
        {"PUT", "/api/v1/follows/cards/987654", R"({"level":"normal"})", 404, ""},
        {"PUT", "/api/v1/follows/spaces/987654", R"({"level":"normal"})", 404, ""},
        {"DELETE", "/api/v1/follows/cards/987654", "", 404, ""},
        {"GET", "/api/v1/me/follows?type=teams", "", 400, "type"},
        {"GET", "/api/v1/me/notifications?before=abc", "", 400, "before"},
        {"GET", "/api/v1/me/notifications?limit=0", "", 400, "limit"},
        {"GET", "/api/v1/me/notifications?limit=201", "", 400, "limit"},
        {"GET", "/api/v1/me/notifications?unread=maybe", "", 400, "unread"},
        {"POST", "/api/v1/me/notifications/abc/read", "", 404, ""},
        {"POST", "/api/v1/me/notifications/987654/read", "", 404, ""},
        {"POST", "/api/v1/me/notifications/read_all", "nope", 400, ""},
        {"POST", "/api/v1/me/notifications/read_all", R"({"up_to":"x"})", 400, "up_to"},
        {"POST", "/api/v1/me/notifications/read_all", R"({"up_to":-3})", 400, "up_to"},
        {"GET", "/api/v1/me/feed?before=-1", "", 400, "before"},
        {"GET", "/api/v1/me/feed?limit=abc", "", 400, "limit"},
        {"POST", "/api/v1/me/feed/seen", R"({"up_to":1.5})", 400, "up_to"},
        {"PUT", quiet, "{}", 400, "time_zone"},
        {"PUT", quiet, R"({"time_zone":"Mars/Olympus"})", 400, "time_zone"},
        {"PUT", quiet, R"({"time_zone":"Europe/London","start":"25:00","end":"07:00"})", 400,
         "start"},
        {"PUT", quiet, R"({"time_zone":"Europe/London","start":"9pm","end":"07:00"})", 400,
         "start"},
        {"PUT", quiet, R"({"time_zone":"Europe/London","start":"21:00"})", 400, "end"},
        {"PUT", quiet, R"({"time_zone":"Europe/London","start":"21:00","end":"21:00"})", 400,
         "end"},
        {"PUT", quiet, R"({"time_zone":"Europe/London","days_off":"sat"})", 400, "days_off"},
        {"PUT", quiet, R"({"time_zone":"Europe/London","days_off":["someday"]})", 400, "days_off"},
        {"GET", id_path("/api/v1/boards/", w.board, "/mentionable?q=") + std::string(101, 'a'), "",
         400, "q"},
        {"GET", id_path("/api/v1/boards/", w.board, "/mentionable?limit=51"), "", 400, "limit"},
        {"GET", "/api/v1/boards/987654/mentionable", "", 404, ""},
    };
    for (auto const& b : bad) {
        SCOPED_TRACE(b.method + " " + b.path + " " + b.body);
        auto r = w.as(P::trainee).request(b.method, b.path, b.body);
        EXPECT_EQ(r.status, b.status) << r.body;
        auto const& field = r.json().at("error").at("field");
        EXPECT_EQ(field.is_null() ? std::string() : std::string(field.as_string()), b.field);
    }
    EXPECT_EQ(w.module_rows(), before);
    EXPECT_GT(card, 0);
}

TEST(NotificationsAccess, MentionSuggestionsOnlyNameThoseWhoMaySeeTheBoard) {
    NotifyWorld w;
    auto const secret = w.new_board("Private panel", "private");
    w.set_role(secret, P::board_editor, "member");
    auto names = [&](std::int64_t board, std::string const& q) {
        auto r =
            w.as(P::community_admin).get(id_path("/api/v1/boards/", board, "/mentionable?q=" + q));
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::string> out;
        auto const body = r.json();
        for (auto const& m : body.at("members").as_array()) {
            out.emplace_back(m.at("display_name").as_string());
            auto const mention = std::string(m.at("mention").as_string());
            EXPECT_EQ(mention, "@[" + out.back() +
                                   "](member:" + std::to_string(m.at("id").as_int64()) + ")");
        }
        return out;
    };
    EXPECT_EQ(names(secret, "board"), (std::vector<std::string>{"board_editor"}));
    EXPECT_EQ(names(w.board, "BOARD_"), (std::vector<std::string>{"board_admin", "board_editor",
                                                                  "board_member", "board_viewer"}));
    EXPECT_EQ(names(w.board, "guest"), (std::vector<std::string>{}));
    EXPECT_EQ(names(w.board, "%25"), (std::vector<std::string>{}));  // a literal %
    EXPECT_EQ(w.as(P::trainee).get(id_path("/api/v1/boards/", secret, "/mentionable")).status, 404);
}

TEST(NotificationsAccess, OnboardingFollowsWhatTheMemberDid) {
    NotifyWorld w;
    auto steps = [&] {
        auto r = w.as(P::trainee).get("/api/v1/me/onboarding");
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<bool> out;
        auto const body = r.json();
        for (auto const& s : body.at("steps").as_array()) out.push_back(s.at("done").as_bool());
        out.push_back(body.at("done").as_bool());
        return out;
    };
    EXPECT_EQ(steps(), (std::vector<bool>{false, false, false, false}));
    auto const space =
        id_of(w.as(P::community_admin).post("/api/v1/spaces", bj::object{{"name", "PICU"}}));
    auto r = w.as(P::trainee)
                 .patch("/api/v1/me", bj::object{{"grade", "ST3"},
                                                 {"site", "County General"},
                                                 {"interests", bj::array{"PICU"}}});
    ASSERT_EQ(r.status, 200) << r.body;
    // The interest also followed the PICU space.
    EXPECT_EQ(steps(), (std::vector<bool>{true, true, false, false}));
    w.follow(P::trainee, "spaces", space, "muted");
    EXPECT_EQ(steps(), (std::vector<bool>{true, false, false, false}));
    w.follow(P::trainee, "spaces", space, "watching");
    w.new_comment(P::trainee, w.new_card(P::board_member, "Say hello"), "Hello!");
    EXPECT_EQ(steps(), (std::vector<bool>{true, true, true, true}));
}

}  // namespace
}  // namespace village::notifications_testing
