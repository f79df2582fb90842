// Cards: parsing, rules and storage; see cards.hpp.
#include "boards/cards.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "activity/activity.hpp"
#include "boards/cards_sql.hpp"
#include "boards/labels.hpp"
#include "boards/markdown.hpp"
#include "boards/spaces.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

constexpr Ordering kCards{sql::card_anchor, sql::card_next, sql::card_previous,
                          sql::card_last,   sql::card_all,  sql::card_set_position};

tl::unexpected<Error> card_not_found() {
    return fail(Errc::not_found, std::string(kCardNotFound));
}

tl::unexpected<Error> list_not_found(std::string field = {}) {
    // Inside a request body the list is an input that breaks a rule; in the path it is a 404.
    if (field.empty()) return fail(Errc::not_found, "List not found");
    return fail(Errc::unprocessable, "That list does not exist or you cannot see it",
                std::move(field));
}

Result<void> check_times(std::optional<Millis> start_at, std::optional<Millis> due_at) {
    if (start_at && due_at && *start_at > *due_at) {
        return fail(Errc::unprocessable, "The start must not be after the due time", "due_at");
    }
    return {};
}

// Same-origin paths (an uploaded cover) or https links; nothing a browser would run.
Result<void> check_cover_url(std::string const& url) {
    bool const same_origin = url.size() > 1 && url[0] == '/' && url[1] != '/' && url[1] != '\\';
    bool const https = url.rfind("https://", 0) == 0 && url.size() > 8;
    bool clean = true;
    for (char c : url) {
        auto const u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\') clean = false;
    }
    if ((!same_origin && !https) || !clean) {
        return fail(Errc::bad_request, "cover_url must be an https:// link or a path on this site",
                    "cover_url");
    }
    return {};
}

// Members that may be assigned: active, and able to see the board. Duplicates are dropped.
Result<std::vector<MemberId>> check_assignees(store::Sql& sql, BoardId board,
                                              std::vector<std::int64_t> const& ids) {
    std::vector<MemberId> out;
    for (auto const id : ids) {
        if (std::find(out.begin(), out.end(), MemberId{id}) != out.end()) continue;
        auto row = sql.query_one(sql::assignable_member, id);
        std::optional<BoardAccess> access;
        if (row) {
            Actor const member{MemberId{id}, parse_role(row->text(1)).value_or(Role::guest),
                               row->text(2)};
            access = load_access(sql, member, board);
        }
        if (!access) {
            return fail(Errc::unprocessable,
                        fmt::format("Member {} does not exist or cannot see this board", id),
                        "assignee_ids");
        }
        out.push_back(MemberId{id});
    }
    return out;
}

std::vector<MemberId> assignees_of(store::Sql& sql, CardId card) {
    std::vector<MemberId> out;
    for (auto const& row : sql.query(sql::card_assignees, card)) out.push_back(row.id<MemberId>(0));
    return out;
}

bj::array id_array(std::vector<MemberId> const& ids) {
    bj::array out;
    for (auto id : ids) out.push_back(id.value);
    return out;
}

// Replaces the card's assignees; returns who was added and who removed.
std::pair<std::vector<MemberId>, std::vector<MemberId>> set_assignees(
    store::Tx& tx, CardId card, std::vector<MemberId> const& wanted) {
    auto const current = assignees_of(tx, card);
    std::vector<MemberId> added;
    std::vector<MemberId> removed;
    for (auto id : wanted) {
        if (std::find(current.begin(), current.end(), id) == current.end()) {
            tx.exec(sql::add_assignee, card, id);
            added.push_back(id);
        }
    }
    for (auto id : current) {
        if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) {
            tx.exec(sql::remove_assignee, card, id);
            removed.push_back(id);
        }
    }
    return {added, removed};
}

activity::Event card_event(std::string type, Card const& card) {
    activity::Event event{std::move(type)};
    event.board = card.board;
    event.list = card.list;
    event.card = card.id;
    return event;
}

void record_assignment(store::Tx& tx, Actor const& actor, Card const& card,
                       std::vector<MemberId> const& added, std::vector<MemberId> const& removed) {
    if (added.empty() && removed.empty()) return;
    auto event = card_event("card.assigned", card);
    event.data = {
        {"title", card.title}, {"added", id_array(added)}, {"removed", id_array(removed)}};
    activity::record(tx, actor, event);
}

// A JSON list of ids where null means "none" (PATCH clears).
Result<std::optional<std::vector<std::int64_t>>> id_list(bj::object const& in,
                                                         std::string_view key) {
    auto it = in.find(key);
    if (it != in.end() && it->value().is_null()) {
        return std::optional<std::vector<std::int64_t>>(std::vector<std::int64_t>{});
    }
    return json::optional_ids(in, key);
}

}  // namespace

Ordering const& card_ordering() {
    return kCards;
}

std::optional<Card> find_card(store::Sql& sql, CardId id) {
    auto row = sql.query_one(sql::card_by_id, id);
    if (!row) return std::nullopt;
    Card c;
    c.id = row->id<CardId>(0);
    c.board = row->id<BoardId>(1);
    c.list = row->id<ListId>(2);
    c.title = row->text(3);
    c.body_md = row->text(4);
    c.body_html = row->text(5);
    c.position = row->text(6);
    c.start_at = row->opt_i64(7);
    c.due_at = row->opt_i64(8);
    c.due_complete = row->flag(9);
    c.location = row->opt_text(10);
    c.cover_url = row->opt_text(11);
    c.pinned = row->flag(12);
    if (auto author = row->opt_i64(13)) c.author = Person{MemberId{*author}, row->text(14)};
    c.created_at = row->i64(15);
    c.updated_at = row->i64(16);
    c.archived_at = row->opt_i64(17);
    return c;
}

Result<CardContext> card_for_read(store::Sql& sql, Actor const& actor, CardId id) {
    auto card = find_card(sql, id);
    if (!card) return card_not_found();
    auto access = load_access(sql, actor, card->board);
    if (!access) return card_not_found();
    return CardContext{std::move(*card), *access};
}

Result<CardContext> card_for_write(store::Sql& sql, Actor const& actor, CardId id,
                                   CardAllowed allowed) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto context = card_for_read(sql, actor, id);
    if (!context) return context;
    if (!allowed(*context, actor)) {
        return fail(Errc::forbidden, "Your role on this board does not allow that");
    }
    if (context->access.archived) {
        return fail(Errc::unprocessable, "This board is archived; restore it first");
    }
    return context;
}

bool may_edit_card(CardContext const& c, Actor const& actor) {
    return can_edit_card(c.access, actor, c.card.author_id());
}

bool may_comment(CardContext const& c, Actor const&) {
    return can_comment(c.access);
}

bool may_react(CardContext const& c, Actor const&) {
    return can_react(c.access);
}

bool may_check_items(store::Sql& sql, CardContext const& c, Actor const& actor) {
    if (may_edit_card(c, actor)) return true;
    return actor.signed_in() && can_react(c.access) &&
           sql.query_one(sql::is_assignee, c.card.id, actor.id).has_value();
}

Result<NewCard> parse_new_card(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewCard out;
    auto title = json::required_text(*in, "title", limits::kMaxTitleChars);
    if (!title) return fail(title.error());
    out.title = std::move(*title);
    auto markdown = json::optional_markdown(*in, "body");
    if (!markdown) return fail(markdown.error());
    out.body = markdown->value_or("");
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    auto labels = json::optional_ids(*in, "label_ids");
    if (!labels) return fail(labels.error());
    out.label_ids = std::move(*labels);
    auto start_at = json::patch_time(*in, "start_at");
    if (!start_at) return fail(start_at.error());
    out.start_at = start_at->value;
    auto due_at = json::patch_time(*in, "due_at");
    if (!due_at) return fail(due_at.error());
    out.due_at = due_at->value;
    auto location = json::optional_text(*in, "location", limits::kMaxShortTextChars);
    if (!location) return fail(location.error());
    if (*location && !(*location)->empty()) out.location = std::move(*location);
    auto assignees = json::optional_ids(*in, "assignee_ids");
    if (!assignees) return fail(assignees.error());
    out.assignee_ids = std::move(*assignees);
    auto pinned = json::optional_bool(*in, "pinned");
    if (!pinned) return fail(pinned.error());
    out.pinned = pinned->value_or(false);
    return out;
}

Result<CardPatch> parse_card_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    CardPatch out;
    auto title = json::patch_text(*in, "title", limits::kMaxTitleChars, false);
    if (!title) return fail(title.error());
    if (title->present) {
        if (title->value->empty()) {
            return fail(Errc::bad_request, "title may not be empty", "title");
        }
        out.title = std::move(title->value);
    }
    if (auto it = in->find("body"); it != in->end()) {
        if (it->value().is_null()) {
            out.body = std::string();
        } else {
            auto markdown = json::optional_markdown(*in, "body");
            if (!markdown) return fail(markdown.error());
            out.body = std::move(*markdown);
        }
    }
    auto start_at = json::patch_time(*in, "start_at");
    if (!start_at) return fail(start_at.error());
    out.start_at = *start_at;
    auto due_at = json::patch_time(*in, "due_at");
    if (!due_at) return fail(due_at.error());
    out.due_at = *due_at;
    auto due_complete = json::optional_bool(*in, "due_complete");
    if (!due_complete) return fail(due_complete.error());
    out.due_complete = *due_complete;
    auto location = json::patch_text(*in, "location", limits::kMaxShortTextChars);
    if (!location) return fail(location.error());
    if (location->value && location->value->empty()) location->value.reset();
    out.location = std::move(*location);
    auto cover = json::patch_text(*in, "cover_url", kMaxCoverUrlChars);
    if (!cover) return fail(cover.error());
    if (cover->value && cover->value->empty()) cover->value.reset();
    if (cover->value) {
        if (auto ok = check_cover_url(*cover->value); !ok) return fail(ok.error());
    }
    out.cover_url = std::move(*cover);
    auto pinned = json::optional_bool(*in, "pinned");
    if (!pinned) return fail(pinned.error());
    out.pinned = *pinned;
    auto archived = json::optional_bool(*in, "archived");
    if (!archived) return fail(archived.error());
    out.archived = *archived;
    auto list = json::optional_id(*in, "list_id");
    if (!list) return fail(list.error());
    if (*list) out.list = ListId{**list};
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    auto labels = id_list(*in, "label_ids");
    if (!labels) return fail(labels.error());
    out.label_ids = std::move(*labels);
    auto assignees = id_list(*in, "assignee_ids");
    if (!assignees) return fail(assignees.error());
    out.assignee_ids = std::move(*assignees);
    return out;
}

Result<Card> create_card(store::Db& db, Actor const& actor, ListId list, NewCard const& in) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    auto target = tx.query_one(sql::list_of_card_target, list);
    if (!target) return list_not_found();
    auto const board = target->id<BoardId>(0);
    auto access = require_write(tx, actor, board, can_add_cards, "List not found");
    if (!access) return fail(access.error());
    if (!target->is_null(1)) {
        return fail(Errc::unprocessable, "This list is archived; restore it first");
    }
    if (auto ok = check_times(in.start_at, in.due_at); !ok) return fail(ok.error());
    std::vector<LabelId> labels;
    if (in.label_ids) {
        auto checked = check_board_labels(tx, board, *in.label_ids);
        if (!checked) return fail(checked.error());
        labels = std::move(*checked);
    }
    std::vector<MemberId> assignees;
    if (in.assignee_ids) {
        auto checked = check_assignees(tx, board, *in.assignee_ids);
        if (!checked) return fail(checked.error());
        assignees = std::move(*checked);
    }
    auto position = place(tx, kCards, list.value, in.anchor);
    if (!position) return fail(position.error());
    auto const now = now_ms();
    auto const id = CardId{tx.query_one(sql::insert_card, board, list, in.title, in.body,
                                        render_markdown(in.body), *position, in.start_at, in.due_at,
                                        in.location, in.pinned, actor.id, now)
                               ->i64(0)};
    set_card_labels(tx, id, labels);
    set_assignees(tx, id, assignees);
    auto card = find_card(tx, id);
    auto event = card_event("card.created", *card);
    event.data = {{"title", card->title}, {"position", card->position}};
    activity::record(tx, actor, event);
    record_assignment(tx, actor, *card, assignees, {});
    tx.commit();
    return *card;
}

Result<Card> update_card(store::Db& db, Actor const& actor, CardId id, CardPatch const& in) {
    auto tx = db.begin();
    auto context = card_for_write(tx, actor, id, may_edit_card);
    if (!context) return fail(context.error());
    Card const before = context->card;
    Card card = before;
    std::vector<std::string> changed;

    // Where it goes: the list (and board) it moves to, checked before anything is written.
    bool const moves = (in.list && *in.list != before.list) || in.anchor;
    if (in.list && *in.list != before.list) {
        auto target = tx.query_one(sql::list_of_card_target, *in.list);
        if (!target) return list_not_found("list_id");
        card.list = *in.list;
        card.board = target->id<BoardId>(0);
        if (card.board != before.board) {
            auto access = load_access(tx, actor, card.board);
            if (!access) return list_not_found("list_id");
            if (!can_add_cards(*access)) {
                return fail(Errc::forbidden, "Your role on that board does not allow adding cards",
                            "list_id");
            }
            if (access->archived) {
                return fail(Errc::unprocessable, "That board is archived", "list_id");
            }
        }
        if (!target->is_null(1)) {
            return fail(Errc::unprocessable, "That list is archived; restore it first", "list_id");
        }
    }
    bool const board_changes = card.board != before.board;

    if (in.title && *in.title != card.title) {
        card.title = *in.title;
        changed.emplace_back("title");
    }
    if (in.body && *in.body != card.body_md) {
        card.body_md = *in.body;
        card.body_html = render_markdown(card.body_md);
        changed.emplace_back("body");
    }
    if (in.start_at.present && in.start_at.value != card.start_at) {
        card.start_at = in.start_at.value;
        changed.emplace_back("start_at");
    }
    if (in.due_at.present && in.due_at.value != card.due_at) {
        card.due_at = in.due_at.value;
        changed.emplace_back("due_at");
    }
    if (auto ok = check_times(card.start_at, card.due_at); !ok) return fail(ok.error());
    if (in.due_complete && *in.due_complete != card.due_complete) {
        card.due_complete = *in.due_complete;
        changed.emplace_back("due_complete");
    }
    if (in.location.present && in.location.value != card.location) {
        card.location = in.location.value;
        changed.emplace_back("location");
    }
    if (in.cover_url.present && in.cover_url.value != card.cover_url) {
        card.cover_url = in.cover_url.value;
        changed.emplace_back("cover_url");
    }
    if (in.pinned && *in.pinned != card.pinned) {
        card.pinned = *in.pinned;
        changed.emplace_back("pinned");
    }

    // Labels belong to a board: a card moving boards leaves its old ones behind.
    std::optional<std::vector<LabelId>> labels;
    if (in.label_ids) {
        auto checked = check_board_labels(tx, card.board, *in.label_ids);
        if (!checked) return fail(checked.error());
        labels = std::move(*checked);
    } else if (board_changes) {
        labels = std::vector<LabelId>{};
    }
    // Assignees must see the board; moving boards keeps those who still do.
    std::optional<std::vector<MemberId>> assignees;
    if (in.assignee_ids) {
        auto checked = check_assignees(tx, card.board, *in.assignee_ids);
        if (!checked) return fail(checked.error());
        assignees = std::move(*checked);
    } else if (board_changes) {
        std::vector<MemberId> kept;
        for (auto member : assignees_of(tx, id)) {
            std::vector<std::int64_t> const one{member.value};
            if (check_assignees(tx, card.board, one)) kept.push_back(member);
        }
        assignees = std::move(kept);
    }

    if (moves) {
        auto position = place(tx, kCards, card.list.value, in.anchor, id.value);
        if (!position) return fail(position.error());
        card.position = *position;
    }
    std::optional<std::string> archive_event;
    if (in.archived && *in.archived != card.archived_at.has_value()) {
        card.archived_at = *in.archived ? std::optional<Millis>(now_ms()) : std::nullopt;
        archive_event = *in.archived ? "card.archived" : "card.restored";
    }

    bool labels_changed = false;
    if (labels) {
        labels_changed = set_card_labels(tx, id, *labels);
        if (labels_changed) changed.emplace_back("labels");
    }
    std::vector<MemberId> added;
    std::vector<MemberId> removed;
    if (assignees) std::tie(added, removed) = set_assignees(tx, id, *assignees);

    bool const moved = moves && (card.list != before.list || card.position != before.position);
    if (changed.empty() && !moved && !archive_event && added.empty() && removed.empty()) {
        return card;  // nothing to do; the transaction rolls back unused
    }
    card.updated_at = now_ms();
    tx.exec(sql::update_card, id, card.board, card.list, card.title, card.body_md, card.body_html,
            card.position, card.start_at, card.due_at, card.due_complete, card.location,
            card.cover_url, card.pinned, card.updated_at, card.archived_at);

    if (!changed.empty()) {
        auto event = card_event("card.updated", card);
        bj::array fields;
        for (auto const& f : changed) fields.emplace_back(f);
        event.data = {{"title", card.title}, {"fields", std::move(fields)}};
        activity::record(tx, actor, event);
    }
    if (moved) {
        bj::object data{{"title", card.title},          {"from_list", before.list.value},
                        {"to_list", card.list.value},   {"from_board", before.board.value},
                        {"to_board", card.board.value}, {"position", card.position}};
        auto event = card_event("card.moved", card);
        event.data = data;
        activity::record(tx, actor, event);
        if (board_changes) {
            // The old board loses the card: its readers and its version must hear of it too.
            auto left = card_event("card.moved", before);
            left.data = data;
            activity::record(tx, actor, left);
        }
    }
    if (archive_event) {
        auto event = card_event(*archive_event, card);
        event.data = {{"title", card.title}};
        activity::record(tx, actor, event);
    }
    record_assignment(tx, actor, card, added, removed);
    auto saved = find_card(tx, id);
    tx.commit();
    return *saved;
}

Result<void> delete_card(store::Db& db, Actor const& actor, CardId id) {
    auto tx = db.begin();
    auto context = card_for_write(tx, actor, id, may_edit_card);
    if (!context) return fail(context.error());
    auto const& card = context->card;
    tx.exec(sql::delete_card, id);
    auto event = card_event("card.deleted", card);
    event.data = {{"title", card.title}};
    activity::record(tx, actor, event);
    tx.commit();
    return {};
}

bj::object to_json(Person const& person) {
    return bj::object{{"id", person.id.value}, {"display_name", person.display_name}};
}

}  // namespace village::boards
