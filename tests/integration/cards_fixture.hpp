// A running server with one community board ("Teaching", default role member), a list on it and
// one signed-in client per kind of person the card endpoints must tell apart.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_server.hpp"

namespace village::cards_testing {

namespace bj = boost::json;
using testing::HttpClient;
using testing::HttpResponse;

enum class Persona {
    anonymous,
    guest,         // a community guest the board is not shared with
    trainee,       // holds the board's default role (member)
    trainer,       // likewise
    board_viewer,  // explicit board roles …
    board_member,
    board_editor,
    board_admin,
    community_admin,  // role admin: everything everywhere
};

inline constexpr std::array<Persona, 9> kPersonas = {
    Persona::anonymous,    Persona::guest,        Persona::trainee,
    Persona::trainer,      Persona::board_viewer, Persona::board_member,
    Persona::board_editor, Persona::board_admin,  Persona::community_admin};

inline std::string persona_name(Persona p) {
    switch (p) {
        case Persona::anonymous:
            return "anonymous";
        case Persona::guest:
            return "guest";
        case Persona::trainee:
            return "trainee";
        case Persona::trainer:
            return "trainer";
        case Persona::board_viewer:
            return "board_viewer";
        case Persona::board_member:
            return "board_member";
        case Persona::board_editor:
            return "board_editor";
        case Persona::board_admin:
            return "board_admin";
        case Persona::community_admin:
            return "community_admin";
    }
    return "?";
}

inline std::string id_path(std::string const& prefix, std::int64_t id,
                           std::string const& suffix = {}) {
    return prefix + std::to_string(id) + suffix;
}

inline std::int64_t id_of(HttpResponse const& r) {
    if (r.status != 200 && r.status != 201) {
        throw std::runtime_error("expected a created object, got " + std::to_string(r.status) +
                                 ": " + r.body);
    }
    return r.json().at("id").as_int64();
}

class CardsWorld {
  public:
    CardsWorld() {
        struct Person {
            Persona persona;
            Role role;
        };
        for (auto [persona, role] :
             {Person{Persona::guest, Role::guest}, Person{Persona::trainee, Role::trainee},
              Person{Persona::trainer, Role::trainer}, Person{Persona::board_viewer, Role::trainee},
              Person{Persona::board_member, Role::trainee},
              Person{Persona::board_editor, Role::trainer},
              Person{Persona::board_admin, Role::trainer},
              Person{Persona::community_admin, Role::admin}}) {
            auto const email = persona_name(persona) + "@example.org";
            ids_[persona] =
                testing::create_member(server.database(), email, role, persona_name(persona));
            clients_.emplace(persona,
                             std::make_unique<HttpClient>(testing::sign_in(server, email)));
        }
        clients_.emplace(Persona::anonymous, std::make_unique<HttpClient>(server.client()));
        board = new_board("Teaching", "community");
        list = new_list(board, "Notices");
        for (auto [persona, role] : {std::pair{Persona::board_viewer, "viewer"},
                                     std::pair{Persona::board_member, "member"},
                                     std::pair{Persona::board_editor, "editor"},
                                     std::pair{Persona::board_admin, "admin"}}) {
            set_role(board, persona, role);
        }
    }

    testing::TestServer server;
    std::int64_t board = 0;
    std::int64_t list = 0;

    HttpClient& as(Persona p) { return *clients_.at(p); }
    MemberId id(Persona p) const { return ids_.at(p); }

    std::int64_t new_board(std::string const& name, std::string const& visibility) {
        return id_of(
            as(Persona::community_admin)
                .post("/api/v1/boards", bj::object{{"name", name}, {"visibility", visibility}}));
    }
    std::int64_t new_list(std::int64_t on, std::string const& name) {
        return id_of(
            as(Persona::community_admin)
                .post(id_path("/api/v1/boards/", on, "/lists"), bj::object{{"name", name}}));
    }
    void set_role(std::int64_t on, Persona who, std::string const& role) {
        auto r =
            as(Persona::community_admin)
                .put(id_path("/api/v1/boards/", on, "/members/") + std::to_string(id(who).value),
                     bj::object{{"role", role}});
        if (r.status != 200) throw std::runtime_error("set_role: " + r.body);
    }
    std::int64_t new_card(Persona author, std::string const& title, std::int64_t in_list = 0,
                          bj::object extra = {}) {
        extra["title"] = title;
        return id_of(
            as(author).post(id_path("/api/v1/lists/", in_list ? in_list : list, "/cards"), extra));
    }
    std::int64_t new_comment(Persona author, std::int64_t card, std::string const& body) {
        return id_of(as(author).post(id_path("/api/v1/cards/", card, "/comments"),
                                     bj::object{{"body", body}}));
    }
    std::int64_t new_label(std::int64_t on, std::string const& name, std::string const& color) {
        return id_of(as(Persona::community_admin)
                         .post(id_path("/api/v1/boards/", on, "/labels"),
                               bj::object{{"name", name}, {"color", color}}));
    }
    std::int64_t new_checklist(std::int64_t card) {
        return id_of(as(Persona::board_editor)
                         .post(id_path("/api/v1/cards/", card, "/checklists"),
                               bj::object{{"name", "Before the day"}}));
    }
    std::int64_t new_item(std::int64_t checklist, std::string const& text) {
        return id_of(as(Persona::board_editor)
                         .post(id_path("/api/v1/checklists/", checklist, "/items"),
                               bj::object{{"text", text}}));
    }

    // Rows in every table the card endpoints write, to prove a refused request wrote nothing.
    std::map<std::string, std::int64_t> row_counts() {
        store::Db db(server.database());
        std::map<std::string, std::int64_t> out;
        for (auto table :
             {"cards", "card_labels", "card_assignees", "labels", "checklists", "checklist_items",
              "comments", "card_reactions", "comment_reactions", "activity"}) {
            out[table] = db.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0);
        }
        // Edits change rows without adding any: fold every card's fields into the picture too.
        out["card_edits"] =
            db.query_one(
                  "SELECT COALESCE(SUM(LENGTH(title) + LENGTH(body_md) + updated_at), 0) "
                  "FROM cards")
                ->i64(0);
        return out;
    }

  private:
    std::map<Persona, MemberId> ids_;
    std::map<Persona, std::unique_ptr<HttpClient>> clients_;
};

}  // namespace village::cards_testing
