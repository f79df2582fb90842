// Labels: a board's named colours that its cards wear. Anyone who can read the board sees them;
// editors and up create, change and delete them. Colours come from a fixed palette of names that
// the web app maps to contrast-safe colours.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace village::boards {

inline constexpr std::size_t kMaxLabelsPerBoard = 100;

struct Label {
    LabelId id;
    BoardId board;
    std::string name;  // may be empty: a colour alone
    std::string color;
};

struct NewLabel {
    std::string name;
    std::string color;
};

struct LabelPatch {
    std::optional<std::string> name;
    std::optional<std::string> color;
};

// green, yellow, orange, red, purple, blue, sky, lime, pink, black, grey.
[[nodiscard]] std::span<std::string_view const> label_colors();

[[nodiscard]] Result<NewLabel> parse_new_label(std::string_view body);
[[nodiscard]] Result<LabelPatch> parse_label_patch(std::string_view body);

[[nodiscard]] Result<std::vector<Label>> board_labels(store::Db& db, Actor const& actor,
                                                      BoardId board);
[[nodiscard]] Result<Label> create_label(store::Db& db, Actor const& actor, BoardId board,
                                         NewLabel const& in);
[[nodiscard]] Result<Label> update_label(store::Db& db, Actor const& actor, LabelId id,
                                         LabelPatch const& in);
// Takes the label off every card that wore it.
[[nodiscard]] Result<void> delete_label(store::Db& db, Actor const& actor, LabelId id);

// For the cards service: the card's labels in board order; checking that label ids are the
// board's own (422 on label_ids otherwise; duplicates dropped); replacing a card's labels
// (true when that changed anything).
[[nodiscard]] std::vector<Label> labels_of_card(store::Sql& sql, CardId card);
[[nodiscard]] Result<std::vector<LabelId>> check_board_labels(store::Sql& sql, BoardId board,
                                                              std::vector<std::int64_t> const& ids);
bool set_card_labels(store::Tx& tx, CardId card, std::vector<LabelId> const& labels);

[[nodiscard]] boost::json::object to_json(Label const& label);

}  // namespace village::boards
