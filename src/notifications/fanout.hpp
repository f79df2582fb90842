// The fan-out from the activity log: the one place that decides who hears of what.
//
//   card.created   the author watches the card; followers of its board or space (watching or
//                  normal) get a `card` notification and a feed item; mentions in the body.
//   comment.added  watchers get `reply` (they watch the card itself: its author, commenters,
//                  or by choice) or `comment` (through its board or space); every follower that
//                  has not muted it gets a feed item; mentions in the comment; the commenter
//                  then watches the card.
//   card.updated   mentions newly written into the body (each member is told once per card).
//   card.assigned  each newly assigned member (a mute does not silence this).
//   card.announced every recipient of the announcement (announcements.hpp).
//   card.deleted   its notifications, feed items and follows go.
//   member.created / member.updated (interests), space.created: follows of interest spaces.
//
// Nobody is notified of their own action; only members who may see the card now hear of it;
// the most specific follow decides (card over board over space) and `muted` silences.
#pragma once

namespace village::notifications {

// Subscribes the fan-out to activity::record. Called once at start-up (App); idempotent.
void install();

}  // namespace village::notifications
