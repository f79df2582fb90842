// The notifications module's entities: follows, notifications, feed items, quiet hours and
// announcements, and the names they carry in JSON and in the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace village::notifications {

// --- follows -----------------------------------------------------------------------------------

enum class TargetType { space, board, card };
// `watching`: every new card and comment; `normal`: new cards and mentions; `muted`: nothing.
enum class Level { watching, normal, muted };
// Why a follow exists: chosen by the member, or made for them (and so undone for them).
enum class Origin { chosen, interest, author, commenter };

[[nodiscard]] std::string_view target_type_name(TargetType t);  // "space", "board", "card"
[[nodiscard]] std::optional<TargetType> parse_target_type(std::string_view text);
// The plural used in URLs: "spaces", "boards", "cards".
[[nodiscard]] std::optional<TargetType> parse_target_path(std::string_view text);
[[nodiscard]] std::string_view level_name(Level l);
[[nodiscard]] std::optional<Level> parse_level(std::string_view text);
[[nodiscard]] std::string_view origin_name(Origin o);
[[nodiscard]] std::optional<Origin> parse_origin(std::string_view text);

struct Target {
    TargetType type = TargetType::space;
    std::int64_t id = 0;
};

struct Follow {
    Target target;
    Level level = Level::normal;
    Origin origin = Origin::chosen;
    std::string target_name;  // the space or board name, or the card title
    Millis created_at = 0;
    Millis updated_at = 0;
};

// What decides how a member hears of one place: the most specific follow, if any.
struct EffectiveFollow {
    std::optional<Follow> own;         // the follow on the target itself
    std::optional<Level> level;        // the level that applies; none: not following
    std::optional<TargetType> source;  // where that level comes from
};

// --- notifications -----------------------------------------------------------------------------

enum class Kind { mention, reply, comment, card, assigned, announcement };

[[nodiscard]] std::string_view kind_name(Kind k);
[[nodiscard]] std::optional<Kind> parse_kind(std::string_view text);

struct Notification {
    std::int64_t id = 0;
    Kind kind = Kind::card;
    ActivityId activity;
    std::optional<BoardId> board;
    std::string board_name;
    std::optional<CardId> card;
    std::string card_title;
    std::optional<CommentId> comment;
    std::optional<MemberId> actor;
    std::string actor_name;
    Millis created_at = 0;
    std::optional<Millis> read_at;
    bool push = true;  // false: recorded during quiet hours, no alert is to be pushed
};

struct NotificationPage {
    std::vector<Notification> items;
    std::optional<std::int64_t> next_before;
    std::int64_t unread = 0;
};

// --- the personal feed -------------------------------------------------------------------------

struct FeedItem {
    ActivityId activity;
    std::string type;  // "card.created" or "comment.added"
    Millis at = 0;
    BoardId board;
    std::string board_name;
    CardId card;
    std::string card_title;
    std::optional<CommentId> comment;
    std::optional<MemberId> actor;
    std::string actor_name;
    bool unseen = false;  // newer than the member's "mark all seen"
};

struct FeedPage {
    std::vector<FeedItem> items;
    std::optional<std::int64_t> next_before;
    std::int64_t seen_up_to = 0;  // the activity id of the last "mark all seen"
    std::int64_t unseen = 0;
};

// --- quiet hours -------------------------------------------------------------------------------

struct QuietHours {
    std::string time_zone = "UTC";
    std::optional<int> start_minute;  // daily window, minutes after local midnight; both or
    std::optional<int> end_minute;    // neither; start > end crosses midnight
    unsigned days_off = 0;            // bit 0 Monday … bit 6 Sunday, in the member's zone
};

// --- announcements -----------------------------------------------------------------------------

enum class Audience { everyone, groups };

struct Announcement {
    CardId card;
    Audience audience = Audience::everyone;
    std::vector<GroupId> groups;
    std::optional<MemberId> announced_by;
    Millis created_at = 0;
};

// One row of a reach breakdown: by grade or by site ("" when not set).
struct ReachRow {
    std::string key;
    std::int64_t audience = 0;
    std::int64_t seen = 0;
    std::int64_t acknowledged = 0;
};

struct Recipient {
    MemberId id;
    std::string display_name;
    std::optional<std::string> grade;
    std::optional<std::string> site;
    std::optional<Millis> seen_at;
    std::optional<Millis> acknowledged_at;
};

struct Reach {
    Announcement announcement;
    std::string card_title;
    std::int64_t audience = 0;
    std::int64_t seen = 0;
    std::int64_t acknowledged = 0;
    std::vector<ReachRow> by_grade;
    std::vector<ReachRow> by_site;
    std::vector<Recipient> not_acknowledged;
};

// An announcement as its recipient sees it on their home.
struct PendingAnnouncement {
    CardId card;
    std::string card_title;
    BoardId board;
    std::string board_name;
    std::optional<MemberId> announced_by;
    std::string announced_by_name;
    Millis created_at = 0;
    std::optional<Millis> seen_at;
};

}  // namespace village::notifications
