// Announcements with reach. An organiser (a community admin, or an admin of the card's board)
// marks a card as an announcement to everyone or to named groups. The recipients are fixed then:
// the active members of that audience who may see the card, less the organiser. Each gets an
// `announcement` notification and finds it pinned on their home until they acknowledge it;
// opening the card records that they have seen it. The organiser, the card's author, board
// admins and community admins see its reach: audience size, how many have seen and
// acknowledged, by grade and by site, and who has not acknowledged.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "notifications/model.hpp"
#include "store/database.hpp"

namespace village::activity {
struct Recorded;
}

namespace village::notifications {

inline constexpr std::string_view kAnnouncedEvent = "card.announced";
inline constexpr std::string_view kAnnouncementNotFound = "Announcement not found";
inline constexpr std::size_t kMaxPendingAnnouncements = 200;

struct AnnounceRequest {
    Audience audience = Audience::everyone;
    std::vector<GroupId> groups;
};

// PUT /cards/{id}/announcement body: {"audience": "everyone"} or
// {"audience": "groups", "group_ids": [1, 2]}.
[[nodiscard]] Result<AnnounceRequest> parse_announce(std::string_view body);

// 401 anonymous; 404 card not visible; 403 not an organiser; 422 board archived or a group
// that does not exist (field group_ids); 409 already an announcement.
[[nodiscard]] Result<Reach> announce(store::Db& db, Actor const& actor, CardId card,
                                     AnnounceRequest const& in);
// DELETE /cards/{id}/announcement: the card is no longer an announcement (same rules; 404 when
// it is not one).
[[nodiscard]] Result<void> withdraw(store::Db& db, Actor const& actor, CardId card);
// GET /cards/{id}/announcement: the reach. 404 when not visible or not an announcement; 403 for
// anyone but the organiser, the card's author, board admins and community admins.
[[nodiscard]] Result<Reach> reach(store::Db& db, Actor const& actor, CardId card);
// POST /cards/{id}/announcement/seen and /acknowledge, by a recipient: 404 when the card is not
// visible, not an announcement, or not addressed to the actor. Idempotent.
[[nodiscard]] Result<void> mark_seen(store::Db& db, Actor const& actor, CardId card);
[[nodiscard]] Result<void> acknowledge(store::Db& db, Actor const& actor, CardId card);

// GET /me/announcements: what is pinned on the member's home. Also for the mail digest.
[[nodiscard]] Result<std::vector<PendingAnnouncement>> my_announcements(store::Db& db,
                                                                        Actor const& actor);
[[nodiscard]] std::vector<PendingAnnouncement> unacknowledged_announcements(store::Sql& sql,
                                                                            Actor const& member);

// The fan-out's part: notifies every recipient of a card.announced activity.
void on_card_announced(store::Tx& tx, activity::Recorded const& recorded);

[[nodiscard]] boost::json::object to_json(Reach const& reach);
[[nodiscard]] boost::json::object to_json(PendingAnnouncement const& pending);

}  // namespace village::notifications
