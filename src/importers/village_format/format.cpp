// Village's own export format and the CSV of cards; see format.hpp.
#include "importers/village_format/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "boards/labels.hpp"
#include "boards/permissions.hpp"
#include "core/json.hpp"
#include "importers/json_fields.hpp"

namespace village::importers::village_format {

namespace bj = boost::json;
using namespace fields;

namespace {

bj::value person_json(std::optional<PersonRef> const& person) {
    if (!person) return nullptr;
    bj::object o{{"name", person->name}};
    o["email"] = person->email.empty() ? bj::value(nullptr) : bj::value(person->email);
    return o;
}

Result<std::optional<PersonRef>> read_person(bj::object const& o, std::string_view key,
                                             std::string const& path) {
    auto p = opt_object(o, key, path);
    if (!p) return fail(p.error());
    if (!*p) return std::optional<PersonRef>{};
    auto const ppath = at(path, key);
    auto name = req_string(**p, "name", ppath);
    if (!name) return fail(name.error());
    auto email = opt_string(**p, "email", ppath);
    if (!email) return fail(email.error());
    return std::optional<PersonRef>(PersonRef{*name, email->value_or(""), {}});
}

Result<Millis> req_time(bj::object const& o, std::string_view key, std::string const& path) {
    auto t = opt_time(o, key, path);
    if (!t) return fail(t.error());
    if (!*t) return malformed(at(path, key), "a date and time (ISO 8601)");
    return **t;
}

Result<ChecklistData> read_checklist(bj::object const& o, std::string const& path) {
    ChecklistData out;
    auto name = req_string(o, "name", path);
    if (!name) return fail(name.error());
    out.name = *name;
    auto items = opt_array(o, "items", path);
    if (!items) return fail(items.error());
    if (!*items) return out;
    for (std::size_t i = 0; i < (*items)->size(); ++i) {
        auto const ipath = at(at(path, "items"), i);
        auto item = element_object(**items, i, ipath);
        if (!item) return fail(item.error());
        auto text = req_string(**item, "text", ipath);
        if (!text) return fail(text.error());
        auto done = opt_bool(**item, "done", ipath);
        if (!done) return fail(done.error());
        out.items.push_back(ChecklistItemData{*text, *done});
    }
    return out;
}

Result<CommentData> read_comment(bj::object const& o, std::string const& path) {
    CommentData out;
    auto author = read_person(o, "author", path);
    if (!author) return fail(author.error());
    out.author = *author;
    auto body = opt_string(o, "body", path);
    if (!body) return fail(body.error());
    out.body = body->value_or("");
    auto created = req_time(o, "created_at", path);
    if (!created) return fail(created.error());
    out.created_at = *created;
    auto updated = opt_time(o, "updated_at", path);
    if (!updated) return fail(updated.error());
    out.updated_at = updated->value_or(*created);
    auto deleted = opt_time(o, "deleted_at", path);
    if (!deleted) return fail(deleted.error());
    out.deleted_at = *deleted;
    if (!out.deleted_at && out.body.empty()) return malformed(at(path, "body"), "text");
    return out;
}

Result<CardData> read_card(bj::object const& o, std::string const& path, std::size_t label_count) {
    CardData out;
    auto title = req_string(o, "title", path);
    if (!title) return fail(title.error());
    out.title = *title;
    auto body = opt_string(o, "body", path);
    if (!body) return fail(body.error());
    out.body = body->value_or("");
    auto labels = opt_array(o, "labels", path);
    if (!labels) return fail(labels.error());
    if (*labels) {
        for (std::size_t i = 0; i < (*labels)->size(); ++i) {
            auto const& v = (**labels)[i];
            if (!v.is_int64() || v.get_int64() < 0 ||
                static_cast<std::size_t>(v.get_int64()) >= label_count) {
                return malformed(at(at(path, "labels"), i), "the index of one of the board's labels");
            }
            out.labels.push_back(static_cast<std::size_t>(v.get_int64()));
        }
    }
    auto start = opt_time(o, "start_at", path);
    if (!start) return fail(start.error());
    out.start_at = *start;
    auto due = opt_time(o, "due_at", path);
    if (!due) return fail(due.error());
    out.due_at = *due;
    auto due_complete = opt_bool(o, "due_complete", path);
    if (!due_complete) return fail(due_complete.error());
    out.due_complete = *due_complete;
    auto location = opt_string(o, "location", path);
    if (!location) return fail(location.error());
    out.location = *location;
    auto cover = opt_string(o, "cover_url", path);
    if (!cover) return fail(cover.error());
    out.cover_url = *cover;
    auto pinned = opt_bool(o, "pinned", path);
    if (!pinned) return fail(pinned.error());
    out.pinned = *pinned;
    auto archived = opt_bool(o, "archived", path);
    if (!archived) return fail(archived.error());
    out.archived = *archived;
    auto author = read_person(o, "author", path);
    if (!author) return fail(author.error());
    out.author = *author;
    auto created = req_time(o, "created_at", path);
    if (!created) return fail(created.error());
    out.created_at = *created;
    auto updated = opt_time(o, "updated_at", path);
    if (!updated) return fail(updated.error());
    out.updated_at = updated->value_or(*created);

    auto assignees = opt_array(o, "assignees", path);
    if (!assignees) return fail(assignees.error());
    if (*assignees) {
        for (std::size_t i = 0; i < (*assignees)->size(); ++i) {
            auto const apath = at(at(path, "assignees"), i);
            auto a = element_object(**assignees, i, apath);
            if (!a) return fail(a.error());
            auto name = req_string(**a, "name", apath);
            if (!name) return fail(name.error());
            auto email = opt_string(**a, "email", apath);
            if (!email) return fail(email.error());
            out.assignees.push_back(PersonRef{*name, email->value_or(""), {}});
        }
    }
    auto checklists = opt_array(o, "checklists", path);
    if (!checklists) return fail(checklists.error());
    if (*checklists) {
        for (std::size_t i = 0; i < (*checklists)->size(); ++i) {
            auto const cpath = at(at(path, "checklists"), i);
            auto c = element_object(**checklists, i, cpath);
            if (!c) return fail(c.error());
            auto checklist = read_checklist(**c, cpath);
            if (!checklist) return fail(checklist.error());
            out.checklists.push_back(std::move(*checklist));
        }
    }
    auto comments = opt_array(o, "comments", path);
    if (!comments) return fail(comments.error());
    if (*comments) {
        for (std::size_t i = 0; i < (*comments)->size(); ++i) {
            auto const cpath = at(at(path, "comments"), i);
            auto c = element_object(**comments, i, cpath);
            if (!c) return fail(c.error());
            auto comment = read_comment(**c, cpath);
            if (!comment) return fail(comment.error());
            out.comments.push_back(std::move(*comment));
        }
    }
    auto attachments = opt_array(o, "attachments", path);
    if (!attachments) return fail(attachments.error());
    if (*attachments) {
        for (std::size_t i = 0; i < (*attachments)->size(); ++i) {
            auto const apath = at(at(path, "attachments"), i);
            auto a = element_object(**attachments, i, apath);
            if (!a) return fail(a.error());
            auto name = req_string(**a, "name", apath);
            if (!name) return fail(name.error());
            auto url = req_string(**a, "url", apath);
            if (!url) return fail(url.error());
            auto note = opt_string(**a, "note", apath);
            if (!note) return fail(note.error());
            out.attachments.push_back(AttachmentData{*name, *url, note->value_or("")});
        }
    }
    return out;
}

// A CSV field: quoted when it holds a comma, quote or line break (RFC 4180). Text that a
// spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP's
// advice against CSV injection), which spreadsheets show as plain text.
void csv_field(std::string& out, std::string_view raw) {
    std::string guarded;
    if (!raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos) {
        guarded = "'" + std::string(raw);
        raw = guarded;
    }
    std::string_view const value = raw;
    bool const quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void csv_row(std::string& out, std::vector<std::string> const& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        csv_field(out, fields[i]);
    }
    out += "\r\n";
}

std::string time_text(std::optional<Millis> at) {
    return at ? iso8601(*at) : std::string();
}

}  // namespace

bj::object to_json(BoardData const& board, Millis exported_at) {
    bj::array labels;
    for (auto const& label : board.labels) {
        labels.push_back(bj::object{{"name", label.name}, {"color", label.color}});
    }
    bj::array lists;
    for (auto const& list : board.lists) {
        bj::array cards;
        for (auto const& card : list.cards) {
            bj::array card_labels;
            for (auto index : card.labels) card_labels.push_back(static_cast<std::int64_t>(index));
            bj::array assignees;
            for (auto const& person : card.assignees) assignees.push_back(person_json(person));
            bj::array checklists;
            for (auto const& checklist : card.checklists) {
                bj::array items;
                for (auto const& item : checklist.items) {
                    items.push_back(bj::object{{"text", item.text}, {"done", item.done}});
                }
                checklists.push_back(
                    bj::object{{"name", checklist.name}, {"items", std::move(items)}});
            }
            bj::array comments;
            for (auto const& comment : card.comments) {
                comments.push_back(bj::object{{"author", person_json(comment.author)},
                                              {"body", comment.body},
                                              {"created_at", iso8601(comment.created_at)},
                                              {"updated_at", iso8601(comment.updated_at)},
                                              {"deleted_at", json::time_or_null(comment.deleted_at)}});
            }
            bj::array attachments;
            for (auto const& a : card.attachments) {
                attachments.push_back(bj::object{{"name", a.name}, {"url", a.url}, {"note", a.note}});
            }
            cards.push_back(bj::object{{"title", card.title},
                                       {"body", card.body},
                                       {"labels", std::move(card_labels)},
                                       {"start_at", json::time_or_null(card.start_at)},
                                       {"due_at", json::time_or_null(card.due_at)},
                                       {"due_complete", card.due_complete},
                                       {"location", json::text_or_null(card.location)},
                                       {"cover_url", json::text_or_null(card.cover_url)},
                                       {"pinned", card.pinned},
                                       {"archived", card.archived},
                                       {"author", person_json(card.author)},
                                       {"created_at", iso8601(card.created_at)},
                                       {"updated_at", iso8601(card.updated_at)},
                                       {"assignees", std::move(assignees)},
                                       {"checklists", std::move(checklists)},
                                       {"comments", std::move(comments)},
                                       {"attachments", std::move(attachments)}});
        }
        lists.push_back(bj::object{
            {"name", list.name}, {"archived", list.archived}, {"cards", std::move(cards)}});
    }
    bj::object b{{"name", board.name},
                 {"description", board.description},
                 {"visibility", board.visibility.value_or("private")},
                 {"default_role", board.default_role.value_or("member")},
                 {"comments_enabled", board.comments_enabled},
                 {"labels", std::move(labels)},
                 {"lists", std::move(lists)}};
    return bj::object{{"format", kFormatName},
                      {"version", kFormatVersion},
                      {"exported_at", iso8601(exported_at)},
                      {"board", std::move(b)}};
}

Result<BoardData> from_json(bj::value const& document) {
    auto const not_ours = [] {
        return fail(Errc::bad_request,
                    "This file is not a Village board export: it should be a JSON object with "
                    "\"format\": \"village-board\" (from `village export board` or the board's "
                    "Export menu)");
    };
    if (!document.is_object()) return not_ours();
    auto const& root = document.get_object();
    auto const* format = root.if_contains("format");
    if (!format || !format->is_string() || format->get_string() != kFormatName) return not_ours();
    auto const* version = root.if_contains("version");
    if (!version || !version->is_int64() || version->get_int64() != kFormatVersion) {
        return fail(Errc::bad_request,
                    fmt::format("This Village export has a format version this Village does not "
                                "read (it reads version {})",
                                kFormatVersion),
                    "version");
    }
    auto board = opt_object(root, "board", "");
    if (!board) return fail(board.error());
    if (!*board) return malformed("board", "an object");
    auto const& b = **board;
    BoardData out;
    auto name = req_string(b, "name", "board");
    if (!name) return fail(name.error());
    out.name = *name;
    auto description = opt_string(b, "description", "board");
    if (!description) return fail(description.error());
    out.description = description->value_or("");
    auto visibility = opt_string(b, "visibility", "board");
    if (!visibility) return fail(visibility.error());
    if (*visibility && !boards::parse_visibility(**visibility)) {
        return malformed("board.visibility", "one of public, community, groups, private");
    }
    out.visibility = *visibility;
    auto default_role = opt_string(b, "default_role", "board");
    if (!default_role) return fail(default_role.error());
    if (*default_role && **default_role != "member" && **default_role != "viewer") {
        return malformed("board.default_role", "member or viewer");
    }
    out.default_role = *default_role;
    auto const* comments_enabled = b.if_contains("comments_enabled");
    if (comments_enabled && !comments_enabled->is_bool()) {
        return malformed("board.comments_enabled", "true or false");
    }
    out.comments_enabled = !comments_enabled || comments_enabled->get_bool();

    auto labels = opt_array(b, "labels", "board");
    if (!labels) return fail(labels.error());
    if (*labels) {
        auto const palette = boards::label_colors();
        for (std::size_t i = 0; i < (*labels)->size(); ++i) {
            auto const lpath = at("board.labels", i);
            auto l = element_object(**labels, i, lpath);
            if (!l) return fail(l.error());
            auto label_name = opt_string(**l, "name", lpath);
            if (!label_name) return fail(label_name.error());
            auto color = req_string(**l, "color", lpath);
            if (!color) return fail(color.error());
            if (std::find(palette.begin(), palette.end(), *color) == palette.end()) {
                return malformed(at(lpath, "color"), "one of Village's label colours");
            }
            out.labels.push_back(LabelData{label_name->value_or(""), *color});
        }
    }
    auto lists = opt_array(b, "lists", "board");
    if (!lists) return fail(lists.error());
    if (!*lists) return malformed("board.lists", "a list");
    for (std::size_t i = 0; i < (*lists)->size(); ++i) {
        auto const lpath = at("board.lists", i);
        auto l = element_object(**lists, i, lpath);
        if (!l) return fail(l.error());
        ListData list;
        auto list_name = req_string(**l, "name", lpath);
        if (!list_name) return fail(list_name.error());
        list.name = *list_name;
        auto archived = opt_bool(**l, "archived", lpath);
        if (!archived) return fail(archived.error());
        list.archived = *archived;
        auto cards = opt_array(**l, "cards", lpath);
        if (!cards) return fail(cards.error());
        if (*cards) {
            for (std::size_t j = 0; j < (*cards)->size(); ++j) {
                auto const cpath = at(at(lpath, "cards"), j);
                auto c = element_object(**cards, j, cpath);
                if (!c) return fail(c.error());
                auto card = read_card(**c, cpath, out.labels.size());
                if (!card) return fail(card.error());
                list.cards.push_back(std::move(*card));
            }
        }
        out.lists.push_back(std::move(list));
    }
    return out;
}

std::string to_csv(BoardData const& board) {
    std::string out;
    csv_row(out, {"list", "title", "description", "labels", "start", "due", "due complete",
                  "location", "assignees", "checklist done", "checklist total", "comments",
                  "attachments", "archived", "created"});
    for (auto const& list : board.lists) {
        for (auto const& card : list.cards) {
            std::string labels;
            for (auto index : card.labels) {
                auto const& label = board.labels.at(index);
                if (!labels.empty()) labels += "; ";
                labels += label.name.empty() ? label.color : label.name;
            }
            std::string assignees;
            for (auto const& person : card.assignees) {
                if (!assignees.empty()) assignees += "; ";
                assignees += person.name;
            }
            std::size_t done = 0;
            std::size_t total = 0;
            for (auto const& checklist : card.checklists) {
                total += checklist.items.size();
                done += static_cast<std::size_t>(std::count_if(
                    checklist.items.begin(), checklist.items.end(),
                    [](auto const& item) { return item.done; }));
            }
            auto const comments = std::count_if(card.comments.begin(), card.comments.end(),
                                                [](auto const& c) { return !c.deleted_at; });
            csv_row(out, {list.name, card.title, card.body, labels, time_text(card.start_at),
                          time_text(card.due_at), card.due_complete ? "yes" : "no",
                          card.location.value_or(""), assignees, std::to_string(done),
                          std::to_string(total), std::to_string(comments),
                          std::to_string(card.attachments.size()),
                          card.archived || list.archived ? "yes" : "no",
                          iso8601(card.created_at)});
        }
    }
    return out;
}

}  // namespace village::importers::village_format
