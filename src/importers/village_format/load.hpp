// Reading a whole board from the database as BoardData, for an export. No permission check:
// the caller (importers/service.hpp) has decided.
#pragma once

#include <optional>

#include "core/ids.hpp"
#include "importers/model.hpp"
#include "store/sql.hpp"

namespace village::importers::village_format {

// nullopt when the board does not exist. Members are named by display name and email; people
// kept from an import by their imported name alone.
[[nodiscard]] std::optional<BoardData> load_board_data(store::Sql& sql, BoardId board);

}  // namespace village::importers::village_format
