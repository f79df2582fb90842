// Queuing, claiming and recording mails; see outbox.hpp.
#include "mail/outbox.hpp"

#include <algorithm>

#include "mail/outbox_sql.hpp"

namespace village::mail {

Sender sender_from(Config const& config) {
    Sender sender;
    sender.from = parse_address(config.effective_mail_from());
    if (sender.from.name.empty()) sender.from.name = "Village";
    sender.base_url = config.effective_base_url();
    auto host = sender.base_url.substr(sender.base_url.find("://") + 3);
    sender.domain = host.substr(0, host.find_first_of(":/"));
    return sender;
}

namespace outbox {

std::int64_t enqueue(store::Tx& tx, Sender const& sender, Outgoing const& mail, Millis now) {
    Message message{sender.from,  mail.to, mail.content,
                    mail.headers, now,     new_message_id(sender.domain)};
    auto const text = compose(message);
    auto row = tx.query_one(sql::insert_mail, message.message_id, mail.kind, mail.member,
                            mail.to.email, mail.content.subject, text, now, now);
    return row->i64(0);
}

std::vector<Queued> claim(store::Db& db, std::size_t limit, Millis now) {
    auto tx = db.begin();
    std::vector<Queued> out;
    for (auto const& row : tx.query(sql::claim_due, now, now + kClaimMs, limit)) {
        out.push_back(Queued{row.i64(0), row.text(1), row.text(2), row.text(3), row.text(4),
                             row.text(5), row.i64(6)});
    }
    tx.commit();
    std::ranges::sort(out, {}, &Queued::id);
    return out;
}

void mark_sent(store::Db& db, std::int64_t id, Millis now) {
    auto tx = db.begin();
    tx.exec(sql::mark_sent, id, now);
    tx.commit();
}

void release(store::Db& db, std::int64_t id) {
    auto tx = db.begin();
    tx.exec(sql::release_claim, id);
    tx.commit();
}

Millis backoff_ms(std::int64_t attempts, Millis retry_base_ms) {
    Millis wait = retry_base_ms;
    for (std::int64_t i = 1; i < attempts && wait < kMaxRetryMs; ++i) wait *= 2;
    return std::min(wait, kMaxRetryMs);
}

void mark_failed(store::Db& db, Queued const& mail, std::string const& error, Millis retry_base_ms,
                 Millis now) {
    auto tx = db.begin();
    tx.exec(sql::mark_failed, mail.id, now + backoff_ms(mail.attempts, retry_base_ms),
            error.substr(0, 1000));
    tx.commit();
}

Counts counts(store::Sql& db) {
    auto row = db.query_one(sql::queue_counts);
    return Counts{row->i64(0), row->i64(1)};
}

}  // namespace outbox
}  // namespace village::mail
