// Labels: parsing, rules and storage; see labels.hpp.
#include "boards/labels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "activity/activity.hpp"
#include "boards/labels_sql.hpp"
#include "boards/permissions.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"

namespace village::boards {

namespace bj = boost::json;

namespace {

constexpr std::array<std::string_view, 11> kColors = {
    "green", "yellow", "orange", "red", "purple", "blue", "sky", "lime", "pink", "black", "grey"};

constexpr std::string_view kLabelNotFound = "Label not found";

bool can_edit_labels(BoardAccess const& access) {
    return access.role >= BoardRole::editor;
}

Result<std::string> color_of(json::bj::object const& in, bool required) {
    auto it = in.find("color");
    if (it == in.end() && !required) return std::string();
    if (it == in.end() || !it->value().is_string() ||
        std::find(kColors.begin(), kColors.end(), std::string_view(it->value().get_string())) ==
            kColors.end()) {
        return fail(Errc::bad_request,
                    "color must be one of green, yellow, orange, red, purple, blue, sky, lime, "
                    "pink, black, grey",
                    "color");
    }
    return std::string(it->value().get_string());
}

Label label_from(store::Row const& row) {
    return Label{row.id<LabelId>(0), row.id<BoardId>(1), row.text(2), row.text(3)};
}

std::optional<Label> find_label(store::Sql& sql, LabelId id) {
    auto row = sql.query_one(sql::label_by_id, id);
    if (!row) return std::nullopt;
    return label_from(*row);
}

void record(store::Tx& tx, Actor const& actor, std::string type, Label const& label) {
    activity::Event event{std::move(type)};
    event.board = label.board;
    event.data = {{"label_id", label.id.value}, {"name", label.name}, {"color", label.color}};
    activity::record(tx, actor, event);
}

// The label and the actor's right to change it: 401, 404 when the board is not visible, 403, 422.
Result<Label> label_for_write(store::Sql& sql, Actor const& actor, LabelId id) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    auto label = find_label(sql, id);
    if (!label) return fail(Errc::not_found, std::string(kLabelNotFound));
    auto access = require_write(sql, actor, label->board, can_edit_labels, kLabelNotFound);
    if (!access) return fail(access.error());
    return *label;
}

}  // namespace

std::span<std::string_view const> label_colors() {
    return kColors;
}

Result<NewLabel> parse_new_label(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    NewLabel out;
    auto name = json::optional_text(*in, "name", limits::kMaxShortTextChars);
    if (!name) return fail(name.error());
    out.name = name->value_or("");
    auto color = color_of(*in, true);
    if (!color) return fail(color.error());
    out.color = std::move(*color);
    return out;
}

Result<LabelPatch> parse_label_patch(std::string_view body) {
    auto in = json::parse_object(body);
    if (!in) return fail(in.error());
    LabelPatch out;
    auto name = json::patch_text(*in, "name", limits::kMaxShortTextChars);
    if (!name) return fail(name.error());
    if (name->present) out.name = name->value.value_or("");
    if (in->contains("color")) {
        auto color = color_of(*in, true);
        if (!color) return fail(color.error());
        out.color = std::move(*color);
    }
    return out;
}

Result<std::vector<Label>> board_labels(store::Db& db, Actor const& actor, BoardId board) {
    auto access = require_read(db, actor, board);
    if (!access) return fail(access.error());
    std::vector<Label> out;
    for (auto const& row : db.query(sql::board_labels, board)) out.push_back(label_from(row));
    return out;
}

Result<Label> create_label(store::Db& db, Actor const& actor, BoardId board, NewLabel const& in) {
    auto tx = db.begin();
    auto access = require_write(tx, actor, board, can_edit_labels);
    if (!access) return fail(access.error());
    if (static_cast<std::size_t>(tx.query_one(sql::count_board_labels, board)->i64(0)) >=
        kMaxLabelsPerBoard) {
        return fail(Errc::unprocessable,
                    fmt::format("A board may have at most {} labels", kMaxLabelsPerBoard));
    }
    auto const id = LabelId{tx.query_one(sql::insert_label, board, in.name, in.color)->i64(0)};
    Label const label{id, board, in.name, in.color};
    record(tx, actor, "label.created", label);
    tx.commit();
    return label;
}

Result<Label> update_label(store::Db& db, Actor const& actor, LabelId id, LabelPatch const& in) {
    auto tx = db.begin();
    auto label = label_for_write(tx, actor, id);
    if (!label) return label;
    Label changed = *label;
    if (in.name) changed.name = *in.name;
    if (in.color) changed.color = *in.color;
    if (changed.name == label->name && changed.color == label->color) return changed;
    tx.exec(sql::update_label, id, changed.name, changed.color);
    record(tx, actor, "label.updated", changed);
    tx.commit();
    return changed;
}

Result<void> delete_label(store::Db& db, Actor const& actor, LabelId id) {
    auto tx = db.begin();
    auto label = label_for_write(tx, actor, id);
    if (!label) return fail(label.error());
    tx.exec(sql::delete_label, id);
    record(tx, actor, "label.deleted", *label);
    tx.commit();
    return {};
}

std::vector<Label> labels_of_card(store::Sql& sql, CardId card) {
    std::vector<Label> out;
    for (auto const& row : sql.query(sql::card_labels, card)) out.push_back(label_from(row));
    return out;
}

Result<std::vector<LabelId>> check_board_labels(store::Sql& sql, BoardId board,
                                                std::vector<std::int64_t> const& ids) {
    std::vector<LabelId> out;
    for (auto const id : ids) {
        if (std::find(out.begin(), out.end(), LabelId{id}) != out.end()) continue;
        if (!sql.query_one(sql::label_of_board, id, board)) {
            return fail(Errc::unprocessable,
                        fmt::format("Label {} is not a label of this board", id), "label_ids");
        }
        out.push_back(LabelId{id});
    }
    return out;
}

bool set_card_labels(store::Tx& tx, CardId card, std::vector<LabelId> const& labels) {
    std::vector<LabelId> current;
    for (auto const& label : labels_of_card(tx, card)) current.push_back(label.id);
    bool changed = false;
    for (auto id : labels) {
        if (std::find(current.begin(), current.end(), id) == current.end()) {
            tx.exec(sql::add_card_label, card, id);
            changed = true;
        }
    }
    for (auto id : current) {
        if (std::find(labels.begin(), labels.end(), id) == labels.end()) {
            tx.exec(sql::remove_card_label, card, id);
            changed = true;
        }
    }
    return changed;
}

bj::object to_json(Label const& label) {
    return bj::object{{"id", label.id.value},
                      {"board_id", label.board.value},
                      {"name", label.name},
                      {"color", label.color}};
}

}  // namespace village::boards
