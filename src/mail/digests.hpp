// Digests: for members who chose a daily or weekly digest (the default is daily), one mail at
// their chosen local time holding what is new in what they follow, their unread notifications
// and mentions, announcements they have not acknowledged and the coming week's events. None
// when nothing is new, or when the member has been on Village since the last one; none during
// their quiet hours (it waits). The schedule lives in mail_preferences rows, each claimed by
// one process at a time (FOR UPDATE SKIP LOCKED), so several processes send each digest once.
#pragma once

#include <string>

#include "core/time.hpp"
#include "mail/outbox.hpp"
#include "store/database.hpp"

namespace village::mail::digests {

inline constexpr Millis kDayMs = 24LL * 60 * 60 * 1000;

// The first moment after `after` that is `minute` minutes past local midnight in `zone`
// (weekly: on a Monday). An unknown zone counts as UTC.
[[nodiscard]] Millis next_slot(Millis after, int minute, std::string const& zone, bool weekly);

// What one worker round does: gives members without preferences the defaults, then handles up
// to `limit` members whose digest is due, each in its own transaction. Returns how many
// digests it queued.
std::size_t run_due(store::Db& db, Sender const& sender, Millis now = now_ms(),
                    std::size_t limit = 50);

}  // namespace village::mail::digests
