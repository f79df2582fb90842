// Digests: a member following two boards receives one mail with what is new on both and the
// coming week's events; nothing new means no mail. Time is injected into the digest job.
#include "mail/digests.hpp"

#include <thread>

#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

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
    std::size_t run(Millis now) {
        store::Db db(server.database());
        return mail::digests::run_due(db, mail::sender_from(server.config()), now);
    }
};

TEST_F(MailDigests, AMemberFollowingTwoBoardsGetsOneDigestWithBoth) {
    auto const neonatal = board("Neonatal unit");
    auto const teaching = board("Regional teaching");
    auto const other = board("Not followed");
    auto const l1 = list(neonatal);
    auto const l2 = list(teaching);
    auto const l3 = list(other);
    for (auto b : {neonatal, teaching}) {
        auto const r = trainee.put("/api/v1/follows/boards/" + std::to_string(b),
                                   bj::object{{"level", "watching"}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    auto const t0 = now_ms();
    EXPECT_EQ(run(t0), 0u);  // schedules everyone's first digest, sends nothing

    auto const in_three_days = iso8601(t0 + 3 * mail::digests::kDayMs);
    created(admin.post("/api/v1/lists/" + std::to_string(l1) + "/cards",
                       bj::object{{"title", "New CPAP guideline"}}));
    created(admin.post("/api/v1/lists/" + std::to_string(l2) + "/cards",
                       bj::object{{"title", "Simulation day"}, {"start_at", in_three_days}}));
    created(admin.post("/api/v1/lists/" + std::to_string(l3) + "/cards",
                       bj::object{{"title", "Elsewhere"}}));

    auto const due = mail::digests::next_slot(t0, 7 * 60, "UTC", false) + 60'000;
    auto const queued = run(due);
    EXPECT_GE(queued, 1u);
    auto const mails = sink.wait_for(queued);
    ReceivedMail const* digest = nullptr;
    for (auto const& m : mails) {
        if (m.rcpt_tos.at(0) == "trainee@example.org") digest = &m;
    }
    ASSERT_NE(digest, nullptr);
    EXPECT_EQ(digest->header("Subject"), "Your daily Village digest");
    EXPECT_EQ(digest->content_type, "multipart/alternative");
    EXPECT_NE(digest->text.find("New CPAP guideline"), std::string::npos) << digest->text;
    EXPECT_NE(digest->text.find("Simulation day"), std::string::npos);
    EXPECT_NE(digest->text.find("Coming up this week"), std::string::npos);
    EXPECT_EQ(digest->text.find("Elsewhere"), std::string::npos);
    EXPECT_NE(digest->html.find(std::string(kBaseUrl) + "/boards/" + std::to_string(neonatal) +
                                "/cards/"),
              std::string::npos);
    EXPECT_EQ(digest->header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");

    // A day later, nothing new: no second digest.
    EXPECT_EQ(run(due + mail::digests::kDayMs), 0u);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    std::size_t to_trainee = 0;
    for (auto const& m : sink.received()) to_trainee += m.rcpt_tos.at(0) == "trainee@example.org";
    EXPECT_EQ(to_trainee, 1u);
}

}  // namespace
}  // namespace village::mail_it
