// Immediate notification mail; see immediate.hpp.
#include "mail/immediate.hpp"

#include <fmt/format.h>

#include "accounts/members.hpp"
#include "mail/immediate_sql.hpp"
#include "mail/preferences.hpp"
#include "mail/templates.hpp"
#include "notifications/notifications.hpp"
#include "notifications/quiet_hours.hpp"
#include "notifications/visibility.hpp"

namespace village::mail::immediate {

namespace {

constexpr std::int64_t kMaxPerMail = 50;

// In the notification's transaction: one cheap update by primary key, which matches only a
// member who chose "immediately" and is not already owed a mail.
void owe_mail(store::Tx& tx, MemberId member, notifications::Cause const& cause) {
    tx.exec(sql::owe_mail, member, cause.at + kWindowMs);
}

// One due member, inside `tx`; true when a mail was queued.
bool handle(store::Tx& tx, Sender const& sender, store::Row const& due, Millis now) {
    auto const member_id = due.id<MemberId>(0);
    auto const mailed_through = due.i64(1);
    if (auto const until = notifications::quiet_until(tx, member_id, now); until > now) {
        tx.exec(sql::postpone, member_id, until);  // goes when their quiet hours end
        return false;
    }
    auto const member = accounts::members::find(tx, member_id);
    if (!member || member->deactivated()) {
        tx.exec(sql::postpone, member_id, std::optional<Millis>{});
        return false;
    }
    // Checked now, when the mail is written: a card the member lost since is left out.
    notifications::BoardVisibility visible(tx, member->actor());
    std::vector<templates::DigestItem> items;
    auto through = mailed_through;
    auto const rows = tx.query(sql::unmailed, member_id, mailed_through, kMaxPerMail);
    for (auto const& row : rows) {
        through = row.i64(0);
        if (!row.is_null(7) || !row.is_null(8)) continue;  // read meanwhile, or archived
        if (row.is_null(2) || row.is_null(3) || !visible.visible(BoardId{row.i64(2)})) continue;
        items.push_back(
            {fmt::format("{}: {}", templates::notification_heading(row.text(1)), row.text(4)),
             row.text(6).empty() ? row.text(5)
                                 : fmt::format("{} · by {}", row.text(5), row.text(6)),
             templates::card_link(sender.base_url, row.i64(2), row.i64(3))});
    }
    // A full page may have more behind it: due again at once.
    std::optional<Millis> const next =
        static_cast<std::int64_t>(rows.size()) == kMaxPerMail ? std::optional(now) : std::nullopt;
    tx.exec(sql::mailed, member_id, next, through);
    if (items.empty()) return false;
    auto const unsubscribe = preferences::unsubscribe_link(tx, sender, member_id);
    outbox::enqueue(tx, sender,
                    Outgoing{"notification",
                             member_id,
                             {member->email, member->display_name},
                             templates::notices(sender.base_url, member->display_name, items,
                                                unsubscribe),
                             preferences::unsubscribe_headers(unsubscribe)});  // due at once
    return true;
}

}  // namespace

void install() { notifications::listen(&owe_mail); }

std::size_t run_due(store::Db& db, Sender const& sender, Millis now, std::size_t limit) {
    std::size_t queued = 0;
    for (std::size_t i = 0; i < limit; ++i) {
        auto tx = db.begin();
        auto due = tx.query_one(sql::claim_due, now);
        if (!due) break;
        if (handle(tx, sender, *due, now)) ++queued;
        tx.commit();
    }
    return queued;
}

}  // namespace village::mail::immediate
