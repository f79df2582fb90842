// Follows and the notifications they deliver, over real HTTP: levels, the most specific follow,
// own actions, mentions (never through a card the member may not see), assignments, interest
// spaces, and the notification centre (list, open, mark all read, unread count).
#include <gtest/gtest.h>

#include "notifications_fixture.hpp"

namespace village::notifications_testing {
namespace {

using P = Persona;
using Kinds = std::vector<Seen>;

std::string mention(NotifyWorld& w, P p) {
    return "@[" + cards_testing::persona_name(p) + "](member:" + std::to_string(w.id(p).value) +
           ")";
}

TEST(NotificationsFollows, EachLevelDeliversWhatItPromises) {
    NotifyWorld w;
    w.follow(P::trainer, "boards", w.board, "watching");
    w.follow(P::trainee, "boards", w.board, "normal");
    w.follow(P::board_viewer, "boards", w.board, "muted");

    auto const card = w.new_card(P::board_member, "Rota swap");
    // Watching and normal both hear of a new card; muted and the author do not.
    EXPECT_EQ(w.notifications(P::trainer), (Kinds{{"card", card}}));
    EXPECT_EQ(w.notifications(P::trainee), (Kinds{{"card", card}}));
    EXPECT_TRUE(w.notifications(P::board_viewer).empty());
    EXPECT_TRUE(w.notifications(P::board_member).empty());

    w.new_comment(P::board_editor, card, "I can swap on Friday");
    // Comments reach watchers only; the card's author watches it, so theirs is a reply.
    EXPECT_EQ(w.notifications(P::trainer), (Kinds{{"comment", card}, {"card", card}}));
    EXPECT_EQ(w.notifications(P::trainee), (Kinds{{"card", card}}));
    EXPECT_EQ(w.notifications(P::board_member), (Kinds{{"reply", card}}));
    EXPECT_TRUE(w.notifications(P::board_editor).empty());

    // The commenter now watches the card too: the author's answer reaches them as a reply.
    w.new_comment(P::board_member, card, "Thanks, done");
    EXPECT_EQ(w.notifications(P::board_editor), (Kinds{{"reply", card}}));
    EXPECT_EQ(w.notifications(P::board_member), (Kinds{{"reply", card}}));  // not their own
}

TEST(NotificationsFollows, TheMostSpecificFollowWinsAndMutedSilences) {
    NotifyWorld w;
    w.follow(P::trainer, "boards", w.board, "watching");
    auto const quiet = w.new_card(P::board_member, "Muted card");
    auto const loud = w.new_card(P::board_member, "Watched card");
    w.follow(P::trainer, "cards", quiet, "muted");
    w.follow(P::trainee, "boards", w.board, "muted");
    w.follow(P::trainee, "cards", loud, "watching");

    w.new_comment(P::board_editor, quiet, "Nobody hears this");
    w.new_comment(P::board_editor, loud, "This is heard");
    EXPECT_EQ(w.notifications(P::trainer),
              (Kinds{{"comment", loud}, {"card", loud}, {"card", quiet}}));
    EXPECT_EQ(w.notifications(P::trainee), (Kinds{{"reply", loud}}));

    auto state = w.as(P::trainer).get(id_path("/api/v1/follows/cards/", quiet));
    ASSERT_EQ(state.status, 200) << state.body;
    EXPECT_EQ(state.json().at("level"), "muted");
    EXPECT_EQ(state.json().at("effective_level"), "muted");
    EXPECT_EQ(state.json().at("effective_from"), "card");

    // Clearing the card follow falls back to the board's.
    auto cleared = w.as(P::trainer).del(id_path("/api/v1/follows/cards/", quiet));
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_TRUE(cleared.json().at("level").is_null());
    EXPECT_EQ(cleared.json().at("effective_level"), "watching");
    EXPECT_EQ(cleared.json().at("effective_from"), "board");
}

TEST(NotificationsFollows, OwnActionsNeverNotify) {
    NotifyWorld w;
    w.follow(P::board_member, "boards", w.board, "watching");
    auto const card = w.new_card(P::board_member, "My own card");
    w.new_comment(P::board_member, card,
                  "And my own comment, about " + mention(w, P::board_member));
    auto r = w.as(P::board_member)
                 .patch(id_path("/api/v1/cards/", card),
                        bj::object{{"assignee_ids", bj::array{w.id(P::board_member).value}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(w.notifications(P::board_member).empty());
    EXPECT_EQ(w.unread(P::board_member), 0);
}

TEST(NotificationsFollows, MentionsReachOnlyThoseWhoMaySeeTheCard) {
    NotifyWorld w;
    auto const secret = w.new_board("Panel discussions", "private");
    auto const list = w.new_list(secret, "Candidates");
    w.set_role(secret, P::board_editor, "member");
    auto const card = w.new_card(P::community_admin, "Shortlist", list,
                                 bj::object{{"body", "For " + mention(w, P::trainee) + " and " +
                                                         mention(w, P::board_editor)}});
    // The trainee cannot see the private board: no notification, nothing of the card leaks.
    EXPECT_TRUE(w.notifications(P::trainee).empty());
    EXPECT_EQ(w.count("SELECT COUNT(*) FROM notifications WHERE member_id = " +
                      std::to_string(w.id(P::trainee).value)),
              0);
    EXPECT_EQ(w.notifications(P::board_editor), (Kinds{{"mention", card}}));

    // On a community board the same mention reaches them, once, and an edit does not repeat it.
    auto const open = w.new_card(P::board_member, "Teaching plan");
    auto const comment =
        w.new_comment(P::board_editor, open, "Over to you " + mention(w, P::trainee));
    EXPECT_GT(comment, 0);
    EXPECT_EQ(w.notifications(P::trainee), (Kinds{{"mention", open}}));
    auto edited = w.as(P::board_member)
                      .patch(id_path("/api/v1/cards/", open),
                             bj::object{{"body", "Ask " + mention(w, P::trainer)}});
    ASSERT_EQ(edited.status, 200) << edited.body;
    auto again = w.as(P::board_member)
                     .patch(id_path("/api/v1/cards/", open),
                            bj::object{{"body", "Ask " + mention(w, P::trainer) + " soon"}});
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(w.notifications(P::trainer), (Kinds{{"mention", open}}));
    // A guest the board is not shared with is never told, even when named.
    w.new_comment(P::board_editor, open, "and " + mention(w, P::guest));
    EXPECT_TRUE(w.notifications(P::guest).empty());
}

TEST(NotificationsFollows, AssignmentNotifiesTheAssignee) {
    NotifyWorld w;
    w.follow(P::trainee, "boards", w.board, "muted");
    auto const card = w.new_card(P::board_editor, "Write the rota");
    auto r = w.as(P::board_editor)
                 .patch(id_path("/api/v1/cards/", card),
                        bj::object{{"assignee_ids", bj::array{w.id(P::trainee).value}}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(w.notifications(P::trainee), (Kinds{{"assigned", card}}));
}

TEST(NotificationsFollows, MembersFollowTheSpacesOfTheirInterests) {
    NotifyWorld w;
    auto& admin = w.as(P::community_admin);
    auto const neonatology =
        id_of(admin.post("/api/v1/spaces", bj::object{{"name", "Neonatology"}}));
    auto const picu = id_of(admin.post("/api/v1/spaces", bj::object{{"name", "PICU"}}));
    // A member created with an interest follows the space of that name.
    auto created =
        admin.post("/api/v1/members", bj::object{{"email", "nina@example.org"},
                                                 {"display_name", "Nina"},
                                                 {"role", "trainee"},
                                                 {"interests", bj::array{"neonatology"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto const nina = created.json().at("id").as_int64();
    auto follows_of = [&](std::int64_t member) {
        store::Db db(w.server.database());
        std::set<std::int64_t> out;
        for (auto const& row :
             db.query("SELECT target_id FROM follows WHERE member_id = $1 AND target_type = "
                      "'space' AND level = 'normal'",
                      member)) {
            out.insert(row.i64(0));
        }
        return out;
    };
    EXPECT_EQ(follows_of(nina), (std::set<std::int64_t>{neonatology}));

    // Changing interests moves the automatic follows; a follow the member chose stays.
    w.follow(P::trainee, "spaces", neonatology, "normal");
    auto changed =
        w.as(P::trainee).patch("/api/v1/me", bj::object{{"interests", bj::array{"PICU"}}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(follows_of(w.id(P::trainee).value), (std::set<std::int64_t>{neonatology, picu}));
    auto dropped = w.as(P::trainee).patch("/api/v1/me", bj::object{{"interests", bj::array{}}});
    ASSERT_EQ(dropped.status, 200) << dropped.body;
    EXPECT_EQ(follows_of(w.id(P::trainee).value), (std::set<std::int64_t>{neonatology}));

    // A space made later is followed by those already interested in it.
    auto later = admin.patch("/api/v1/members/" + std::to_string(nina),
                             bj::object{{"interests", bj::array{"Neonatology", "Transport"}}});
    ASSERT_EQ(later.status, 200) << later.body;
    auto const transport = id_of(admin.post("/api/v1/spaces", bj::object{{"name", "Transport"}}));
    EXPECT_EQ(follows_of(nina), (std::set<std::int64_t>{neonatology, transport}));

    // A space follow hears of new cards on its boards.
    auto const board = id_of(admin.post(
        "/api/v1/boards",
        bj::object{{"name", "Transfers"}, {"visibility", "community"}, {"space_id", transport}}));
    auto const list = w.new_list(board, "Open");
    auto const card = w.new_card(P::community_admin, "Night transfer", list);
    auto listed = w.as(P::trainee).get("/api/v1/me/follows?type=spaces");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json().at("follows").as_array().size(), 1u);
    store::Db db(w.server.database());
    EXPECT_EQ(db.query_one("SELECT kind FROM notifications WHERE member_id = $1 AND card_id = $2",
                           nina, card)
                  ->text(0),
              "card");
}

TEST(NotificationsFollows, OpenMarkAllReadAndUnreadCount) {
    NotifyWorld w;
    w.follow(P::trainer, "boards", w.board, "watching");
    std::vector<std::int64_t> cards;
    for (int i = 0; i < 5; ++i)
        cards.push_back(w.new_card(P::board_member, "Card " + std::to_string(i)));
    EXPECT_EQ(w.unread(P::trainer), 5);

    // Pages of two, newest first, with a cursor.
    auto first = w.as(P::trainer).get("/api/v1/me/notifications?limit=2");
    ASSERT_EQ(first.status, 200);
    auto const body = first.json();
    auto const& items = body.at("notifications").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("card").at("id").as_int64(), cards[4]);
    EXPECT_EQ(items[1].at("card").at("id").as_int64(), cards[3]);
    EXPECT_EQ(first.json().at("unread").as_int64(), 5);
    auto const next = first.json().at("next_before").as_int64();
    auto second =
        w.as(P::trainer).get("/api/v1/me/notifications?limit=2&before=" + std::to_string(next));
    EXPECT_EQ(second.json().at("notifications").as_array()[0].at("card").at("id").as_int64(),
              cards[2]);
    auto last = w.as(P::trainer)
                    .get("/api/v1/me/notifications?limit=2&before=" +
                         std::to_string(second.json().at("next_before").as_int64()));
    EXPECT_EQ(last.json().at("notifications").as_array().size(), 1u);
    EXPECT_TRUE(last.json().at("next_before").is_null());

    // Open one: it is read, and stays read when opened again.
    auto const id = items[0].at("id").as_int64();
    auto opened =
        w.as(P::trainer)
            .post("/api/v1/me/notifications/" + std::to_string(id) + "/read", bj::object{});
    ASSERT_EQ(opened.status, 200) << opened.body;
    EXPECT_TRUE(opened.json().at("read").as_bool());
    EXPECT_EQ(w.unread(P::trainer), 4);
    EXPECT_EQ(w.as(P::trainer)
                  .post("/api/v1/me/notifications/" + std::to_string(id) + "/read", bj::object{})
                  .status,
              200);
    EXPECT_EQ(w.unread(P::trainer), 4);
    auto unread_only = w.as(P::trainer).get("/api/v1/me/notifications?unread=true");
    EXPECT_EQ(unread_only.json().at("notifications").as_array().size(), 4u);

    // Someone else's notification reads as missing.
    EXPECT_EQ(w.as(P::trainee)
                  .post("/api/v1/me/notifications/" + std::to_string(id) + "/read", bj::object{})
                  .status,
              404);

    // Mark all read up to what the client saw: a newer one stays unread.
    auto const newer = w.new_card(P::board_member, "Newer");
    auto all = w.as(P::trainer)
                   .post("/api/v1/me/notifications/read_all",
                         bj::object{{"up_to", items[0].at("id").as_int64()}});
    ASSERT_EQ(all.status, 200) << all.body;
    EXPECT_EQ(all.json().at("marked").as_int64(), 4);  // the one opened was read already
    EXPECT_EQ(w.unread(P::trainer), 1);
    EXPECT_EQ(w.notifications(P::trainer).front(), (Seen{"card", newer}));
    auto everything = w.as(P::trainer).request("POST", "/api/v1/me/notifications/read_all");
    ASSERT_EQ(everything.status, 200) << everything.body;
    EXPECT_EQ(w.unread(P::trainer), 0);
}

TEST(NotificationsFollows, ACardOneLosesStopsShowing) {
    NotifyWorld w;
    auto const board = w.new_board("Committee", "community");
    auto const list = w.new_list(board, "Agenda");
    w.follow(P::trainee, "boards", board, "watching");
    auto const card = w.new_card(P::community_admin, "Budget", list);
    EXPECT_EQ(w.notifications(P::trainee), (Kinds{{"card", card}}));
    EXPECT_EQ(w.unread(P::trainee), 1);
    auto r = w.as(P::community_admin)
                 .patch(id_path("/api/v1/boards/", board), bj::object{{"visibility", "private"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(w.notifications(P::trainee).empty());
    EXPECT_EQ(w.unread(P::trainee), 0) << "the bell counted a card no longer shown";
    auto follows = w.as(P::trainee).get("/api/v1/me/follows");
    EXPECT_TRUE(follows.json().at("follows").as_array().empty());
}

}  // namespace
}  // namespace village::notifications_testing
