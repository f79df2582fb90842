// Importing and exporting boards: who may, and the one transaction an import runs in.
//
// Rules: importing (from Trello or from a Village export) creates a new board, in a space or
// not, and is for community admins, who manage the spaces (boards::can_manage_spaces); anyone
// else gets 403, anonymous callers 401. Exporting a board is for its admins (board role admin,
// or community admins): the export holds every comment and the email of every member named on
// the board. A board one may not see answers 404, as if it did not exist; one may see but not
// administer, 403.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "importers/model.hpp"
#include "store/database.hpp"

namespace village::importers {

[[nodiscard]] bool may_import(Actor const& actor);

// Parses the file's text and writes the board in one transaction: all or nothing. 401/403 as
// above, 413 over the size limit, 400 for a file that is not such an export (nothing written),
// 422 for a space that does not exist.
[[nodiscard]] Result<Report> import_trello(store::Db& db, Actor const& actor,
                                           std::string_view file_text,
                                           std::optional<SpaceId> space);
[[nodiscard]] Result<Report> import_village(store::Db& db, Actor const& actor,
                                            std::string_view file_text,
                                            std::optional<SpaceId> space);

enum class ExportFormat { json, csv };
[[nodiscard]] std::optional<ExportFormat> parse_export_format(std::string_view text);

struct ExportFile {
    std::string content_type;
    std::string filename;  // e.g. "teaching-days.village.json"
    std::string body;
};
[[nodiscard]] Result<ExportFile> export_board(store::Db& db, Actor const& actor, BoardId board,
                                              ExportFormat format);

// For the command line: the space with this name (case-insensitive), 422 when there is none.
[[nodiscard]] Result<SpaceId> space_named(store::Sql& sql, std::string_view name);

}  // namespace village::importers
