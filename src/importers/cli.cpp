// The import and export commands; see cli.hpp.
#include "importers/cli.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "core/text.hpp"
#include "importers/cli_sql.hpp"
#include "importers/json_input.hpp"
#include "importers/report.hpp"
#include "importers/service.hpp"
#include "store/command_errors.hpp"

namespace village::importers {

namespace {

struct ImportOptions {
    std::string file;
    std::string space;
    std::string as;
};

struct ExportOptions {
    std::int64_t board = 0;
    std::string format = "json";
    std::string output;
    std::string as;
};

Result<Actor> acting_as(store::Sql& sql, std::string const& email) {
    auto row = email.empty() ? sql.query_one(sql::cli_first_admin)
                             : sql.query_one(sql::cli_member_by_email, text::ascii_lower(email));
    if (!row) {
        return fail(Errc::unprocessable,
                    email.empty() ? "There is no admin yet: create one with `village user create "
                                    "--role admin`, or name a member with --as EMAIL"
                                  : fmt::format("No active member has the email {}", email),
                    "as");
    }
    return Actor{row->id<MemberId>(0), parse_role(row->text(1)).value_or(Role::guest),
                 row->text(2)};
}

using Importer = Result<Report> (*)(store::Db&, Actor const&, std::string_view,
                                    std::optional<SpaceId>);

int run_import(store::Database& database, ImportOptions const& o, Importer import) {
    auto text = read_import_file(o.file);
    if (!text) return store::report_error(text.error());
    store::Db db(database);
    auto actor = acting_as(db, o.as);
    if (!actor) return store::report_error(actor.error());
    std::optional<SpaceId> space;
    if (!o.space.empty()) {
        auto found = space_named(db, o.space);
        if (!found) return store::report_error(found.error());
        space = *found;
    }
    auto report = import(db, *actor, *text, space);
    if (!report) return store::report_error(report.error());
    fmt::print("{}", to_text(*report));
    std::fflush(stdout);
    return 0;
}

int run_export(store::Database& database, ExportOptions const& o) {
    auto format = parse_export_format(o.format);
    if (!format)
        return store::report_error(Error{Errc::bad_request, "--format must be json or csv"});
    store::Db db(database);
    auto actor = acting_as(db, o.as);
    if (!actor) return store::report_error(actor.error());
    auto file = export_board(db, *actor, BoardId{o.board}, *format);
    if (!file) return store::report_error(file.error());
    if (o.output.empty()) {
        std::cout << file->body;
        if (*format == ExportFormat::json) std::cout << '\n';
        std::cout.flush();
        return 0;
    }
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    out << file->body;
    out.close();
    if (!out) return store::report_error(Error{Errc::bad_request, "Cannot write " + o.output});
    std::cerr << fmt::format("Wrote {} ({} bytes)\n", o.output, file->body.size());
    return 0;
}

void add_import(CLI::App& import_cmd, std::string const& name, std::string const& description,
                std::function<store::Database&()> database, int& exit_code, Importer importer) {
    auto opts = std::make_shared<ImportOptions>();
    auto* cmd = import_cmd.add_subcommand(name, description);
    cmd->add_option("file", opts->file, "The export (JSON)")->required();
    cmd->add_option("--space", opts->space, "Put the board in this space (by name)");
    cmd->add_option("--as", opts->as, "Act as this member (default: the first admin)");
    cmd->callback([=, &exit_code] {
        exit_code = store::guarded([&] { return run_import(database(), *opts, importer); });
    });
}

}  // namespace

void add_import_export_commands(CLI::App& root, std::function<store::Database&()> database,
                                int& exit_code) {
    auto* import_cmd = root.add_subcommand("import", "Import a board from a file");
    import_cmd->require_subcommand(1);
    add_import(*import_cmd, "trello",
               "Import a Trello board export (Export as JSON) as a new board", database, exit_code,
               import_trello);
    add_import(*import_cmd, "village", "Restore a board from `village export board` (JSON)",
               database, exit_code, import_village);

    auto* export_cmd = root.add_subcommand("export", "Export a board to a file");
    export_cmd->require_subcommand(1);
    auto opts = std::make_shared<ExportOptions>();
    auto* board_cmd = export_cmd->add_subcommand("board", "Export one board as JSON or CSV");
    board_cmd->add_option("id", opts->board, "The board's id")->required();
    board_cmd->add_option("--format", opts->format, "json (Village's own format) or csv (cards)");
    board_cmd->add_option("--output,-o", opts->output, "Write to this file (default: stdout)");
    board_cmd->add_option("--as", opts->as, "Act as this member (default: the first admin)");
    board_cmd->callback([=, &exit_code] {
        exit_code = store::guarded([&] { return run_export(database(), *opts); });
    });
}

}  // namespace village::importers
