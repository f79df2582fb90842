// Checklists: parsing, rules and storage; see checklists.hpp.
#include "boards/checklists.hpp"

#include <fmt/format.h>

#include "activity/activity.hpp"
#include "boards/cards.hpp"
#include "boards/checklists_sql.hpp"
#include "boards/spaces.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

constexpr Ordering kChecklists{sql::checklist_anchor,   sql::checklist_next,
                               sql::checklist_previous, sql::checklist_last,
                               sql::checklist_all,      sql::checklist_set_position};
constexpr Ordering kItems{sql::item_anchor, sql::item_next, sql::item_previous,
                          sql::item_last,   sql::item_all,  sql::item_set_position};

constexpr std::string_view kChecklistNotFound = "Checklist not found";
constexpr std::string_view kItemNotFound = "Checklist item not found";

bool always(CardContext const&, Actor const&) {
    return true;
}

Checklist checklist_from(store::Row const& row) {
    return Checklist{row.id<ChecklistId>(0), row.id<CardId>(1), row.text(2), row.text(3), {}};
}

ChecklistItem item_from(store::Row const& row) {
    return ChecklistItem{row.id<ChecklistItemId>(0), row.id<ChecklistId>(1), row.text(2),
                         row.flag(3), row.text(4)};
}

// The card behind a checklist or item, for a write; a 404 keeps the name of what was asked for.
Result<CardContext> card_behind(store::Sql& sql, Actor const& actor, CardId card,
                                std::string_view not_found, CardAllowed allowed) {
    auto context = card_for_write(sql, actor, card, allowed);
    if (!context) {
        auto error = context.error();
        if (error.code == Errc::not_found) error.message = not_found;
        return fail(std::move(error));
    }
    return context;
}

struct ChecklistContext {
    Checklist checklist;
    CardContext card;
};

Result<ChecklistContext> checklist_for_edit(store::Sql& sql, Actor const& actor, ChecklistId id) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto row = sql.query_one(sql::checklist_by_id, id);
    if (!row) return fail(Errc::not_found, std::string(kChecklistNotFound));
    auto checklist = checklist_from(*row);
    auto card = card_behind(sql, actor, checklist.card, kChecklistNotFound, may_edit_card);
    if (!card) return fail(card.error());
    return ChecklistContext{std::move(checklist), std::move(*card)};
}

activity::Event checklist_event(std::string type, Card const& card, bj::object data) {
    activity::Event event{std::move(type)};
    event.board = card.board;
    event.list = card.list;
    event.card = card.id;
    event.data = std::move(data);
    event.data["card_title"] = card.title;
    return event;
}

Result<std::string> required_name(bj::object const& in, std::string_view key) {
    return json::required_text(in, key, limits::kMaxTitleChars);
}

Result<std::optional<std::string>> patched_name(bj::object const& in, std::string_view key) {
    auto patch = json::patch_text(in, key, limits::kMaxTitleChars, false);
    if (!patch) return fail(patch.error());
    if (!patch->present) return std::optional<std::string>{};
    if (patch->value->empty()) {
        return fail(Errc::bad_request, fmt::format("{} may not be empty", key), std::string(key));
    }
    return std::optional<std::string>(std::move(patch->value));
}

}  // namespace

Result<NewChecklist> parse_new_checklist(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewChecklist out;
    auto name = required_name(*in, "name");
    if (!name) return fail(name.error());
    out.name = std::move(*name);
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

Result<ChecklistPatch> parse_checklist_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    ChecklistPatch out;
    auto name = patched_name(*in, "name");
    if (!name) return fail(name.error());
    out.name = std::move(*name);
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

Result<NewChecklistItem> parse_new_checklist_item(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewChecklistItem out;
    auto text = required_name(*in, "text");
    if (!text) return fail(text.error());
    out.text = std::move(*text);
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

Result<ChecklistItemPatch> parse_checklist_item_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    ChecklistItemPatch out;
    auto text = patched_name(*in, "text");
    if (!text) return fail(text.error());
    out.text = std::move(*text);
    auto done = json::optional_bool(*in, "done");
    if (!done) return fail(done.error());
    out.done = *done;
    auto checklist = json::optional_id(*in, "checklist_id");
    if (!checklist) return fail(checklist.error());
    if (*checklist) out.checklist = ChecklistId{**checklist};
    auto anchor = parse_anchor(*in);
    if (!anchor) return fail(anchor.error());
    out.anchor = *anchor;
    return out;
}

std::vector<Checklist> card_checklists(store::Sql& sql, CardId card) {
    std::vector<Checklist> out;
    for (auto const& row : sql.query(sql::card_checklists, card)) {
        out.push_back(checklist_from(row));
    }
    auto items = sql.query(sql::card_checklist_items, card);
    for (auto& checklist : out) {
        for (auto const& row : items) {
            if (row.id<ChecklistId>(1) == checklist.id) checklist.items.push_back(item_from(row));
        }
    }
    return out;
}

Result<Checklist> create_checklist(store::Db& db, Actor const& actor, CardId card,
                                   NewChecklist const& in) {
    auto tx = db.begin();
    auto context = card_for_write(tx, actor, card, may_edit_card);
    if (!context) return fail(context.error());
    if (static_cast<std::size_t>(tx.query_one(sql::count_checklists, card)->i64(0)) >=
        kMaxChecklistsPerCard) {
        return fail(Errc::unprocessable,
                    fmt::format("A card may have at most {} checklists", kMaxChecklistsPerCard));
    }
    auto position = place(tx, kChecklists, card.value, in.anchor);
    if (!position) return fail(position.error());
    auto const id =
        ChecklistId{tx.query_one(sql::insert_checklist, card, in.name, *position)->i64(0)};
    activity::record(tx, actor,
                     checklist_event("checklist.created", context->card,
                                     {{"checklist_id", id.value}, {"name", in.name}}));
    tx.commit();
    return Checklist{id, card, in.name, *position, {}};
}

Result<Checklist> update_checklist(store::Db& db, Actor const& actor, ChecklistId id,
                                   ChecklistPatch const& in) {
    auto tx = db.begin();
    auto context = checklist_for_edit(tx, actor, id);
    if (!context) return fail(context.error());
    Checklist checklist = context->checklist;
    if (in.name) checklist.name = *in.name;
    if (in.anchor) {
        auto position = place(tx, kChecklists, checklist.card.value, in.anchor, id.value);
        if (!position) return fail(position.error());
        checklist.position = *position;
    }
    if (checklist.name != context->checklist.name ||
        checklist.position != context->checklist.position) {
        tx.exec(sql::update_checklist, id, checklist.name, checklist.position);
        activity::record(tx, actor,
                         checklist_event("checklist.updated", context->card.card,
                                         {{"checklist_id", id.value}, {"name", checklist.name}}));
    }
    for (auto const& row : tx.query(sql::checklist_items, id)) {
        checklist.items.push_back(item_from(row));
    }
    tx.commit();
    return checklist;
}

Result<void> delete_checklist(store::Db& db, Actor const& actor, ChecklistId id) {
    auto tx = db.begin();
    auto context = checklist_for_edit(tx, actor, id);
    if (!context) return fail(context.error());
    tx.exec(sql::delete_checklist, id);
    activity::record(
        tx, actor,
        checklist_event("checklist.deleted", context->card.card,
                        {{"checklist_id", id.value}, {"name", context->checklist.name}}));
    tx.commit();
    return {};
}

Result<ChecklistItem> add_checklist_item(store::Db& db, Actor const& actor, ChecklistId checklist,
                                         NewChecklistItem const& in) {
    auto tx = db.begin();
    auto context = checklist_for_edit(tx, actor, checklist);
    if (!context) return fail(context.error());
    if (static_cast<std::size_t>(tx.query_one(sql::count_items, checklist)->i64(0)) >=
        kMaxItemsPerChecklist) {
        return fail(Errc::unprocessable,
                    fmt::format("A checklist may have at most {} items", kMaxItemsPerChecklist));
    }
    auto position = place(tx, kItems, checklist.value, in.anchor);
    if (!position) return fail(position.error());
    auto const id =
        ChecklistItemId{tx.query_one(sql::insert_item, checklist, in.text, *position)->i64(0)};
    activity::record(
        tx, actor,
        checklist_event(
            "checklist.item_added", context->card.card,
            {{"checklist_id", checklist.value}, {"item_id", id.value}, {"text", in.text}}));
    tx.commit();
    return ChecklistItem{id, checklist, in.text, false, *position};
}

Result<ChecklistItem> update_checklist_item(store::Db& db, Actor const& actor, ChecklistItemId id,
                                            ChecklistItemPatch const& in) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    auto row = tx.query_one(sql::item_by_id, id);
    if (!row) return fail(Errc::not_found, std::string(kItemNotFound));
    ChecklistItem const before = item_from(*row);
    auto context = card_behind(tx, actor, row->id<CardId>(5), kItemNotFound, always);
    if (!context) return fail(context.error());
    // Ticking is open to assignees; changing the list itself is for card editors.
    bool const edits = in.text || in.checklist || in.anchor;
    if (edits ? !may_edit_card(*context, actor) : !may_check_items(tx, *context, actor)) {
        return fail(Errc::forbidden, edits ? "Only those who may edit the card may change this"
                                           : "Only card editors and assignees may tick items");
    }
    ChecklistItem item = before;
    if (in.text) item.text = *in.text;
    if (in.done) item.done = *in.done;
    if (in.checklist && *in.checklist != before.checklist) {
        auto target = tx.query_one(sql::checklist_by_id, *in.checklist);
        if (!target || target->id<CardId>(1) != context->card.id) {
            return fail(Errc::unprocessable, "That checklist is not on this card", "checklist_id");
        }
        if (static_cast<std::size_t>(tx.query_one(sql::count_items, *in.checklist)->i64(0)) >=
            kMaxItemsPerChecklist) {
            return fail(Errc::unprocessable,
                        fmt::format("A checklist may have at most {} items", kMaxItemsPerChecklist),
                        "checklist_id");
        }
        item.checklist = *in.checklist;
    }
    if (item.checklist != before.checklist || in.anchor) {
        auto position = place(tx, kItems, item.checklist.value, in.anchor, id.value);
        if (!position) return fail(position.error());
        item.position = *position;
    }
    bool const structure = item.text != before.text || item.checklist != before.checklist ||
                           item.position != before.position;
    if (!structure && item.done == before.done) return item;
    tx.exec(sql::update_item, id, item.checklist, item.text, item.done, item.position);
    bj::object data{
        {"checklist_id", item.checklist.value}, {"item_id", id.value}, {"text", item.text}};
    if (structure) {
        activity::record(tx, actor, checklist_event("checklist.item_updated", context->card, data));
    }
    if (item.done != before.done) {
        activity::record(
            tx, actor,
            checklist_event(item.done ? "checklist.item_checked" : "checklist.item_unchecked",
                            context->card, data));
    }
    tx.commit();
    return item;
}

Result<void> delete_checklist_item(store::Db& db, Actor const& actor, ChecklistItemId id) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto tx = db.begin();
    auto row = tx.query_one(sql::item_by_id, id);
    if (!row) return fail(Errc::not_found, std::string(kItemNotFound));
    auto const item = item_from(*row);
    auto context = card_behind(tx, actor, row->id<CardId>(5), kItemNotFound, may_edit_card);
    if (!context) return fail(context.error());
    tx.exec(sql::delete_item, id);
    activity::record(
        tx, actor,
        checklist_event(
            "checklist.item_deleted", context->card,
            {{"checklist_id", item.checklist.value}, {"item_id", id.value}, {"text", item.text}}));
    tx.commit();
    return {};
}

bj::object to_json(ChecklistItem const& item) {
    return bj::object{{"id", item.id.value},
                      {"checklist_id", item.checklist.value},
                      {"text", item.text},
                      {"done", item.done},
                      {"position", item.position}};
}

bj::object to_json(Checklist const& checklist) {
    bj::array items;
    std::int64_t done = 0;
    for (auto const& item : checklist.items) {
        items.push_back(to_json(item));
        if (item.done) ++done;
    }
    return bj::object{{"id", checklist.id.value},
                      {"card_id", checklist.card.value},
                      {"name", checklist.name},
                      {"position", checklist.position},
                      {"items", std::move(items)},
                      {"done_count", done},
                      {"item_count", static_cast<std::int64_t>(checklist.items.size())}};
}

}  // namespace village::boards
