// Import and export routes: HTTP in, service call, HTTP out. The rules are in service.hpp.
#include "importers/routes.hpp"

#include <limits>

#include "importers/json_input.hpp"
#include "importers/report.hpp"
#include "importers/service.hpp"

namespace village::importers {

using http::Request;
using http::Response;
using store::Db;

namespace {

using Importer = Result<Report> (*)(store::Db&, Actor const&, std::string_view,
                                    std::optional<SpaceId>);

// POST with the export file as the body; ?space_id=N puts the board in that space.
Response import_route(Request& req, Db& db, Importer import) {
    auto space_id = http::query_int(req, "space_id", 1, std::numeric_limits<std::int64_t>::max());
    if (!space_id) return http::error_response(space_id.error());
    std::optional<SpaceId> space;
    if (*space_id) space = SpaceId{**space_id};
    auto report = import(db, req.actor, req.body, space);
    if (!report) return http::error_response(report.error());
    return http::json_response(boost::json::object{{"report", to_json(*report)}}, 201);
}

Response export_route(Request& req, Db& db) {
    auto id = req.id<BoardId>("id");
    if (!id) return http::error_response(Error{Errc::not_found, "Board not found"});
    auto format = parse_export_format(req.query("format").value_or(""));
    if (!format) {
        return http::error_response(
            Error{Errc::bad_request, "format must be json or csv", "format"});
    }
    auto file = export_board(db, req.actor, *id, *format);
    if (!file) return http::error_response(file.error());
    Response r;
    r.content_type = file->content_type;
    r.body = std::move(file->body);
    r.with_header("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
    r.with_header("Cache-Control", "private, no-store");
    return r;
}

}  // namespace

void add_routes(http::Router& router) {
    router.post("/api/v1/imports/trello",
                [](Request& req, Db& db) { return import_route(req, db, import_trello); });
    router.allow_body(http::Method::post, "/api/v1/imports/trello", kMaxImportBytes);
    router.post("/api/v1/imports/village",
                [](Request& req, Db& db) { return import_route(req, db, import_village); });
    router.allow_body(http::Method::post, "/api/v1/imports/village", kMaxImportBytes);
    router.get("/api/v1/boards/{id}/export", export_route);
}

}  // namespace village::importers
