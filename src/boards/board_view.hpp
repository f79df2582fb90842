// The board read: the board, its lists and a summary of every card, in one response. It is
// built once per board version and kept serialised in a bounded in-memory cache; a request only
// loads the viewer's access (one small query), finds the bytes and splices the viewer's
// `my_role` in. The board's version is bumped by every write on the board (activity::record),
// so a cached read can never outlive the change that made it stale.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "boards/permissions.hpp"
#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "store/sql.hpp"

namespace village::boards {

// One serialised board read, shared by every viewer of that board version.
struct BoardSnapshot {
    BoardId board;
    std::int64_t created_at = 0;
    std::int64_t version = 0;  // the version read before anything else: the data is this or newer
    bool with_archived = false;
    // {"board":{…},"lists":[…],"cards":[…]}; the board object leaves out my_role.
    std::string json;
};

using SnapshotPtr = std::shared_ptr<BoardSnapshot const>;

// Reads the board with one query per table; nullptr when the board does not exist.
[[nodiscard]] SnapshotPtr build_snapshot(store::Sql& sql, BoardId board, bool with_archived);

// The JSON body for one viewer: the snapshot with `"my_role":"…"` as the board's first field.
// It is body_head(role) followed by body_tail(snapshot), which the server sends as two pieces
// so that the (large, shared) snapshot is never copied per request.
[[nodiscard]] std::string body_for(BoardSnapshot const& snapshot, BoardRole role);
[[nodiscard]] std::string body_head(BoardRole role);
[[nodiscard]] std::string_view body_tail(BoardSnapshot const& snapshot);

// W/"<board>-<created_at>-<version>-<role>[-all]".
[[nodiscard]] std::string etag_for(BoardId board, std::int64_t created_at, std::int64_t version,
                                   BoardRole role, bool with_archived);

// True when an If-None-Match header value names `etag` (weak comparison, lists, "*").
[[nodiscard]] bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Board reads kept in memory, least recently used first out, bounded by count and bytes.
// Thread-safe. When several requests want the same missing read, one builds it and the others
// wait for it. One per server (owned by BoardsRoutes), never global.
class BoardViewCache {
  public:
    struct Limits {
        std::size_t max_entries = 256;
        std::size_t max_bytes = 64 * 1024 * 1024;
    };
    using Builder = std::function<SnapshotPtr()>;

    BoardViewCache() : BoardViewCache(Limits{}) {}
    explicit BoardViewCache(Limits limits) : limits_(limits) {}

    // The cached read of (board, with_archived) if it is of this board (created_at) and at
    // least `version`; else the one `build` returns (kept unless it is nullptr). Exceptions of
    // `build` reach every caller that waited for it.
    SnapshotPtr get(BoardId board, bool with_archived, std::int64_t created_at,
                    std::int64_t version, Builder const& build);

    struct Stats {
        std::size_t entries = 0;
        std::size_t bytes = 0;
        std::uint64_t builds = 0;
        std::uint64_t hits = 0;
    };
    [[nodiscard]] Stats stats() const;

  private:
    struct Key {
        std::int64_t board;
        bool with_archived;
        bool operator==(Key const&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(Key const& k) const noexcept {
            return std::hash<std::int64_t>{}(k.board * 2 + (k.with_archived ? 1 : 0));
        }
    };
    struct Entry {
        std::int64_t created_at = 0;
        std::int64_t version = 0;
        std::shared_future<SnapshotPtr> snapshot;
        std::uint64_t ticket = 0;  // which build this entry waits for
        std::size_t bytes = 0;     // counted once built
        std::list<Key>::iterator lru;
    };

    void erase_locked(std::unordered_map<Key, Entry, KeyHash>::iterator it);
    void evict_locked();

    Limits limits_;
    mutable std::mutex mutex_;
    std::unordered_map<Key, Entry, KeyHash> entries_;
    std::list<Key> lru_;  // most recently used at the front
    std::size_t bytes_ = 0;
    std::uint64_t next_ticket_ = 0;
    std::uint64_t builds_ = 0;
    std::uint64_t hits_ = 0;
};

// What GET /api/v1/boards/{id} answers: a body and its ETag, or "not modified".
struct BoardRead {
    bool not_modified = false;
    std::string etag;
    SnapshotPtr snapshot;  // the body is body_for(*snapshot, role); null when not modified
    BoardRole role{};

    [[nodiscard]] std::string body() const;  // a copy, for tests and tools
};

// 404 when the board is absent or not visible to the actor.
[[nodiscard]] Result<BoardRead> read_board(store::Sql& sql, BoardViewCache& cache,
                                           Actor const& actor, BoardId board, bool with_archived,
                                           std::string_view if_none_match);

}  // namespace village::boards
