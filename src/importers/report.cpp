// Rendering the import report; see report.hpp.
#include "importers/report.hpp"

#include <fmt/format.h>

namespace village::importers {

namespace bj = boost::json;

namespace {

bj::array notes_json(std::vector<Note> const& notes) {
    bj::array out;
    for (auto const& n : notes) out.push_back(bj::object{{"what", n.what}, {"why", n.why}});
    return out;
}

bj::array strings_json(std::vector<std::string> const& items) {
    bj::array out;
    for (auto const& s : items) out.emplace_back(s);
    return out;
}

void notes_text(std::string& out, std::string_view heading, std::vector<Note> const& notes) {
    out += fmt::format("{} ({}):\n", heading, notes.size());
    if (notes.empty()) out += "  none\n";
    for (auto const& n : notes) out += fmt::format("  - {}: {}\n", n.what, n.why);
}

}  // namespace

bj::object to_json(Report const& r) {
    return bj::object{
        {"source", r.source},
        {"board_id", r.board.value},
        {"board_name", r.board_name},
        {"counts", bj::object{{"lists", r.lists},
                              {"archived_lists", r.archived_lists},
                              {"cards", r.cards},
                              {"archived_cards", r.archived_cards},
                              {"labels", r.labels},
                              {"checklists", r.checklists},
                              {"checklist_items", r.checklist_items},
                              {"comments", r.comments},
                              {"attachments", r.attachments},
                              {"assignees", r.assignees},
                              {"covers", r.covers}}},
        {"members_matched", strings_json(r.members_matched)},
        {"members_imported", strings_json(r.members_imported)},
        {"skipped", notes_json(r.skipped)},
        {"changed", notes_json(r.changed)},
        {"discrepancies", notes_json(r.discrepancies)},
    };
}

std::string to_text(Report const& r) {
    std::string out = fmt::format("Imported board {} “{}” from {}\n", r.board.value, r.board_name,
                                  r.source == "trello" ? "Trello" : "a Village export");
    out += fmt::format("  lists           {} ({} archived)\n", r.lists, r.archived_lists);
    out += fmt::format("  cards           {} ({} archived)\n", r.cards, r.archived_cards);
    out += fmt::format("  labels          {}\n", r.labels);
    out += fmt::format("  checklists      {} with {} items\n", r.checklists, r.checklist_items);
    out += fmt::format("  comments        {}\n", r.comments);
    out += fmt::format("  attachments     {} (as links)\n", r.attachments);
    out += fmt::format("  covers          {}\n", r.covers);
    out += fmt::format("  assignees       {}\n", r.assignees);
    out += fmt::format("Members matched to Village members ({}):\n", r.members_matched.size());
    if (r.members_matched.empty()) out += "  none\n";
    for (auto const& m : r.members_matched) out += fmt::format("  - {}\n", m);
    out += fmt::format("Members kept by name, marked as imported ({}):\n",
                       r.members_imported.size());
    if (r.members_imported.empty()) out += "  none\n";
    for (auto const& m : r.members_imported) out += fmt::format("  - {}\n", m);
    notes_text(out, "Skipped", r.skipped);
    notes_text(out, "Changed to fit", r.changed);
    notes_text(out, "Discrepancies in the export", r.discrepancies);
    return out;
}

}  // namespace village::importers
