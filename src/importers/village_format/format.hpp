// Village's own board export (docs/export-format.md): a board as JSON that `village import
// village` restores exactly, and a CSV of its cards for spreadsheets.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>

#include "core/result.hpp"
#include "core/time.hpp"
#include "importers/model.hpp"

namespace village::importers::village_format {

inline constexpr std::string_view kFormatName = "village-board";
inline constexpr std::int64_t kFormatVersion = 1;

// {"format":"village-board","version":1,"exported_at":…,"board":{…}}
[[nodiscard]] boost::json::object to_json(BoardData const& board, Millis exported_at);
// 400 naming the place in the file when it is not a Village board export or holds a wrong type.
[[nodiscard]] Result<BoardData> from_json(boost::json::value const& document);

// One row per card (archived ones included), RFC 4180 quoting, a header row first.
[[nodiscard]] std::string to_csv(BoardData const& board);

}  // namespace village::importers::village_format
