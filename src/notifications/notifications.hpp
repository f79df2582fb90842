// Notifications: an activity that concerns a member (a mention, a reply on a card they watch, a
// new card or comment in something they follow, an assignment, an announcement). Written by the
// activity fan-out (fanout.hpp) in the same transaction as the activity; never for the actor's
// own action. Each records whether an alert may be pushed (not during quiet hours).
// A notification about a card the member can no longer see is not shown.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "notifications/model.hpp"
#include "store/database.hpp"

namespace village::notifications {

inline constexpr std::string_view kNotificationNotFound = "Notification not found";

// What caused a notification, for notify().
struct Cause {
    ActivityId activity;
    Millis at = 0;
    std::optional<MemberId> actor;
    std::optional<BoardId> board;
    std::optional<CardId> card;
    std::optional<CommentId> comment;
};

// Records one notification (once per member and activity), with push = not quiet at `cause.at`,
// then tells every listener, in the same transaction.
void notify(store::Tx& tx, MemberId member, Kind kind, Cause const& cause);

// A module that acts on each notification as it is recorded, inside its transaction (mail's
// immediate notices). Listeners register at start-up; notifications knows none of them, so
// there is no dependency cycle. Idempotent: the same function twice is one listener.
using Recorder = void (*)(store::Tx& tx, MemberId member, Cause const& cause);
void listen(Recorder recorder);

// The member as the permission rules see them; nullopt when absent or deactivated.
[[nodiscard]] std::optional<Actor> member_actor(store::Sql& sql, MemberId member);

// GET /me/notifications: newest first, ids below `before` (0: from the newest).
[[nodiscard]] Result<NotificationPage> list_notifications(store::Db& db, Actor const& actor,
                                                          std::int64_t before, std::size_t limit,
                                                          bool unread_only);
// GET /me/notifications/unread_count.
[[nodiscard]] Result<std::int64_t> unread_count(store::Db& db, Actor const& actor);
// For the live socket: the members notified by the activities with ids in (after, up_to], and
// whether any of those notifications may alert them (false: all came during quiet hours).
struct Notified {
    MemberId member;
    bool alert = false;
};
[[nodiscard]] std::vector<Notified> notified_between(store::Sql& sql, std::int64_t after,
                                                     std::int64_t up_to);
// POST /me/notifications/{id}/read: marks it read (idempotent); 404 when not the member's.
[[nodiscard]] Result<Notification> open_notification(store::Db& db, Actor const& actor,
                                                     std::int64_t id);
// POST /me/notifications/read_all: marks read every notification up to `up_to` (0: all);
// returns how many were unread.
[[nodiscard]] Result<std::int64_t> mark_all_read(store::Db& db, Actor const& actor,
                                                 std::int64_t up_to);

// For the mail digest: the member's notifications created after `since` that they may still
// see, oldest first, at most `limit`.
[[nodiscard]] std::vector<Notification> notifications_since(store::Sql& sql, Actor const& member,
                                                            Millis since, std::size_t limit);

[[nodiscard]] boost::json::object to_json(Notification const& n);
[[nodiscard]] boost::json::object to_json(NotificationPage const& page);

}  // namespace village::notifications
