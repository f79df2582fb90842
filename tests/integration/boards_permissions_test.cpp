// Who may do what on the boards endpoints, over real HTTP: every endpoint × every kind of person
// × every board visibility, as one table. The allowed succeed; others get 401 (anonymous on
// writes), 403 (may see but may not do) or 404 (may not see: byte-identical to a missing id),
// and a refused request writes nothing.
#include <gtest/gtest.h>

#include <array>
#include <boost/json.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "store/database.hpp"
#include "support/http_client.hpp"
#include "support/people.hpp"
#include "support/test_server.hpp"

namespace village {

namespace {

namespace bj = boost::json;
using testing::HttpClient;
using testing::HttpResponse;

enum class Who {
    anonymous,
    guest,         // a guest the board is not shared with
    trainee,       // in the `groups` board's group
    trainer,       // not in it
    board_viewer,  // trainees with explicit board roles …
    board_member,
    board_editor,
    board_admin,
    community_admin,
};

constexpr std::array kEveryone{Who::anonymous,    Who::guest,        Who::trainee,
                               Who::trainer,      Who::board_viewer, Who::board_member,
                               Who::board_editor, Who::board_admin,  Who::community_admin};

std::string name_of(Who who) {
    constexpr std::array<char const*, 9> names{"anonymous",    "guest",        "trainee",
                                               "trainer",      "board_viewer", "board_member",
                                               "board_editor", "board_admin",  "community_admin"};
    return names[static_cast<std::size_t>(who)];
}

constexpr std::array<char const*, 4> kVisibilities{"public", "community", "groups", "private"};

// Each person's role on a board of each visibility, by hand from DESIGN.md ("-": cannot see it).
// The boards' default role is member; explicit roles override it.
//                                 public    community  groups    private
constexpr char const* kRoles[9][4] = {
    /* anonymous       */ {"reader", "-", "-", "-"},
    /* guest           */ {"viewer", "-", "-", "-"},
    /* trainee         */ {"member", "member", "member", "-"},
    /* trainer         */ {"member", "member", "-", "-"},
    /* board_viewer    */ {"viewer", "viewer", "viewer", "viewer"},
    /* board_member    */ {"member", "member", "member", "member"},
    /* board_editor    */ {"editor", "editor", "editor", "editor"},
    /* board_admin     */ {"admin", "admin", "admin", "admin"},
    /* community_admin */ {"admin", "admin", "admin", "admin"},
};

int rank(std::string_view role) {
    for (int i = 0; auto r : {"-", "reader", "viewer", "member", "editor", "admin"}) {
        if (role == r) return i;
        ++i;
    }
    throw std::logic_error("unknown role");
}

// The world every case runs in: one server, one signed-in client per person.
class World {
  public:
    World() {
        struct Person {
            Who who;
            Role role;
        };
        for (auto [who, role] :
             {Person{Who::guest, Role::guest}, Person{Who::trainee, Role::trainee},
              Person{Who::trainer, Role::trainer}, Person{Who::board_viewer, Role::trainee},
              Person{Who::board_member, Role::trainee}, Person{Who::board_editor, Role::trainee},
              Person{Who::board_admin, Role::trainee}, Person{Who::community_admin, Role::admin}}) {
            auto const email = name_of(who) + "@example.org";
            ids_[who] = testing::create_member(server.database(), email, role, name_of(who));
            clients_[who] = std::make_unique<HttpClient>(testing::sign_in(server, email));
        }
        target = testing::create_member(server.database(), "target@example.org", Role::trainee);
        clients_[Who::anonymous] = std::make_unique<HttpClient>(server.client());
        store::Db db(server.database());
        auto tx = db.begin();
        group_ = tx.query_one(
                       "INSERT INTO groups (name, name_key, created_at) "
                       "VALUES ('ST1-3', 'st1-3', 0) RETURNING id")
                     ->i64(0);
        tx.exec("INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)", group_,
                ids_[Who::trainee]);
        tx.commit();
    }

    testing::TestServer server;
    MemberId target;

    HttpClient& as(Who who) { return *clients_.at(who); }

    HttpResponse check(HttpResponse r, int want) {
        if (r.status != want) throw std::runtime_error("setup answered " + r.body);
        return r;
    }

    // A board of this visibility with the explicit roles of the table and a list on it.
    std::int64_t new_board(std::string const& visibility) {
        bj::object in{{"name", "Board " + visibility}, {"visibility", visibility}};
        if (visibility == "groups") in["group_ids"] = bj::array{group_};
        auto board = check(as(Who::community_admin).post("/api/v1/boards", in), 201)
                         .json()
                         .at("id")
                         .as_int64();
        for (auto [who, role] :
             {std::pair{Who::board_viewer, "viewer"}, std::pair{Who::board_member, "member"},
              std::pair{Who::board_editor, "editor"}, std::pair{Who::board_admin, "admin"}}) {
            set_role(board, ids_.at(who), role);
        }
        set_role(board, target, "viewer");
        return board;
    }
    void set_role(std::int64_t board, MemberId member, std::string const& role) {
        check(as(Who::community_admin).put(members_path(board, member), bj::object{{"role", role}}),
              200);
    }
    std::int64_t new_list(std::int64_t board) {
        return check(as(Who::community_admin)
                         .post(path(board, "/lists"), bj::object{{"name", "Notices"}}),
                     201)
            .json()
            .at("id")
            .as_int64();
    }
    static std::string path(std::int64_t board, std::string const& rest = {}) {
        return "/api/v1/boards/" + std::to_string(board) + rest;
    }
    static std::string members_path(std::int64_t board, MemberId member) {
        return path(board, "/members/" + std::to_string(member.value));
    }

    // Every table the boards endpoints write, with a fingerprint of edits that add no rows.
    std::map<std::string, std::int64_t> row_counts() {
        store::Db db(server.database());
        std::map<std::string, std::int64_t> out;
        for (auto table :
             {"spaces", "boards", "board_members", "board_groups", "lists", "activity"}) {
            out[table] = db.query_one(std::string("SELECT COUNT(*) FROM ") + table)->i64(0);
        }
        out["board_edits"] = db.query_one("SELECT COALESCE(SUM(version), 0) FROM boards")->i64(0);
        return out;
    }

  private:
    std::map<Who, MemberId> ids_;
    std::map<Who, std::unique_ptr<HttpClient>> clients_;
    std::int64_t group_ = 0;
};

// One endpoint: how to call it on a board (or on an id that does not exist), and the least role
// it takes. `fresh` endpoints destroy what they act on, so each case gets a new board or list.
struct Endpoint {
    std::string name;
    bool write;
    std::string least_role;
    int success;
    bool fresh;
    // Calls the endpoint on (board, list) as `client`; board/list 0 means "an id that does not
    // exist".
    std::function<HttpResponse(World&, HttpClient&, std::int64_t board, std::int64_t list)> call;
    // After a success, puts back what the call changed that later cases rely on.
    std::function<void(World&, std::int64_t board)> undo = {};
};

constexpr std::int64_t kMissing = 987654;

std::int64_t or_missing(std::int64_t id) {
    return id == 0 ? kMissing : id;
}

std::vector<Endpoint> endpoints() {
    using W = World;
    return {
        {"GET board", false, "reader", 200, false,
         [](W&, HttpClient& c, auto b, auto) { return c.get(W::path(or_missing(b))); }},
        {"GET board ?archived=true", false, "reader", 200, false,
         [](W&, HttpClient& c, auto b, auto) {
             return c.get(W::path(or_missing(b), "?archived=true"));
         }},
        {"GET members", false, "reader", 200, false,
         [](W&, HttpClient& c, auto b, auto) { return c.get(W::path(or_missing(b), "/members")); }},
        {"GET activity", false, "reader", 200, false,
         [](W&, HttpClient& c, auto b, auto) {
             return c.get(W::path(or_missing(b), "/activity?limit=5"));
         }},
        {"PATCH board", true, "admin", 200, false,
         [](W&, HttpClient& c, auto b, auto) {
             return c.patch(W::path(or_missing(b)), bj::object{{"description", "Changed"}});
         }},
        {"PATCH board archive", true, "admin", 200, false,
         [](W&, HttpClient& c, auto b, auto) {
             return c.patch(W::path(or_missing(b)), bj::object{{"archived", true}});
         },
         [](W& w, std::int64_t b) {
             w.check(w.as(Who::community_admin).patch(W::path(b), bj::object{{"archived", false}}),
                     200);
         }},
        {"DELETE board", true, "admin", 204, true,
         [](W&, HttpClient& c, auto b, auto) { return c.del(W::path(or_missing(b))); }},
        {"PUT member", true, "admin", 200, false,
         [](W& w, HttpClient& c, auto b, auto) {
             return c.put(W::members_path(or_missing(b), w.target), bj::object{{"role", "viewer"}});
         }},
        {"DELETE member", true, "admin", 204, false,
         [](W& w, HttpClient& c, auto b, auto) {
             return c.del(W::members_path(or_missing(b), w.target));
         },
         [](W& w, std::int64_t b) { w.set_role(b, w.target, "viewer"); }},
        {"POST list", true, "editor", 201, false,
         [](W&, HttpClient& c, auto b, auto) {
             return c.post(W::path(or_missing(b), "/lists"), bj::object{{"name", "New"}});
         }},
        {"PATCH list", true, "editor", 200, false,
         [](W&, HttpClient& c, auto, auto l) {
             return c.patch("/api/v1/lists/" + std::to_string(or_missing(l)),
                            bj::object{{"name", "Renamed"}});
         }},
        {"PATCH list archive", true, "editor", 200, false,
         [](W&, HttpClient& c, auto, auto l) {
             return c.patch("/api/v1/lists/" + std::to_string(or_missing(l)),
                            bj::object{{"archived", true}});
         }},
        {"DELETE list", true, "admin", 204, true,
         [](W&, HttpClient& c, auto, auto l) {
             return c.del("/api/v1/lists/" + std::to_string(or_missing(l)));
         }},
    };
}

}  // namespace

TEST(BoardsPermissions, EveryEndpointEveryPersonEveryVisibility) {
    World world;
    std::map<std::string, std::int64_t> boards;
    std::map<std::string, std::int64_t> lists;
    for (std::string visibility : kVisibilities) {
        boards[visibility] = world.new_board(visibility);
        lists[visibility] = world.new_list(boards[visibility]);
    }
    int cases = 0;
    for (auto const& endpoint : endpoints()) {
        for (std::size_t v = 0; v < kVisibilities.size(); ++v) {
            std::string const visibility = kVisibilities[v];
            for (auto who : kEveryone) {
                std::string const role = kRoles[static_cast<std::size_t>(who)][v];
                SCOPED_TRACE(endpoint.name + " on a " + visibility + " board as " + name_of(who) +
                             " (" + role + ")");
                std::int64_t board = boards[visibility];
                std::int64_t list = lists[visibility];
                if (endpoint.fresh) {
                    board = world.new_board(visibility);
                    list = world.new_list(board);
                }
                auto const before = world.row_counts();
                auto& client = world.as(who);
                auto const r = endpoint.call(world, client, board, list);
                ++cases;

                int expected = endpoint.success;
                if (endpoint.write && who == Who::anonymous) {
                    expected = 401;
                } else if (role == "-") {
                    expected = 404;
                } else if (rank(role) < rank(endpoint.least_role)) {
                    expected = 403;
                }
                EXPECT_EQ(r.status, expected) << r.body;
                if (expected == 404) {
                    auto const missing = endpoint.call(world, client, 0, 0);
                    EXPECT_EQ(missing.status, 404);
                    EXPECT_EQ(r.body, missing.body);
                }
                if (expected >= 400) {
                    EXPECT_FALSE(r.error_code().empty()) << r.body;
                    EXPECT_EQ(world.row_counts(), before);
                } else if (endpoint.undo) {
                    endpoint.undo(world, board);
                }
            }
        }
    }
    EXPECT_EQ(cases, 13 * 4 * 9);
}

TEST(BoardsPermissions, TheListingShowsEachPersonExactlyTheBoardsTheyMaySee) {
    World world;
    std::map<std::int64_t, std::size_t> visibility_of;
    for (std::size_t v = 0; v < kVisibilities.size(); ++v) {
        visibility_of[world.new_board(kVisibilities[v])] = v;
    }
    for (auto who : kEveryone) {
        SCOPED_TRACE(name_of(who));
        auto r = world.as(who).get("/api/v1/boards");
        ASSERT_EQ(r.status, 200) << r.body;
        std::map<std::int64_t, std::string> listed;
        auto const doc = r.json();
        for (auto const& b : doc.at("boards_without_space").as_array()) {
            listed[b.at("id").as_int64()] = std::string(b.at("my_role").as_string());
        }
        for (auto const& [board, v] : visibility_of) {
            std::string const role = kRoles[static_cast<std::size_t>(who)][v];
            if (role == "-") {
                EXPECT_FALSE(listed.contains(board)) << kVisibilities[v];
            } else {
                ASSERT_TRUE(listed.contains(board)) << kVisibilities[v];
                EXPECT_EQ(listed[board], role) << kVisibilities[v];
            }
        }
        EXPECT_EQ(listed.size(),
                  static_cast<std::size_t>(
                      std::count_if(visibility_of.begin(), visibility_of.end(), [&](auto& p) {
                          return std::string(kRoles[static_cast<std::size_t>(who)][p.second]) !=
                                 "-";
                      })));
    }
}

TEST(BoardsPermissions, CreatingBoardsAndChangingSpacesByPerson) {
    World world;
    for (auto who : kEveryone) {
        SCOPED_TRACE(name_of(who));
        auto& client = world.as(who);
        auto const before = world.row_counts();

        auto board = client.post("/api/v1/boards", bj::object{{"name", "Mine"}});
        int const board_expected = who == Who::anonymous ? 401 : who == Who::guest ? 403 : 201;
        EXPECT_EQ(board.status, board_expected) << board.body;
        if (board_expected == 201) {
            EXPECT_EQ(board.json().at("my_role").as_string(), "admin");
        }

        auto space =
            client.post("/api/v1/spaces", bj::object{{"name", "Space of " + name_of(who)}});
        int const admin_only = who == Who::anonymous         ? 401
                               : who == Who::community_admin ? 201
                                                             : 403;
        EXPECT_EQ(space.status, admin_only) << space.body;
        EXPECT_EQ(client.get("/api/v1/spaces").status, 200);
        if (board_expected != 201 && admin_only != 201) {
            EXPECT_EQ(world.row_counts(), before);
        }
    }
    auto const made = world.as(Who::community_admin)
                          .post("/api/v1/spaces", bj::object{{"name", "Shared"}})
                          .json()
                          .at("id")
                          .as_int64();
    auto const space_path = "/api/v1/spaces/" + std::to_string(made);
    for (auto who : kEveryone) {
        if (who == Who::community_admin) continue;
        SCOPED_TRACE(name_of(who));
        auto const before = world.row_counts();
        int const expected = who == Who::anonymous ? 401 : 403;
        EXPECT_EQ(world.as(who).patch(space_path, bj::object{{"name", "Taken"}}).status, expected);
        EXPECT_EQ(world.as(who).del(space_path).status, expected);
        EXPECT_EQ(world.row_counts(), before);
    }
    EXPECT_EQ(
        world.as(Who::community_admin).patch(space_path, bj::object{{"name", "Renamed"}}).status,
        200);
    EXPECT_EQ(world.as(Who::community_admin).del(space_path).status, 204);
}

}  // namespace village
