// Notification mail for members who chose "immediately". Recording a notification for such a
// member marks, in the same transaction, that a mail is owed (their mail_preferences row's
// next_digest_at becomes the end of a short window, unless one is already owed). When the
// window ends, the mail job gathers every notification since the last such mail into one mail
// — several mentions in a minute make one mail, not a burst — leaving out what the member has
// read meanwhile or may no longer see. During quiet hours it waits for them to end. Each row is
// claimed FOR UPDATE SKIP LOCKED, so with several processes each mail is queued once.
#pragma once

#include "core/time.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace village::mail::immediate {

// How long notifications gather before their mail goes.
inline constexpr Millis kWindowMs = 2 * 60 * 1000;

// Listens to notifications (notifications::listen). Called once at start-up; idempotent.
void install();

// What one worker round does: queues the mail of up to `limit` members whose window has ended,
// each in its own transaction. Returns how many mails it queued.
std::size_t run_due(store::Db& db, Sender const& sender, Millis now = now_ms(),
                    std::size_t limit = 50);

}  // namespace village::mail::immediate
