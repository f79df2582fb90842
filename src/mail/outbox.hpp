// The outbox: every mail is a row written in the same transaction as the change that causes
// it, so a mail is queued exactly when its change commits. The worker (worker.hpp) claims due
// rows, sends them, and records the result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "mail/message.hpp"
#include "store/database.hpp"

namespace village::mail {

// What every mail of this process has in common, from the configuration.
struct Sender {
    Address from;
    std::string base_url;  // no trailing slash: links are base_url + "/path"
    std::string domain;    // for Message-IDs: the base URL's host
};
[[nodiscard]] Sender sender_from(Config const& config);

// A mail to queue.
struct Outgoing {
    std::string kind;  // "sign_in", "invitation", "digest", "notification"
    std::optional<MemberId> member;
    Address to;
    Content content;
    std::vector<Header> headers;
};

// A queued mail as the worker holds it.
struct Queued {
    std::int64_t id = 0;
    std::string message_id;
    std::string kind;
    std::string to_address;
    std::string subject;
    std::string message;  // the whole RFC 5322 text
    std::int64_t attempts = 0;
};

namespace outbox {

// How long a claim holds a mail: a worker that dies while sending frees it after this.
inline constexpr Millis kClaimMs = 5 * 60 * 1000;
inline constexpr Millis kMaxRetryMs = 60 * 60 * 1000;

// Composes the mail (Date now, a new Message-ID kept for every retry) and queues it in `tx`.
// Returns the outbox id.
std::int64_t enqueue(store::Tx& tx, Sender const& sender, Outgoing const& mail,
                     Millis now = now_ms());

// Takes up to `limit` due mails for this worker, in one transaction.
[[nodiscard]] std::vector<Queued> claim(store::Db& db, std::size_t limit, Millis now = now_ms());

// The server accepted it: never sent again.
void mark_sent(store::Db& db, std::int64_t id, Millis now = now_ms());

// Not sent: tried again after the backoff for its attempt count.
void mark_failed(store::Db& db, Queued const& mail, std::string const& error, Millis retry_base_ms,
                 Millis now = now_ms());

// Hands a claimed mail back unsent, as if never tried (the worker is stopping).
void release(store::Db& db, std::int64_t id);

// Wait before attempt `attempts` + 1: base, 2×base, 4×base, … up to kMaxRetryMs.
[[nodiscard]] Millis backoff_ms(std::int64_t attempts, Millis retry_base_ms);

struct Counts {
    std::int64_t queued = 0;
    std::int64_t sent = 0;
};
[[nodiscard]] Counts counts(store::Sql& db);

}  // namespace outbox
}  // namespace village::mail
