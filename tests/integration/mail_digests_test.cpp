// Digests: a member following two boards receives one mail with what is new on both and the
// coming week's events; their mentions and unacknowledged announcements are in it; nothing new,
// or a visit since the last digest, means no mail; quiet hours make it wait; several processes
// running the job send each digest once. Every mail is read by the sink's MIME parser. Time is
// injected into the digest job (the server's own worker runs it too, on the real clock).
#include "mail/digests.hpp"

#include <atomic>
#include <thread>

#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

constexpr Millis kMinute = 60'000;

class MailDigests : public MailFixture {
  protected:
    std::int64_t created(HttpResponse const& r) {
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().at("id").as_int64();
    }
    std::int64_t board(std::string const& name) {
        return created(
            admin.post("/api/v1/boards", bj::object{{"name", name}, {"visibility", "community"}}));
    }
    std::int64_t list(std::int64_t board_id) {
        return created(admin.post("/api/v1/boards/" + std::to_string(board_id) + "/lists",
                                  bj::object{{"name", "News"}}));
    }
    std::int64_t card(std::int64_t list_id, bj::object body) {
        return created(admin.post("/api/v1/lists/" + std::to_string(list_id) + "/cards", body));
    }
    void follow(HttpClient& who, std::int64_t board_id) {
        auto const r = who.put("/api/v1/follows/boards/" + std::to_string(board_id),
                               bj::object{{"level", "watching"}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    std::size_t run(Millis now) {
        store::Db db(server.database());
        return mail::digests::run_due(db, mail::sender_from(server.config()), now);
    }
    // The first 07:00 UTC (everyone's default digest time) after `after`, plus a minute.
    static Millis seven_am_after(Millis after) {
        return mail::digests::next_slot(after, 7 * 60, "UTC", false) + kMinute;
    }
    // Digests received so far, by recipient address.
    std::vector<ReceivedMail> digests_to(std::string const& address) {
        std::vector<ReceivedMail> out;
        for (auto const& m : sink.received()) {
            if (m.rcpt_tos.at(0) == address && m.header("Subject").find("digest") !=
                                                   std::string::npos) {
                out.push_back(m);
            }
        }
        return out;
    }
    // Lets the worker send whatever was queued, then reads what arrived.
    std::vector<ReceivedMail> settled_digests_to(std::string const& address) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        return digests_to(address);
    }
    static bool has(std::string const& text, std::string const& what) {
        return text.find(what) != std::string::npos;
    }
};

TEST_F(MailDigests, AMemberFollowingTwoBoardsGetsOneDigestWithBoth) {
    auto const neonatal = board("Neonatal unit");
    auto const teaching = board("Regional teaching");
    auto const other = board("Not followed");
    auto const l1 = list(neonatal);
    auto const l2 = list(teaching);
    auto const l3 = list(other);
    follow(trainee, neonatal);
    follow(trainee, teaching);
    auto const t0 = now_ms();
    EXPECT_EQ(run(t0), 0u);  // schedules everyone's first digest, sends nothing

    auto const in_three_days = iso8601(t0 + 3 * mail::digests::kDayMs);
    card(l1, {{"title", "New CPAP guideline"}});
    card(l2, {{"title", "Simulation day"}, {"start_at", in_three_days}});
    card(l3, {{"title", "Elsewhere"}});

    auto const due = seven_am_after(t0);
    auto const queued = run(due);
    EXPECT_GE(queued, 1u);
    sink.wait_for(queued);
    auto const mails = digests_to("trainee@example.org");
    ASSERT_EQ(mails.size(), 1u);
    auto const& digest = mails[0];
    EXPECT_EQ(digest.header("Subject"), "Your daily Village digest");
    EXPECT_EQ(digest.content_type, "multipart/alternative");
    EXPECT_TRUE(digest.defects.empty());
    EXPECT_TRUE(has(digest.text, "New on the boards you follow")) << digest.text;
    EXPECT_TRUE(has(digest.text, "New CPAP guideline")) << digest.text;
    EXPECT_TRUE(has(digest.text, "Simulation day"));
    EXPECT_TRUE(has(digest.text, "Coming up this week"));
    EXPECT_FALSE(has(digest.text, "Elsewhere"));
    EXPECT_TRUE(has(digest.html, std::string(kBaseUrl) + "/boards/" + std::to_string(neonatal) +
                                     "/cards/"));
    EXPECT_EQ(digest.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");

    // A day later, nothing new: no second digest.
    EXPECT_EQ(run(due + mail::digests::kDayMs), 0u);
    EXPECT_EQ(settled_digests_to("trainee@example.org").size(), 1u);
}

TEST_F(MailDigests, MentionsUnreadNotificationsAndUnacknowledgedAnnouncementsAreInIt) {
    auto const ward = list(board("Ward rota"));  // the trainee follows nothing
    auto const t0 = now_ms();
    run(t0);
    card(ward, {{"title", "Swap for Friday"},
                {"body", "Can @[Tess Trainee](member:" + std::to_string(people.trainee.value) +
                             ") take it?"}});
    auto const notice = card(ward, {{"title", "ARCP dates are out"}});
    auto const announced = admin.put("/api/v1/cards/" + std::to_string(notice) + "/announcement",
                                     bj::object{{"audience", "everyone"}});
    ASSERT_EQ(announced.status, 201) << announced.body;
    // An announcement the trainer acknowledges leaves their digest.
    ASSERT_EQ(trainer.post("/api/v1/cards/" + std::to_string(notice) + "/announcement/acknowledge",
                           bj::object{})
                  .status,
              204);

    run(seven_am_after(t0));
    sink.wait_for(1);
    auto const to_trainee = digests_to("trainee@example.org");
    ASSERT_EQ(to_trainee.size(), 1u);
    auto const& text = to_trainee[0].text;
    EXPECT_TRUE(has(text, "For you")) << text;
    EXPECT_TRUE(has(text, "You were mentioned: Swap for Friday")) << text;
    EXPECT_TRUE(has(text, "Announcements waiting for you")) << text;
    // Listed under that heading, and not again as a notification.
    EXPECT_GT(text.find("ARCP dates are out"), text.find("Announcements waiting for you")) << text;
    EXPECT_EQ(text.find("ARCP dates are out"), text.rfind("ARCP dates are out")) << text;
    EXPECT_TRUE(has(text, "please acknowledge")) << text;
    EXPECT_FALSE(has(text, "New on the boards you follow")) << text;
    // The trainer acknowledged it and was not mentioned: nothing new for them.
    EXPECT_TRUE(settled_digests_to("trainer@example.org").empty());
}

TEST_F(MailDigests, NoDigestAfterAVisitSinceTheLastOneAndNothingRepeated) {
    auto const rota = board("Rota");
    auto const news = list(rota);
    follow(trainee, rota);
    follow(trainer, rota);
    run(now_ms());
    card(news, {{"title", "First rota"}});
    // The clock reaches both members' digest time now (rather than at tomorrow's 07:00), so
    // the next changes come after it. (The server's worker may send these first: either way
    // each member gets one, counted below.)
    {
        store::Db db(server.database());
        auto tx = db.begin();
        tx.exec("UPDATE mail_preferences SET next_digest_at = $1", now_ms());
        tx.commit();
    }
    run(now_ms());
    sink.wait_for(2);
    ASSERT_EQ(digests_to("trainee@example.org").size(), 1u);
    ASSERT_EQ(digests_to("trainer@example.org").size(), 1u);

    card(news, {{"title", "Second rota"}});
    // The trainee comes back to Village after that digest (a new sign-in marks them seen).
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto again = testing::sign_in(server, "trainee@example.org");
    EXPECT_EQ(signed_in_as(again), "trainee@example.org");

    EXPECT_EQ(run(seven_am_after(now_ms())), 1u);
    EXPECT_EQ(settled_digests_to("trainee@example.org").size(), 1u);  // visited: none
    auto const to_trainer = digests_to("trainer@example.org");
    ASSERT_EQ(to_trainer.size(), 2u);
    EXPECT_TRUE(has(to_trainer[1].text, "Second rota")) << to_trainer[1].text;
    EXPECT_FALSE(has(to_trainer[1].text, "First rota")) << to_trainer[1].text;
}

TEST_F(MailDigests, ADigestDueInQuietHoursWaitsUntilTheyEnd) {
    auto const rota = board("Rota");
    auto const news = list(rota);
    follow(trainee, rota);
    auto const quiet = trainee.put(
        "/api/v1/me/quiet_hours",
        bj::object{{"time_zone", "UTC"}, {"start", "06:00"}, {"end", "09:00"}});
    ASSERT_EQ(quiet.status, 200) << quiet.body;
    auto const t0 = now_ms();
    run(t0);
    card(news, {{"title", "Night handover"}});

    auto const seven = seven_am_after(t0);  // 07:01 UTC: quiet
    EXPECT_EQ(run(seven), 0u);
    EXPECT_EQ(run(seven + 89 * kMinute), 0u);  // 08:30: still quiet
    EXPECT_EQ(settled_digests_to("trainee@example.org").size(), 0u);
    EXPECT_EQ(run(seven + 119 * kMinute), 1u);  // 09:00: the quiet hours are over
    sink.wait_for(1);
    auto const mails = digests_to("trainee@example.org");
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_TRUE(has(mails[0].text, "Night handover")) << mails[0].text;
}

TEST_F(MailDigests, SeveralProcessesRunningTheJobSendEachDigestOnce) {
    auto const rota = board("Rota");
    auto const news = list(rota);
    follow(trainee, rota);
    follow(trainer, rota);
    auto const t0 = now_ms();
    run(t0);
    card(news, {{"title", "Bank holiday cover"}});

    // Four workers, each with its own connection, reach the same due digests at once.
    auto const due = seven_am_after(t0);
    std::atomic<std::size_t> queued{0};
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i) {
        workers.emplace_back([&] { queued += run(due); });
    }
    for (auto& w : workers) w.join();
    EXPECT_EQ(queued.load(), 2u);
    sink.wait_for(2);
    EXPECT_EQ(settled_digests_to("trainee@example.org").size(), 1u);
    EXPECT_EQ(digests_to("trainer@example.org").size(), 1u);
}

}  // namespace
}  // namespace village::mail_it
