// Immediate notification mail: a member who chose "immediately" gets one mail naming the card
// with an absolute link a short window after being mentioned; several notifications in that
// window make one mail; quiet hours hold it until they end; a card they can no longer see is
// left out; a member on a daily digest gets none. Mails read by the sink's MIME parser. Time is
// injected into the job (the server's own worker runs it too, on the real clock, where the
// window has not yet ended).
#include "mail/immediate.hpp"

#include <fmt/format.h>

#include <atomic>
#include <thread>

#include "integration/mail_fixture.hpp"

namespace village::mail_it {
namespace {

constexpr Millis kMinute = 60'000;

class MailImmediate : public MailFixture {
  protected:
    void SetUp() override {
        auto const r = trainee.patch("/api/v1/me/mail", bj::object{{"notify", "immediately"}});
        ASSERT_EQ(r.status, 200) << r.body;
        board_ = created(admin.post("/api/v1/boards", bj::object{{"name", "Ward rota"},
                                                                  {"visibility", "community"}}));
        list_ = created(admin.post("/api/v1/boards/" + std::to_string(board_) + "/lists",
                                   bj::object{{"name", "Swaps"}}));
    }
    std::int64_t created(HttpResponse const& r) {
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().at("id").as_int64();
    }
    static std::string mention(MemberId who, std::string const& name) {
        return "@[" + name + "](member:" + std::to_string(who.value) + ")";
    }
    // A card by the admin whose body mentions the trainee and the trainer.
    std::int64_t card_mentioning(std::string const& title) {
        return created(admin.post(
            "/api/v1/lists/" + std::to_string(list_) + "/cards",
            bj::object{{"title", title},
                       {"body", "Can " + mention(people.trainee, "Tess Trainee") + " or " +
                                    mention(people.trainer, "Tom Trainer") + " take it?"}}));
    }
    std::size_t run(Millis now) {
        store::Db db(server.database());
        return mail::immediate::run_due(db, mail::sender_from(server.config()), now);
    }
    // Lets the worker send whatever was queued, then reads what arrived for `address`.
    std::vector<ReceivedMail> settled_mails_to(std::string const& address) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        std::vector<ReceivedMail> out;
        for (auto const& m : sink.received()) {
            if (m.rcpt_tos.at(0) == address) out.push_back(m);
        }
        return out;
    }
    static bool has(std::string const& text, std::string const& what) {
        return text.find(what) != std::string::npos;
    }

    std::int64_t board_ = 0;
    std::int64_t list_ = 0;
};

TEST_F(MailImmediate, AMentionBecomesOneMailWithTheCardAndAnAbsoluteLink) {
    auto const t0 = now_ms();
    auto const card = card_mentioning("Swap for Friday");
    EXPECT_EQ(run(t0 + kMinute), 0u);  // still gathering
    EXPECT_EQ(run(t0 + mail::immediate::kWindowMs + 1000), 1u);
    EXPECT_EQ(run(t0 + mail::immediate::kWindowMs + 2000), 0u);  // owed once
    sink.wait_for(1);
    auto const mails = settled_mails_to("trainee@example.org");
    ASSERT_EQ(mails.size(), 1u);
    auto const& mail = mails[0];
    EXPECT_TRUE(mail.defects.empty());
    EXPECT_EQ(mail.content_type, "multipart/alternative");
    EXPECT_EQ(mail.header("Subject"), "You were mentioned: Swap for Friday");
    auto const link = fmt::format("{}/boards/{}/cards/{}", kBaseUrl, board_, card);
    EXPECT_TRUE(has(mail.text, "Swap for Friday")) << mail.text;
    EXPECT_EQ(testing::find_link(mail.text, link), link) << mail.text;
    EXPECT_TRUE(has(mail.html, "href=\"" + link + "\"")) << mail.html;
    EXPECT_EQ(mail.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
    // The trainer, mentioned too, is on the default daily digest: no immediate mail.
    EXPECT_TRUE(settled_mails_to("trainer@example.org").empty());
}

TEST_F(MailImmediate, NotificationsWithinTheWindowMakeOneMail) {
    auto const t0 = now_ms();
    auto const first = card_mentioning("Swap for Friday");
    card_mentioning("Swap for Sunday");
    // The trainer answers in a comment that mentions the trainee: a third.
    ASSERT_EQ(trainer.post("/api/v1/cards/" + std::to_string(first) + "/comments",
                           bj::object{{"body", "I can do Friday if " +
                                                   mention(people.trainee, "Tess Trainee") +
                                                   " does Sunday"}})
                  .status,
              201);
    EXPECT_EQ(run(t0 + mail::immediate::kWindowMs + 1000), 1u);
    sink.wait_for(1);
    auto const mails = settled_mails_to("trainee@example.org");
    ASSERT_EQ(mails.size(), 1u);
    auto const& text = mails[0].text;
    EXPECT_EQ(mails[0].header("Subject"), "3 new notifications on Village") << text;
    EXPECT_TRUE(has(text, "You were mentioned: Swap for Friday")) << text;
    EXPECT_TRUE(has(text, "You were mentioned: Swap for Sunday")) << text;
    EXPECT_TRUE(has(text, "Swap for Friday (Ward rota · by Tom Trainer)")) << text;
}

TEST_F(MailImmediate, QuietHoursHoldTheMailUntilTheyEnd) {
    // Quiet from an hour ago to an hour from now (UTC), whatever the time of day.
    auto const t0 = now_ms();
    auto const minute_of_day = (t0 / kMinute) % (24 * 60);
    auto const clock = [](std::int64_t m) {
        m = (m + 24 * 60) % (24 * 60);
        return fmt::format("{:02}:{:02}", m / 60, m % 60);
    };
    auto const quiet = trainee.put("/api/v1/me/quiet_hours",
                                   bj::object{{"time_zone", "UTC"},
                                              {"start", clock(minute_of_day - 60)},
                                              {"end", clock(minute_of_day + 60)}});
    ASSERT_EQ(quiet.status, 200) << quiet.body;
    auto const quiet_ends = (t0 / kMinute + 60) * kMinute;

    card_mentioning("Night swap");
    EXPECT_EQ(run(t0 + mail::immediate::kWindowMs + 1000), 0u);
    EXPECT_EQ(run(quiet_ends - kMinute), 0u);
    EXPECT_TRUE(settled_mails_to("trainee@example.org").empty());
    EXPECT_EQ(run(quiet_ends + 1000), 1u);
    sink.wait_for(1);
    auto const mails = settled_mails_to("trainee@example.org");
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_TRUE(has(mails[0].text, "Night swap")) << mails[0].text;
}

TEST_F(MailImmediate, NoMailAboutACardTheMemberCanNoLongerSeeOrHasRead) {
    auto const t0 = now_ms();
    card_mentioning("Swap for Friday");
    auto const hidden = admin.patch("/api/v1/boards/" + std::to_string(board_),
                                    bj::object{{"visibility", "private"}});
    ASSERT_EQ(hidden.status, 200) << hidden.body;
    EXPECT_EQ(run(t0 + mail::immediate::kWindowMs + 1000), 0u);

    // On a board they see, a notification read in the app before the window ends is not mailed.
    auto const open = admin.patch("/api/v1/boards/" + std::to_string(board_),
                                  bj::object{{"visibility", "community"}});
    ASSERT_EQ(open.status, 200) << open.body;
    auto const t1 = now_ms();
    card_mentioning("Swap for Sunday");
    ASSERT_EQ(trainee.post("/api/v1/me/notifications/read_all", bj::object{}).status, 200);
    EXPECT_EQ(run(t1 + mail::immediate::kWindowMs + 1000), 0u);
    EXPECT_TRUE(settled_mails_to("trainee@example.org").empty());
}

TEST_F(MailImmediate, SeveralProcessesRunningTheJobQueueTheMailOnce) {
    auto const t0 = now_ms();
    card_mentioning("Swap for Friday");
    // Four workers, each with its own connection, reach the end of the window at once.
    std::atomic<std::size_t> queued{0};
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i) {
        workers.emplace_back([&] { queued += run(t0 + mail::immediate::kWindowMs + 1000); });
    }
    for (auto& w : workers) w.join();
    EXPECT_EQ(queued.load(), 1u);
    sink.wait_for(1);
    EXPECT_EQ(settled_mails_to("trainee@example.org").size(), 1u);
}

TEST_F(MailImmediate, AMemberWhoTurnsToDailyIsOwedNothing) {
    auto const t0 = now_ms();
    card_mentioning("Swap for Friday");
    auto const r = trainee.patch("/api/v1/me/mail", bj::object{{"notify", "daily"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(run(t0 + mail::immediate::kWindowMs + 1000), 0u);
    EXPECT_TRUE(settled_mails_to("trainee@example.org").empty());
}

}  // namespace
}  // namespace village::mail_it
