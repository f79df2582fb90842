// The personal feed, "since your last visit": new cards and comments across everything a member
// follows (not muted), newest first. Rows are fanned out when the card or comment is added
// (fanout.hpp), so reading a page walks one index and costs what the page shows; what the member
// can no longer see is left out when read. "Mark all seen" stores how far they have read.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "notifications/model.hpp"
#include "store/database.hpp"

namespace village::notifications {

// The unseen count stops counting here ("999+" in the web app).
inline constexpr std::int64_t kMaxUnseenCount = 999;

void add_to_feed(store::Tx& tx, MemberId member, ActivityId activity, BoardId board, CardId card);

// GET /me/feed: 401 anonymous.
[[nodiscard]] Result<FeedPage> feed_page(store::Db& db, Actor const& actor, std::int64_t before,
                                         std::size_t limit);
// POST /me/feed/seen: everything up to activity `up_to` (0: the newest item) is seen. Returns
// the mark now stored (it never moves back).
[[nodiscard]] Result<std::int64_t> mark_feed_seen(store::Db& db, Actor const& actor,
                                                  std::int64_t up_to);

// For the mail digest: the member's feed after activity `after`, oldest first, that they may
// still see, at most `limit` items; and the mark of what they have seen in the app.
[[nodiscard]] std::vector<FeedItem> feed_since(store::Sql& sql, Actor const& member,
                                               std::int64_t after, std::size_t limit);
[[nodiscard]] std::int64_t feed_seen_mark(store::Sql& sql, MemberId member);

[[nodiscard]] boost::json::object to_json(FeedItem const& item);
[[nodiscard]] boost::json::object to_json(FeedPage const& page);

}  // namespace village::notifications
