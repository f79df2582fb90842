// Who may call each card, label, checklist, comment and reaction endpoint: every endpoint × every
// kind of person, over real HTTP. Allowed calls succeed; the others get 401 (not signed in),
// 404 (cannot see the board: exactly the answer for something that does not exist) or 403.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "cards_fixture.hpp"

namespace village::cards_testing {
namespace {

using P = Persona;

// One request to make, and the same request about something that does not exist.
struct Call {
    std::string method;
    std::string path;
    bj::value body;  // null: no body
    std::string missing_path;
};

struct Case {
    std::string endpoint;
    std::function<Call(CardsWorld&, Persona)> setup;  // fresh objects for each person
    int success = 200;
    std::set<Persona> allowed;
    bool read = false;  // anonymous readers of a non-public board get 404, not 401
};

constexpr std::int64_t kMissing = 987654321;
// 👍, as a client puts it in a path.
constexpr char const* kThumbsPath = "%F0%9F%91%8D";

std::set<Persona> const kReaders = {P::trainee,        P::trainer,      P::board_viewer,
                                    P::board_member,   P::board_editor, P::board_admin,
                                    P::community_admin};
std::set<Persona> const kPosters = {P::trainee,      P::trainer,     P::board_member,
                                    P::board_editor, P::board_admin, P::community_admin};
// Of a card written by the board member.
std::set<Persona> const kCardEditors = {P::board_member, P::board_editor, P::board_admin,
                                        P::community_admin};
std::set<Persona> const kBoardEditors = {P::board_editor, P::board_admin, P::community_admin};

HttpResponse send(HttpClient& client, Call const& call, std::string const& path) {
    return client.request(call.method, path,
                          call.body.is_null() ? std::string() : bj::serialize(call.body));
}

std::vector<Case> cases() {
    auto card_of_member = [](CardsWorld& w) { return w.new_card(P::board_member, "Notice"); };
    std::vector<Case> out;

    // Cards
    out.push_back({"GET /cards/{id}",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"GET", id_path("/api/v1/cards/", card), nullptr,
                                   id_path("/api/v1/cards/", kMissing)};
                   },
                   200, kReaders, true});
    out.push_back({"POST /lists/{id}/cards",
                   [](CardsWorld& w, P) {
                       return Call{"POST", id_path("/api/v1/lists/", w.list, "/cards"),
                                   bj::object{{"title", "Teaching on Tuesday"}},
                                   id_path("/api/v1/lists/", kMissing, "/cards")};
                   },
                   201, kPosters});
    out.push_back({"PATCH /cards/{id}",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"PATCH", id_path("/api/v1/cards/", card),
                                   bj::object{{"title", "Changed"}, {"pinned", true}},
                                   id_path("/api/v1/cards/", kMissing)};
                   },
                   200, kCardEditors});
    out.push_back({"PATCH /cards/{id} archive",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"PATCH", id_path("/api/v1/cards/", card),
                                   bj::object{{"archived", true}},
                                   id_path("/api/v1/cards/", kMissing)};
                   },
                   200, kCardEditors});
    out.push_back({"DELETE /cards/{id}",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"DELETE", id_path("/api/v1/cards/", card), nullptr,
                                   id_path("/api/v1/cards/", kMissing)};
                   },
                   204, kCardEditors});

    // Labels
    out.push_back({"GET /boards/{id}/labels",
                   [](CardsWorld& w, P) {
                       return Call{"GET", id_path("/api/v1/boards/", w.board, "/labels"), nullptr,
                                   id_path("/api/v1/boards/", kMissing, "/labels")};
                   },
                   200, kReaders, true});
    out.push_back({"POST /boards/{id}/labels",
                   [](CardsWorld& w, P) {
                       return Call{"POST", id_path("/api/v1/boards/", w.board, "/labels"),
                                   bj::object{{"name", "Exam"}, {"color", "purple"}},
                                   id_path("/api/v1/boards/", kMissing, "/labels")};
                   },
                   201, kBoardEditors});
    out.push_back({"PATCH /labels/{id}",
                   [](CardsWorld& w, P) {
                       auto label = w.new_label(w.board, "Exam", "purple");
                       return Call{"PATCH", id_path("/api/v1/labels/", label),
                                   bj::object{{"color", "sky"}},
                                   id_path("/api/v1/labels/", kMissing)};
                   },
                   200, kBoardEditors});
    out.push_back({"DELETE /labels/{id}",
                   [](CardsWorld& w, P) {
                       auto label = w.new_label(w.board, "Exam", "purple");
                       return Call{"DELETE", id_path("/api/v1/labels/", label), nullptr,
                                   id_path("/api/v1/labels/", kMissing)};
                   },
                   204, kBoardEditors});

    // Checklists
    out.push_back({"POST /cards/{id}/checklists",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"POST", id_path("/api/v1/cards/", card, "/checklists"),
                                   bj::object{{"name", "To bring"}},
                                   id_path("/api/v1/cards/", kMissing, "/checklists")};
                   },
                   201, kCardEditors});
    out.push_back({"PATCH /checklists/{id}",
                   [=](CardsWorld& w, P) {
                       auto checklist = w.new_checklist(card_of_member(w));
                       return Call{"PATCH", id_path("/api/v1/checklists/", checklist),
                                   bj::object{{"name", "Renamed"}},
                                   id_path("/api/v1/checklists/", kMissing)};
                   },
                   200, kCardEditors});
    out.push_back({"DELETE /checklists/{id}",
                   [=](CardsWorld& w, P) {
                       auto checklist = w.new_checklist(card_of_member(w));
                       return Call{"DELETE", id_path("/api/v1/checklists/", checklist), nullptr,
                                   id_path("/api/v1/checklists/", kMissing)};
                   },
                   204, kCardEditors});
    out.push_back({"POST /checklists/{id}/items",
                   [=](CardsWorld& w, P) {
                       auto checklist = w.new_checklist(card_of_member(w));
                       return Call{"POST", id_path("/api/v1/checklists/", checklist, "/items"),
                                   bj::object{{"text", "Stethoscope"}},
                                   id_path("/api/v1/checklists/", kMissing, "/items")};
                   },
                   201, kCardEditors});
    out.push_back({"PATCH /checklist-items/{id} text",
                   [=](CardsWorld& w, P) {
                       auto item = w.new_item(w.new_checklist(card_of_member(w)), "Pen");
                       return Call{"PATCH", id_path("/api/v1/checklist-items/", item),
                                   bj::object{{"text", "Two pens"}},
                                   id_path("/api/v1/checklist-items/", kMissing)};
                   },
                   200, kCardEditors});
    {
        // Ticking is also open to the card's assignees: here the trainee is one.
        auto tickers = kCardEditors;
        tickers.insert(P::trainee);
        out.push_back(
            {"PATCH /checklist-items/{id} done",
             [=](CardsWorld& w, P) {
                 auto card = card_of_member(w);
                 auto assign =
                     w.as(P::board_member)
                         .patch(id_path("/api/v1/cards/", card),
                                bj::object{{"assignee_ids", bj::array{w.id(P::trainee).value}}});
                 EXPECT_EQ(assign.status, 200) << assign.body;
                 auto item = w.new_item(w.new_checklist(card), "Pen");
                 return Call{"PATCH", id_path("/api/v1/checklist-items/", item),
                             bj::object{{"done", true}},
                             id_path("/api/v1/checklist-items/", kMissing)};
             },
             200, tickers});
    }
    out.push_back({"DELETE /checklist-items/{id}",
                   [=](CardsWorld& w, P) {
                       auto item = w.new_item(w.new_checklist(card_of_member(w)), "Pen");
                       return Call{"DELETE", id_path("/api/v1/checklist-items/", item), nullptr,
                                   id_path("/api/v1/checklist-items/", kMissing)};
                   },
                   204, kCardEditors});

    // Comments
    out.push_back({"GET /cards/{id}/comments",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       w.new_comment(P::board_viewer, card, "First!");
                       return Call{"GET", id_path("/api/v1/cards/", card, "/comments"), nullptr,
                                   id_path("/api/v1/cards/", kMissing, "/comments")};
                   },
                   200, kReaders, true});
    out.push_back({"POST /cards/{id}/comments",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"POST", id_path("/api/v1/cards/", card, "/comments"),
                                   bj::object{{"body", "Thanks **all**"}},
                                   id_path("/api/v1/cards/", kMissing, "/comments")};
                   },
                   201, kReaders});
    out.push_back({"PATCH /comments/{id}",
                   [=](CardsWorld& w, P) {
                       auto comment = w.new_comment(P::board_viewer, card_of_member(w), "Typo");
                       return Call{"PATCH", id_path("/api/v1/comments/", comment),
                                   bj::object{{"body", "Fixed"}},
                                   id_path("/api/v1/comments/", kMissing)};
                   },
                   200,
                   {P::board_viewer}});
    out.push_back({"DELETE /comments/{id}",
                   [=](CardsWorld& w, P) {
                       auto comment = w.new_comment(P::board_viewer, card_of_member(w), "Oops");
                       return Call{"DELETE", id_path("/api/v1/comments/", comment), nullptr,
                                   id_path("/api/v1/comments/", kMissing)};
                   },
                   204,
                   {P::board_viewer, P::board_admin, P::community_admin}});

    // Reactions
    out.push_back({"POST /cards/{id}/reactions",
                   [=](CardsWorld& w, P) {
                       auto card = card_of_member(w);
                       return Call{"POST", id_path("/api/v1/cards/", card, "/reactions"),
                                   bj::object{{"emoji", "👍"}},
                                   id_path("/api/v1/cards/", kMissing, "/reactions")};
                   },
                   201, kReaders});
    out.push_back({"DELETE /cards/{id}/reactions/{emoji}",
                   [=](CardsWorld& w, P who) {
                       auto card = card_of_member(w);
                       auto const path = id_path("/api/v1/cards/", card, "/reactions");
                       auto const reactor = kReaders.count(who) ? who : P::board_viewer;
                       w.as(reactor).post(path, bj::object{{"emoji", "👍"}});
                       return Call{
                           "DELETE", path + "/" + kThumbsPath, nullptr,
                           id_path("/api/v1/cards/", kMissing, "/reactions/") + kThumbsPath};
                   },
                   200, kReaders});
    out.push_back({"POST /comments/{id}/reactions",
                   [=](CardsWorld& w, P) {
                       auto comment = w.new_comment(P::board_viewer, card_of_member(w), "Hi");
                       return Call{"POST", id_path("/api/v1/comments/", comment, "/reactions"),
                                   bj::object{{"emoji", "🎉"}},
                                   id_path("/api/v1/comments/", kMissing, "/reactions")};
                   },
                   201, kReaders});
    out.push_back({"DELETE /comments/{id}/reactions/{emoji}",
                   [=](CardsWorld& w, P who) {
                       auto comment = w.new_comment(P::board_viewer, card_of_member(w), "Hi");
                       auto const path = id_path("/api/v1/comments/", comment, "/reactions");
                       auto const reactor = kReaders.count(who) ? who : P::board_viewer;
                       w.as(reactor).post(path, bj::object{{"emoji", "👍"}});
                       return Call{
                           "DELETE", path + "/" + kThumbsPath, nullptr,
                           id_path("/api/v1/comments/", kMissing, "/reactions/") + kThumbsPath};
                   },
                   200, kReaders});
    return out;
}

TEST(CardsPermissions, EveryEndpointForEveryKindOfPerson) {
    CardsWorld world;
    for (auto const& c : cases()) {
        for (auto persona : kPersonas) {
            SCOPED_TRACE(c.endpoint + " as " + persona_name(persona));
            auto const call = c.setup(world, persona);
            auto& client = world.as(persona);
            auto const response = send(client, call, call.path);
            int expected = c.success;
            if (!c.allowed.count(persona)) {
                if (persona == P::anonymous) {
                    expected = c.read ? 404 : 401;
                } else if (persona == P::guest) {
                    expected = 404;
                } else {
                    expected = 403;
                }
            }
            EXPECT_EQ(response.status, expected) << response.body;
            if (response.status >= 400) {
                auto const body = response.json();
                EXPECT_TRUE(body.at("error").at("code").is_string()) << response.body;
                EXPECT_TRUE(body.at("error").at("message").is_string()) << response.body;
            }
            if (expected == 404) {
                // What one may not see reads exactly as what does not exist.
                auto const missing = send(client, call, call.missing_path);
                EXPECT_EQ(missing.status, 404);
                EXPECT_EQ(missing.body, response.body);
            }
        }
    }
}

TEST(CardsPermissions, AnonymousVisitorsReadPublicBoardsButWriteNothing) {
    CardsWorld world;
    auto const board = world.new_board("Open day", "public");
    auto const list = world.new_list(board, "Programme");
    auto const card = world.new_card(P::community_admin, "Welcome", list);
    world.new_comment(P::community_admin, card, "See you there");
    auto& anonymous = world.as(P::anonymous);

    auto read = anonymous.get(id_path("/api/v1/cards/", card));
    ASSERT_EQ(read.status, 200) << read.body;
    auto const json = read.json().as_object();
    EXPECT_EQ(json.at("title").as_string(), "Welcome");
    EXPECT_EQ(json.at("comments").at("comments").as_array().size(), 1u);
    auto const& can = json.at("permissions").as_object();
    for (auto const& [name, value] : can) EXPECT_FALSE(value.as_bool()) << name;
    EXPECT_EQ(anonymous.get(id_path("/api/v1/cards/", card, "/comments")).status, 200);
    EXPECT_EQ(anonymous.get(id_path("/api/v1/boards/", board, "/labels")).status, 200);

    EXPECT_EQ(
        anonymous.post(id_path("/api/v1/cards/", card, "/comments"), bj::object{{"body", "hi"}})
            .status,
        401);
    EXPECT_EQ(
        anonymous.post(id_path("/api/v1/cards/", card, "/reactions"), bj::object{{"emoji", "👍"}})
            .status,
        401);
    EXPECT_EQ(
        anonymous.post(id_path("/api/v1/lists/", list, "/cards"), bj::object{{"title", "spam"}})
            .status,
        401);

    // A guest on a public board is a viewer: may react and comment, not post.
    auto& guest = world.as(P::guest);
    EXPECT_EQ(guest.post(id_path("/api/v1/cards/", card, "/reactions"), bj::object{{"emoji", "👍"}})
                  .status,
              201);
    EXPECT_EQ(
        guest.post(id_path("/api/v1/lists/", list, "/cards"), bj::object{{"title", "x"}}).status,
        403);
}

TEST(CardsPermissions, PermissionsInTheCardReadMatchWhatTheServerAllows) {
    CardsWorld world;
    auto const card = world.new_card(P::board_member, "Mine");
    auto flags = [&](Persona p) {
        return world.as(p).get(id_path("/api/v1/cards/", card)).json().at("permissions");
    };
    EXPECT_TRUE(flags(P::board_member).at("can_edit").as_bool());
    EXPECT_FALSE(flags(P::trainee).at("can_edit").as_bool());
    EXPECT_TRUE(flags(P::trainee).at("can_comment").as_bool());
    EXPECT_FALSE(flags(P::board_viewer).at("can_edit").as_bool());
    EXPECT_TRUE(flags(P::board_viewer).at("can_react").as_bool());
    EXPECT_FALSE(flags(P::board_editor).at("can_moderate_comments").as_bool());
    EXPECT_TRUE(flags(P::board_admin).at("can_moderate_comments").as_bool());
    EXPECT_TRUE(flags(P::community_admin).at("can_delete").as_bool());
}

}  // namespace
}  // namespace village::cards_testing
