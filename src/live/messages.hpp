// The live socket's protocol (docs/api/live.md): what a client may send, parsed and checked, and
// every message the server sends, built here so the wording lives in one place.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "activity/activity.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace village::live {

struct Command {
    enum class Kind { subscribe, unsubscribe, ping };
    Kind kind = Kind::ping;
    BoardId board;
    // subscribe: replay this board's activity after this id first (the last one the client saw).
    std::optional<std::int64_t> after;
};

// {"type":"subscribe","board_id":N,"after":M}, {"type":"unsubscribe","board_id":N} or
// {"type":"ping"}; anything else is a bad_request naming the field at fault.
[[nodiscard]] Result<Command> parse_command(std::string_view text);

// One activity of a board as the live hub sends it.
struct BoardEvent {
    BoardId board;
    activity::Entry entry;
};

[[nodiscard]] std::string event_message(BoardEvent const& event);
[[nodiscard]] std::string welcome_message(Actor const& actor, std::int64_t last_activity_id);
[[nodiscard]] std::string subscribed_message(BoardId board, std::int64_t last_activity_id);
// Why a subscription ended: "not_found" (absent, or no longer visible to this client) or
// "requested" (the client unsubscribed).
[[nodiscard]] std::string unsubscribed_message(BoardId board, std::string_view reason);
[[nodiscard]] std::string reload_message(BoardId board, std::int64_t last_activity_id);
// New notifications for the socket's member: their unread count now, and whether to alert them
// (false during their quiet hours: the count changes, nothing pops up).
[[nodiscard]] std::string notifications_message(std::int64_t unread, bool alert);
[[nodiscard]] std::string error_message(Error const& error);
[[nodiscard]] std::string pong_message();

}  // namespace village::live
