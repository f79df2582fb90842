// Building, caching and serving the board read; see board_view.hpp.
#include "boards/board_view.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "boards/board_view_sql.hpp"
#include "boards/boards.hpp"
#include "core/json.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

constexpr std::string_view kBoardPrefix = R"({"board":{)";

bj::value opt_int(std::optional<std::int64_t> v) {
    return v ? bj::value(*v) : bj::value(nullptr);
}

struct CardExtras {
    bj::array label_ids;
    bj::array assignee_ids;
    std::int64_t comments = 0;
    std::int64_t checklist_done = 0;
    std::int64_t checklist_total = 0;
    std::int64_t attachments = 0;
    bj::array imported_assignees;  // names from an import that matched no member
};

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string_view opaque_tag(std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
}

}  // namespace

SnapshotPtr build_snapshot(store::Sql& sql, BoardId id, bool with_archived) {
    // The board's newest activity id before anything else: what follows shows that state or a
    // later one, so a live client that subscribes after this id misses nothing (at worst it is
    // told again of a change the read already shows). Every activity of a board bumps its
    // version, so snapshots of one version agree on it.
    auto const last_activity = sql.query_one(sql::view_last_activity, id)->i64(0);
    // The board row next: its version is the oldest state any later statement can see.
    auto board = load_board(sql, id);
    if (!board) return nullptr;
    std::int64_t const archived_flag = with_archived ? 1 : 0;

    bj::object board_json = to_json(*board, false);
    board_json["last_activity_id"] = last_activity;
    bj::array labels;
    for (auto const& row : sql.query(sql::view_labels, id)) {
        labels.push_back(
            bj::object{{"id", row.i64(0)}, {"name", row.text(1)}, {"color", row.text(2)}});
    }
    board_json["labels"] = std::move(labels);
    bj::array members;
    for (auto const& row : sql.query(sql::view_members, id)) {
        members.push_back(
            bj::object{{"id", row.i64(0)}, {"display_name", row.text(1)}, {"role", row.text(2)}});
    }
    board_json["members"] = std::move(members);

    bj::array lists;
    for (auto const& row : sql.query(sql::view_lists, id, archived_flag)) {
        lists.push_back(bj::object{{"id", row.i64(0)},
                                   {"name", row.text(1)},
                                   {"position", row.text(2)},
                                   {"archived", !row.is_null(3)}});
    }

    auto const card_rows = sql.query(sql::view_cards, id, archived_flag);
    std::unordered_map<std::int64_t, std::size_t> index;
    index.reserve(card_rows.size());
    for (std::size_t i = 0; i < card_rows.size(); ++i) index.emplace(card_rows[i].i64(0), i);
    std::vector<CardExtras> extras(card_rows.size());
    auto const extra_of = [&](std::int64_t card) -> CardExtras* {
        auto it = index.find(card);
        return it == index.end() ? nullptr : &extras[it->second];
    };
    for (auto const& row : sql.query(sql::view_card_labels, id, archived_flag)) {
        if (auto* e = extra_of(row.i64(0))) e->label_ids.push_back(row.i64(1));
    }
    for (auto const& row : sql.query(sql::view_card_assignees, id, archived_flag)) {
        if (auto* e = extra_of(row.i64(0))) e->assignee_ids.push_back(row.i64(1));
    }
    for (auto const& row : sql.query(sql::view_comment_counts, id, archived_flag)) {
        if (auto* e = extra_of(row.i64(0))) e->comments = row.i64(1);
    }
    for (auto const& row : sql.query(sql::view_checklist_counts, id, archived_flag)) {
        if (auto* e = extra_of(row.i64(0))) {
            e->checklist_done = row.i64(1);
            e->checklist_total = row.i64(2);
        }
    }

    for (auto const& row : sql.query(sql::view_attachment_counts, id, archived_flag)) {
        if (auto* e = extra_of(row.i64(0))) e->attachments = row.i64(1);
    }
    for (auto const& row : sql.query(sql::view_imported_assignees, id, archived_flag)) {
        if (auto* e = extra_of(row.i64(0))) e->imported_assignees.emplace_back(row.text(1));
    }

    bj::array cards;
    cards.reserve(card_rows.size());
    for (std::size_t i = 0; i < card_rows.size(); ++i) {
        auto const& row = card_rows[i];
        auto& e = extras[i];
        auto const start_at = row.opt_i64(4);
        auto const due_at = row.opt_i64(5);
        cards.push_back(bj::object{
            {"id", row.i64(0)},
            {"list_id", row.i64(1)},
            {"title", row.text(2)},
            {"position", row.text(3)},
            {"label_ids", std::move(e.label_ids)},
            {"start_at", json::time_or_null(start_at)},
            {"due_at", json::time_or_null(due_at)},
            {"due_complete", row.flag(6)},
            {"location", json::text_or_null(row.opt_text(7))},
            {"pinned", row.flag(8)},
            {"cover_url", json::text_or_null(row.opt_text(9))},
            {"comment_count", e.comments},
            {"checklist", bj::object{{"done", e.checklist_done}, {"total", e.checklist_total}}},
            {"assignee_ids", std::move(e.assignee_ids)},
            {"imported_assignees", std::move(e.imported_assignees)},
            {"attachment_count", e.attachments},
            {"author_id", opt_int(row.opt_i64(10))},
            {"archived", !row.is_null(11)},
        });
    }

    bj::object doc;
    doc["board"] = std::move(board_json);
    doc["lists"] = std::move(lists);
    doc["cards"] = std::move(cards);
    auto snapshot = std::make_shared<BoardSnapshot>();
    snapshot->board = id;
    snapshot->created_at = board->created_at;
    snapshot->version = board->version;
    snapshot->with_archived = with_archived;
    snapshot->json = bj::serialize(doc);
    return snapshot;
}

std::string body_head(BoardRole role) {
    return fmt::format(R"({}"my_role":"{}",)", kBoardPrefix, board_role_name(role));
}

std::string_view body_tail(BoardSnapshot const& snapshot) {
    // The snapshot starts with {"board":{ and the board object is never empty (it has an id).
    return std::string_view(snapshot.json).substr(kBoardPrefix.size());
}

std::string body_for(BoardSnapshot const& snapshot, BoardRole role) {
    auto out = body_head(role);
    out.append(body_tail(snapshot));
    return out;
}

std::string etag_for(BoardId board, std::int64_t created_at, std::int64_t version, BoardRole role,
                     bool with_archived) {
    return fmt::format(R"(W/"{}-{}-{}-{}{}")", board.value, created_at, version,
                       board_role_name(role), with_archived ? "-all" : "");
}

bool etag_matches(std::string_view header, std::string_view etag) {
    auto const wanted = opaque_tag(etag);
    while (!header.empty()) {
        auto const comma = header.find(',');
        auto const tag = trim_spaces(header.substr(0, comma));
        if (tag == "*" || (!tag.empty() && opaque_tag(tag) == wanted)) return true;
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    return false;
}

// --- the cache -----------------------------------------------------------------------------------

SnapshotPtr BoardViewCache::get(BoardId board, bool with_archived, std::int64_t created_at,
                                std::int64_t version, Builder const& build) {
    Key const key{board.value, with_archived};
    std::shared_future<SnapshotPtr> waiting;
    std::promise<SnapshotPtr> promise;
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it != entries_.end() && it->second.created_at == created_at &&
            it->second.version >= version) {
            lru_.splice(lru_.begin(), lru_, it->second.lru);
            waiting = it->second.snapshot;
            ++hits_;
        } else {
            if (it != entries_.end()) erase_locked(it);
            ticket = ++next_ticket_;
            ++builds_;
            lru_.push_front(key);
            Entry entry;
            entry.created_at = created_at;
            entry.version = version;
            entry.snapshot = promise.get_future().share();
            entry.ticket = ticket;
            entry.lru = lru_.begin();
            entries_.emplace(key, std::move(entry));
            evict_locked();
        }
    }
    if (ticket == 0) return waiting.get();

    SnapshotPtr snapshot;
    try {
        snapshot = build();
    } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it != entries_.end() && it->second.ticket == ticket) erase_locked(it);
        throw;
    }
    promise.set_value(snapshot);
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.ticket != ticket) return snapshot;  // replaced
    if (!snapshot || snapshot->json.size() > limits_.max_bytes) {
        erase_locked(it);
        return snapshot;
    }
    it->second.created_at = snapshot->created_at;
    it->second.version = snapshot->version;
    it->second.bytes = snapshot->json.size();
    bytes_ += it->second.bytes;
    evict_locked();
    return snapshot;
}

void BoardViewCache::erase_locked(std::unordered_map<Key, Entry, KeyHash>::iterator it) {
    bytes_ -= it->second.bytes;
    lru_.erase(it->second.lru);
    entries_.erase(it);
}

void BoardViewCache::evict_locked() {
    // The newest entry is never the victim: whoever just asked for it is about to use it.
    while ((entries_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) &&
           lru_.size() > 1) {
        erase_locked(entries_.find(lru_.back()));
    }
}

BoardViewCache::Stats BoardViewCache::stats() const {
    std::lock_guard lock(mutex_);
    return Stats{entries_.size(), bytes_, builds_, hits_};
}

std::string BoardRead::body() const {
    return snapshot ? body_for(*snapshot, role) : std::string{};
}

// --- the read ------------------------------------------------------------------------------------

Result<BoardRead> read_board(store::Sql& sql, BoardViewCache& cache, Actor const& actor,
                             BoardId board, bool with_archived, std::string_view if_none_match) {
    auto access = require_read(sql, actor, board);
    if (!access) return fail(access.error());
    BoardRead out;
    // Answer a revalidation before touching the cache at all.
    out.etag = etag_for(board, access->created_at, access->version, access->role, with_archived);
    if (!if_none_match.empty() && etag_matches(if_none_match, out.etag)) {
        out.not_modified = true;
        return out;
    }
    auto const build = [&] { return build_snapshot(sql, board, with_archived); };
    auto snapshot = cache.get(board, with_archived, access->created_at, access->version, build);
    if (!snapshot) return fail(Errc::not_found, "Board not found");  // deleted meanwhile
    out.etag =
        etag_for(board, snapshot->created_at, snapshot->version, access->role, with_archived);
    out.role = access->role;
    out.snapshot = std::move(snapshot);
    return out;
}

}  // namespace village::boards
