// The append-only activity log. Every write records its row in the same transaction as the
// change; live updates, notifications and the feed all read from here.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace village::activity {

struct Event {
    std::string type;  // "card.created", "comment.added", … (STYLE.md)
    std::optional<SpaceId> space;
    std::optional<BoardId> board;
    std::optional<ListId> list;
    std::optional<CardId> card;
    std::optional<CommentId> comment;
    boost::json::object data;  // what changed, for the reader of the log
};

struct Entry {
    ActivityId id;
    Millis at = 0;
    std::optional<MemberId> actor;
    std::string actor_name;
    std::string type;
    std::optional<ListId> list;
    std::optional<CardId> card;
    std::optional<CommentId> comment;
    boost::json::object data;
};

// The channel on which each recorded activity's id is announced once its transaction commits
// (Tx::notify): the live hub, in this process and in every other on the same database, listens.
inline constexpr char const* kChannel = "village_activity";

// Appends the event; when it concerns a board, also bumps the board's version (its ETag). Then
// runs every subscriber in the same transaction, so what they write (notifications, the feed)
// commits or rolls back with the change. Once the transaction commits, its id is announced on
// kChannel.
ActivityId record(store::Tx& tx, Actor const& actor, Event const& event);

// A module that must act on activities inside their transaction (notifications, the personal
// feed). Modules that build on activity register themselves at start-up; activity knows none of
// them, so there is no dependency cycle.
struct Recorded {
    ActivityId id;
    Millis at = 0;
    Actor const& actor;
    Event const& event;
};
using Subscriber = void (*)(store::Tx& tx, Recorded const& recorded);
// Idempotent: subscribing the same function twice keeps one subscription.
void subscribe(Subscriber subscriber);

// Newest first, ids below `before` (0: from the newest).
[[nodiscard]] std::vector<Entry> board_page(store::Sql& sql, BoardId board, std::int64_t before,
                                            std::size_t limit);

[[nodiscard]] boost::json::object to_json(Entry const& entry);

}  // namespace village::activity
