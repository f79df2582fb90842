// Import and export rules; see service.hpp.
#include "importers/service.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include "boards/permissions.hpp"
#include "core/text.hpp"
#include "importers/json_input.hpp"
#include "importers/trello/reader.hpp"
#include "importers/village_format/format.hpp"
#include "importers/village_format/load.hpp"
#include "importers/writer.hpp"
#include "importers/writer_sql.hpp"

namespace village::importers {

namespace {

Result<void> check_importer(Actor const& actor) {
    if (!actor.signed_in()) return fail(Errc::unauthorized, "Sign in first");
    if (!may_import(actor)) {
        return fail(Errc::forbidden, "Only community admins can import boards");
    }
    return {};
}

Result<void> check_space(store::Sql& sql, std::optional<SpaceId> space) {
    if (space && !sql.query_one(sql::space_exists, *space)) {
        return fail(Errc::unprocessable, "That space does not exist", "space_id");
    }
    return {};
}

Result<Report> write(store::Db& db, Actor const& actor, BoardData const& data,
                     std::optional<SpaceId> space, Report report) {
    auto tx = db.begin();
    if (auto ok = check_space(tx, space); !ok) return fail(ok.error());
    auto written = write_board(tx, actor, data, space, std::move(report));
    tx.commit();
    return written;
}

// A file name from the board's name: letters, digits and dashes.
std::string file_stem(std::string_view name) {
    std::string out;
    for (char c : text::ascii_lower(name)) {
        bool const keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            out += c;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? std::string("board") : out;
}

}  // namespace

bool may_import(Actor const& actor) {
    return boards::can_manage_spaces(actor);
}

Result<Report> import_trello(store::Db& db, Actor const& actor, std::string_view file_text,
                             std::optional<SpaceId> space) {
    if (auto ok = check_importer(actor); !ok) return fail(ok.error());
    auto document = parse_import_json(file_text);
    if (!document) return fail(document.error());
    auto reading = trello::read_board(*document);
    if (!reading) return fail(reading.error());
    Report report;
    report.source = "trello";
    report.skipped = std::move(reading->skipped);
    report.changed = std::move(reading->changed);
    report.discrepancies = std::move(reading->discrepancies);
    return write(db, actor, reading->board, space, std::move(report));
}

Result<Report> import_village(store::Db& db, Actor const& actor, std::string_view file_text,
                              std::optional<SpaceId> space) {
    if (auto ok = check_importer(actor); !ok) return fail(ok.error());
    auto document = parse_import_json(file_text);
    if (!document) return fail(document.error());
    auto data = village_format::from_json(*document);
    if (!data) return fail(data.error());
    Report report;
    report.source = "village";
    return write(db, actor, *data, space, std::move(report));
}

std::optional<ExportFormat> parse_export_format(std::string_view text) {
    if (text.empty() || text == "json") return ExportFormat::json;
    if (text == "csv") return ExportFormat::csv;
    return std::nullopt;
}

Result<ExportFile> export_board(store::Db& db, Actor const& actor, BoardId board,
                                ExportFormat format) {
    auto access = boards::require_write(db, actor, board, boards::can_manage_board,
                                        "Board not found", true);
    if (!access) return fail(access.error());
    auto data = village_format::load_board_data(db, board);
    if (!data) return fail(Errc::not_found, "Board not found");
    ExportFile out;
    auto const stem = file_stem(data->name);
    if (format == ExportFormat::csv) {
        out.content_type = "text/csv; charset=utf-8";
        out.filename = stem + ".csv";
        out.body = village_format::to_csv(*data);
    } else {
        out.content_type = "application/json";
        out.filename = stem + ".village.json";
        out.body = boost::json::serialize(village_format::to_json(*data, now_ms()));
    }
    return out;
}

Result<SpaceId> space_named(store::Sql& sql, std::string_view name) {
    auto row = sql.query_one(sql::space_by_name, text::ascii_lower(text::trim(name)));
    if (!row) {
        return fail(Errc::unprocessable, fmt::format("There is no space called “{}”", name),
                    "space");
    }
    return row->id<SpaceId>(0);
}

}  // namespace village::importers
