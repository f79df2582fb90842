// Reading a Trello board export ("Export as JSON") into the data an import writes: lists and
// cards in `pos` order (ties keep the file's order), labels with colours mapped to Village's
// palette, checklists, `commentCard` actions as comments in time order, attachments as links,
// covers, members and custom fields. What cannot come across is noted with a reason, and where
// the export's own counts (card badges) disagree with what it holds, that is noted too.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "importers/model.hpp"

namespace village::importers::trello {

struct Reading {
    BoardData board;
    std::vector<Note> skipped;
    std::vector<Note> changed;
    std::vector<Note> discrepancies;
};

// 400 naming the place in the file (e.g. "cards[3].name must be text") when the JSON is not a
// Trello board export or holds a value of the wrong type.
[[nodiscard]] Result<Reading> read_board(boost::json::value const& document);

// A Trello label colour ("blue", "blue_dark", "sky_light", null, …) as one of Village's label
// colours; colours Village does not have (and none at all) become "grey".
[[nodiscard]] std::string map_color(std::optional<std::string_view> trello_color);

// When a Trello object was created: the first 8 hex digits of its id are seconds since 1970.
[[nodiscard]] std::optional<Millis> time_of_id(std::string_view id);

// The card body section that keeps custom fields readable, e.g. "- **Size:** 3" lines under a
// "Custom fields" heading; empty when there are none.
struct FieldValue {
    std::string name;
    std::string value;
};
[[nodiscard]] std::string custom_fields_section(std::vector<FieldValue> const& fields);

}  // namespace village::importers::trello
