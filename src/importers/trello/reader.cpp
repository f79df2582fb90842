// Reading a Trello board export; see reader.hpp.
#include "importers/trello/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include "boards/labels.hpp"
#include "core/text.hpp"
#include "core/time.hpp"
#include "importers/json_fields.hpp"

namespace village::importers::trello {

namespace bj = boost::json;
using namespace fields;

namespace {

constexpr std::string_view kUploadNote = "Uploaded to Trello: opening it needs a Trello login";
// Trello exports at most this many actions, so older comments can be missing from big boards.
constexpr std::size_t kTrelloActionCap = 1000;

// A time field: text in ISO 8601; text that is not a time is noted and left out.
Result<std::optional<Millis>> lenient_time(bj::object const& o, std::string_view key,
                                       std::string const& path, std::string const& what,
                                       std::vector<Note>& changed) {
    auto text = opt_string(o, key, path);
    if (!text) return fail(text.error());
    if (!*text || (*text)->empty()) return std::optional<Millis>{};
    auto parsed = parse_iso8601(**text, key);
    if (!parsed) {
        changed.push_back(Note{what, fmt::format("its {} \"{}\" is not a date; left out", key,
                                                 **text)});
        return std::optional<Millis>{};
    }
    return std::optional<Millis>(*parsed);
}

std::string card_what(std::string_view title) {
    return fmt::format("card “{}”", title);
}

// Sorts by `pos`, keeping the file's order among equal positions (Trello repeats them).
template <class T>
void order_by_pos(std::vector<std::pair<double, T>>& items) {
    std::stable_sort(items.begin(), items.end(),
                     [](auto const& a, auto const& b) { return a.first < b.first; });
}

struct TrelloLabel {
    std::string id;
    std::size_t index = 0;  // in BoardData::labels
};

struct People {
    std::unordered_map<std::string, PersonRef> by_id;

    Result<void> add(bj::object const& m, std::string const& path) {
        auto id = opt_string(m, "id", path);
        if (!id) return fail(id.error());
        if (!*id || by_id.contains(**id)) return {};
        PersonRef person;
        auto name = opt_string(m, "fullName", path);
        if (!name) return fail(name.error());
        auto username = opt_string(m, "username", path);
        if (!username) return fail(username.error());
        auto email = opt_string(m, "email", path);
        if (!email) return fail(email.error());
        person.username = username->value_or("");
        person.email = email->value_or("");
        person.name = name->value_or("");
        if (person.name.empty()) person.name = person.username;
        if (person.name.empty()) person.name = "Trello member " + **id;
        by_id.emplace(**id, std::move(person));
        return {};
    }

    PersonRef of(std::string const& id) const {
        auto it = by_id.find(id);
        if (it != by_id.end()) return it->second;
        return PersonRef{"Trello member " + id, {}, {}};
    }
};

struct CardPlace {
    std::size_t list = 0;
    std::size_t card = 0;
};

struct CustomField {
    std::string name;
    std::string type;
    double pos = 0;
    std::unordered_map<std::string, std::string> options;  // option id → text
};

Result<std::string> field_value(bj::object const& item, CustomField const& field,
                                std::string const& path) {
    if (auto id_value = opt_string(item, "idValue", path); !id_value) {
        return fail(id_value.error());
    } else if (*id_value) {
        auto it = field.options.find(**id_value);
        return it == field.options.end() ? std::string("(an option no longer on the board)")
                                         : it->second;
    }
    auto value = opt_object(item, "value", path);
    if (!value) return fail(value.error());
    if (!*value) return std::string();
    auto const& v = **value;
    auto const pick = [&](std::string_view key) -> std::optional<std::string> {
        auto const* x = v.if_contains(key);
        if (!x) return std::nullopt;
        if (x->is_string()) return std::string(x->get_string());
        return bj::serialize(*x);
    };
    if (auto checked = pick("checked")) return std::string(*checked == "true" ? "yes" : "no");
    if (auto text = pick("text")) return *text;
    if (auto number = pick("number")) return *number;
    if (auto date = pick("date")) {
        auto parsed = parse_iso8601(*date, "date");
        return parsed ? iso8601(*parsed) : *date;
    }
    return bj::serialize(v);
}

Result<std::unordered_map<std::string, CustomField>> read_custom_fields(bj::object const& board) {
    std::unordered_map<std::string, CustomField> out;
    auto fields = opt_array(board, "customFields", "");
    if (!fields) return fail(fields.error());
    if (!*fields) return out;
    for (std::size_t i = 0; i < (*fields)->size(); ++i) {
        auto const path = at("customFields", i);
        auto f = element_object(**fields, i, path);
        if (!f) return fail(f.error());
        auto id = req_string(**f, "id", path);
        if (!id) return fail(id.error());
        CustomField field;
        auto name = opt_string(**f, "name", path);
        if (!name) return fail(name.error());
        field.name = name->value_or("");
        auto type = opt_string(**f, "type", path);
        if (!type) return fail(type.error());
        field.type = type->value_or("");
        auto pos = opt_number(**f, "pos", path);
        if (!pos) return fail(pos.error());
        field.pos = pos->value_or(0);
        auto options = opt_array(**f, "options", path);
        if (!options) return fail(options.error());
        if (*options) {
            for (std::size_t j = 0; j < (*options)->size(); ++j) {
                auto const opath = at(at(path, "options"), j);
                auto o = element_object(**options, j, opath);
                if (!o) return fail(o.error());
                auto oid = req_string(**o, "id", opath);
                if (!oid) return fail(oid.error());
                auto value = opt_object(**o, "value", opath);
                if (!value) return fail(value.error());
                std::string text;
                if (*value) {
                    auto t = opt_string(**value, "text", at(opath, "value"));
                    if (!t) return fail(t.error());
                    text = t->value_or("");
                }
                field.options.emplace(std::move(*oid), std::move(text));
            }
        }
        out.emplace(std::move(*id), std::move(field));
    }
    return out;
}

}  // namespace

std::string map_color(std::optional<std::string_view> trello_color) {
    if (!trello_color) return "grey";
    std::string_view base = *trello_color;
    for (std::string_view suffix : {"_dark", "_light"}) {
        if (base.ends_with(suffix)) base.remove_suffix(suffix.size());
    }
    if (base == "gray") base = "grey";
    auto const palette = boards::label_colors();
    if (std::find(palette.begin(), palette.end(), base) != palette.end()) return std::string(base);
    return "grey";
}

std::optional<Millis> time_of_id(std::string_view id) {
    if (id.size() < 8) return std::nullopt;
    std::uint32_t seconds = 0;
    auto const [ptr, ec] = std::from_chars(id.data(), id.data() + 8, seconds, 16);
    if (ec != std::errc{} || ptr != id.data() + 8) return std::nullopt;
    return static_cast<Millis>(seconds) * 1000;
}

std::string custom_fields_section(std::vector<FieldValue> const& fields) {
    if (fields.empty()) return {};
    std::string out = "**Custom fields (from Trello)**\n\n";
    for (auto const& f : fields) out += fmt::format("- **{}:** {}\n", f.name, f.value);
    return out;
}

Result<Reading> read_board(bj::value const& document) {
    auto const not_trello = [] {
        return fail(Errc::bad_request,
                    "This file is not a Trello board export: it should be the JSON of one board, "
                    "with its lists and cards (in Trello: Menu → Print, export and share → Export "
                    "as JSON)");
    };
    if (!document.is_object()) return not_trello();
    auto const& board = document.get_object();
    if (!board.contains("lists") || !board.contains("cards") || !board.contains("name")) {
        return not_trello();
    }
    Reading out;
    auto& data = out.board;
    auto name = req_string(board, "name", "");
    if (!name) return fail(name.error());
    data.name = *name;
    auto desc = opt_string(board, "desc", "");
    if (!desc) return fail(desc.error());
    data.description = desc->value_or("");

    // People: the board's members, and anyone else named as the author of an action.
    People people;
    auto members = opt_array(board, "members", "");
    if (!members) return fail(members.error());
    if (*members) {
        for (std::size_t i = 0; i < (*members)->size(); ++i) {
            auto m = element_object(**members, i, at("members", i));
            if (!m) return fail(m.error());
            if (auto ok = people.add(**m, at("members", i)); !ok) return fail(ok.error());
        }
    }
    auto actions = opt_array(board, "actions", "");
    if (!actions) return fail(actions.error());
    std::vector<bj::object const*> action_objects;
    if (*actions) {
        for (std::size_t i = 0; i < (*actions)->size(); ++i) {
            auto const path = at("actions", i);
            auto a = element_object(**actions, i, path);
            if (!a) return fail(a.error());
            action_objects.push_back(*a);
            auto creator = opt_object(**a, "memberCreator", path);
            if (!creator) return fail(creator.error());
            if (*creator) {
                if (auto ok = people.add(**creator, at(path, "memberCreator")); !ok) {
                    return fail(ok.error());
                }
            }
        }
    }

    // Labels: the board's list when there is one; older exports name them only on cards.
    std::unordered_map<std::string, std::size_t> label_index;
    auto add_label = [&](bj::object const& l, std::string const& path) -> Result<void> {
        auto id = req_string(l, "id", path);
        if (!id) return fail(id.error());
        if (label_index.contains(*id)) return {};
        auto label_name = opt_string(l, "name", path);
        if (!label_name) return fail(label_name.error());
        auto color = opt_string(l, "color", path);
        if (!color) return fail(color.error());
        auto const mapped = map_color(*color ? std::optional<std::string_view>(**color)
                                             : std::nullopt);
        label_index.emplace(*id, data.labels.size());
        data.labels.push_back(LabelData{label_name->value_or(""), mapped});
        return {};
    };
    auto labels = opt_array(board, "labels", "");
    if (!labels) return fail(labels.error());
    if (*labels) {
        for (std::size_t i = 0; i < (*labels)->size(); ++i) {
            auto l = element_object(**labels, i, at("labels", i));
            if (!l) return fail(l.error());
            if (auto ok = add_label(**l, at("labels", i)); !ok) return fail(ok.error());
        }
    }

    // Lists in pos order.
    auto const* lists = board.if_contains("lists");
    if (!lists->is_array()) return malformed("lists", "a list");
    std::vector<std::pair<double, std::pair<std::string, ListData>>> ordered_lists;
    for (std::size_t i = 0; i < lists->get_array().size(); ++i) {
        auto const path = at("lists", i);
        auto l = element_object(lists->get_array(), i, path);
        if (!l) return fail(l.error());
        auto id = req_string(**l, "id", path);
        if (!id) return fail(id.error());
        auto list_name = req_string(**l, "name", path);
        if (!list_name) return fail(list_name.error());
        auto pos = opt_number(**l, "pos", path);
        if (!pos) return fail(pos.error());
        auto closed = opt_bool(**l, "closed", path);
        if (!closed) return fail(closed.error());
        ListData list;
        list.name = std::move(*list_name);
        list.archived = *closed;
        ordered_lists.emplace_back(pos->value_or(0), std::make_pair(std::move(*id), std::move(list)));
    }
    order_by_pos(ordered_lists);
    std::unordered_map<std::string, std::size_t> list_index;
    for (auto& [pos, entry] : ordered_lists) {
        list_index.emplace(entry.first, data.lists.size());
        data.lists.push_back(std::move(entry.second));
    }

    auto custom_fields = read_custom_fields(board);
    if (!custom_fields) return fail(custom_fields.error());

    // Cards, each with what the card object itself holds.
    auto const* cards = board.if_contains("cards");
    if (!cards->is_array()) return malformed("cards", "a list");
    struct PendingCard {
        double pos = 0;
        std::size_t list = 0;
        std::string id;
        CardData card;
        std::int64_t badge_comments = -1;
        std::int64_t badge_items = -1;
        std::int64_t badge_attachments = -1;
    };
    std::vector<PendingCard> pending;
    for (std::size_t i = 0; i < cards->get_array().size(); ++i) {
        auto const path = at("cards", i);
        auto co = element_object(cards->get_array(), i, path);
        if (!co) return fail(co.error());
        auto const& c = **co;
        PendingCard p;
        auto id = req_string(c, "id", path);
        if (!id) return fail(id.error());
        p.id = *id;
        auto title = req_string(c, "name", path);
        if (!title) return fail(title.error());
        p.card.title = *title;
        auto const what = card_what(p.card.title);
        auto id_list = req_string(c, "idList", path);
        if (!id_list) return fail(id_list.error());
        auto pos = opt_number(c, "pos", path);
        if (!pos) return fail(pos.error());
        p.pos = pos->value_or(0);
        auto closed = opt_bool(c, "closed", path);
        if (!closed) return fail(closed.error());
        p.card.archived = *closed;
        auto body = opt_string(c, "desc", path);
        if (!body) return fail(body.error());
        p.card.body = body->value_or("");
        auto due = lenient_time(c, "due", path, what, out.changed);
        if (!due) return fail(due.error());
        p.card.due_at = *due;
        auto start = lenient_time(c, "start", path, what, out.changed);
        if (!start) return fail(start.error());
        p.card.start_at = *start;
        if (p.card.start_at && p.card.due_at && *p.card.start_at > *p.card.due_at) {
            out.changed.push_back(Note{what, "its start was after its due date; start left out"});
            p.card.start_at.reset();
        }
        auto due_complete = opt_bool(c, "dueComplete", path);
        if (!due_complete) return fail(due_complete.error());
        p.card.due_complete = *due_complete;
        auto location = opt_string(c, "locationName", path);
        if (!location) return fail(location.error());
        auto address = opt_string(c, "address", path);
        if (!address) return fail(address.error());
        if (*location && !(*location)->empty()) {
            p.card.location = **location;
        } else if (*address && !(*address)->empty()) {
            p.card.location = **address;
        }
        auto const created = time_of_id(p.id);
        auto last_activity = lenient_time(c, "dateLastActivity", path, what, out.changed);
        if (!last_activity) return fail(last_activity.error());
        p.card.created_at = created.value_or(last_activity->value_or(0));
        p.card.updated_at = std::max(p.card.created_at, last_activity->value_or(0));

        // Labels: by id; the card's own label objects add any the board list lacks.
        auto card_labels = opt_array(c, "labels", path);
        if (!card_labels) return fail(card_labels.error());
        std::vector<std::string> label_ids;
        if (*card_labels) {
            for (std::size_t j = 0; j < (*card_labels)->size(); ++j) {
                auto const lpath = at(at(path, "labels"), j);
                auto l = element_object(**card_labels, j, lpath);
                if (!l) return fail(l.error());
                if (auto ok = add_label(**l, lpath); !ok) return fail(ok.error());
                label_ids.push_back(std::string((*l)->at("id").get_string()));
            }
        }
        auto id_labels = opt_array(c, "idLabels", path);
        if (!id_labels) return fail(id_labels.error());
        if (*id_labels) {
            label_ids.clear();
            for (std::size_t j = 0; j < (*id_labels)->size(); ++j) {
                auto const& v = (**id_labels)[j];
                if (!v.is_string()) return malformed(at(at(path, "idLabels"), j), "text");
                label_ids.emplace_back(v.get_string());
            }
        }
        for (auto const& label_id : label_ids) {
            auto it = label_index.find(label_id);
            if (it == label_index.end()) {
                out.skipped.push_back(
                    Note{what, fmt::format("label {} is not in the export", label_id)});
            } else if (std::find(p.card.labels.begin(), p.card.labels.end(), it->second) ==
                       p.card.labels.end()) {
                p.card.labels.push_back(it->second);
            }
        }

        // Assignees.
        auto id_members = opt_array(c, "idMembers", path);
        if (!id_members) return fail(id_members.error());
        if (*id_members) {
            for (std::size_t j = 0; j < (*id_members)->size(); ++j) {
                auto const& v = (**id_members)[j];
                if (!v.is_string()) return malformed(at(at(path, "idMembers"), j), "text");
                p.card.assignees.push_back(people.of(std::string(v.get_string())));
            }
        }

        // Attachments as links.
        auto attachments = opt_array(c, "attachments", path);
        if (!attachments) return fail(attachments.error());
        std::unordered_map<std::string, AttachmentData> attachment_by_id;
        std::set<std::string> upload_ids;
        if (*attachments) {
            for (std::size_t j = 0; j < (*attachments)->size(); ++j) {
                auto const apath = at(at(path, "attachments"), j);
                auto a = element_object(**attachments, j, apath);
                if (!a) return fail(a.error());
                auto url = opt_string(**a, "url", apath);
                if (!url) return fail(url.error());
                auto aname = opt_string(**a, "name", apath);
                if (!aname) return fail(aname.error());
                auto upload = opt_bool(**a, "isUpload", apath);
                if (!upload) return fail(upload.error());
                auto aid = opt_string(**a, "id", apath);
                if (!aid) return fail(aid.error());
                if (!*url || (*url)->empty()) {
                    out.skipped.push_back(Note{what, fmt::format("attachment “{}” has no URL",
                                                                 aname->value_or(""))});
                    continue;
                }
                AttachmentData attachment{aname->value_or(""), **url,
                                          *upload ? std::string(kUploadNote) : std::string()};
                if (attachment.name.empty()) attachment.name = attachment.url;
                if (*aid) {
                    attachment_by_id.emplace(**aid, attachment);
                    if (*upload) upload_ids.insert(**aid);
                }
                p.card.attachments.push_back(std::move(attachment));
            }
        }

        // Cover: a scaled image Trello serves publicly, or a linked (not uploaded) attachment.
        auto cover = opt_object(c, "cover", path);
        if (!cover) return fail(cover.error());
        auto cover_attachment = opt_string(c, "idAttachmentCover", path);
        if (!cover_attachment) return fail(cover_attachment.error());
        std::optional<std::string> cover_id = *cover_attachment;
        if (*cover) {
            auto const cpath = at(path, "cover");
            auto scaled = opt_array(**cover, "scaled", cpath);
            if (!scaled) return fail(scaled.error());
            auto cid = opt_string(**cover, "idAttachment", cpath);
            if (!cid) return fail(cid.error());
            if (!cover_id) cover_id = *cid;
            double widest = -1;
            if (*scaled && !cover_id) {
                for (auto const& s : **scaled) {
                    if (!s.is_object()) continue;
                    auto const* u = s.get_object().if_contains("url");
                    auto const* w = s.get_object().if_contains("width");
                    if (!u || !u->is_string() || !u->get_string().starts_with("https://")) continue;
                    double const width = w && w->is_number() ? w->to_number<double>() : 0;
                    if (width > widest) {
                        widest = width;
                        p.card.cover_url = std::string(u->get_string());
                    }
                }
            }
            auto color = opt_string(**cover, "color", cpath);
            if (!color) return fail(color.error());
            if (*color && !p.card.cover_url && !cover_id) {
                out.skipped.push_back(Note{what, fmt::format("its {} colour cover: Village covers "
                                                             "are images",
                                                             **color)});
            }
        }
        if (cover_id && !p.card.cover_url) {
            auto it = attachment_by_id.find(*cover_id);
            if (it != attachment_by_id.end() && !upload_ids.contains(*cover_id) &&
                it->second.url.starts_with("https://")) {
                p.card.cover_url = it->second.url;
            } else if (it != attachment_by_id.end()) {
                out.skipped.push_back(Note{what, "its cover is an uploaded image that needs a "
                                                 "Trello login; it is kept as an attachment"});
            }
        }

        // Custom fields, as a readable section of the body.
        auto items = opt_array(c, "customFieldItems", path);
        if (!items) return fail(items.error());
        if (*items && !(*items)->empty()) {
            std::vector<std::pair<double, FieldValue>> values;
            for (std::size_t j = 0; j < (*items)->size(); ++j) {
                auto const ipath = at(at(path, "customFieldItems"), j);
                auto item = element_object(**items, j, ipath);
                if (!item) return fail(item.error());
                auto field_id = req_string(**item, "idCustomField", ipath);
                if (!field_id) return fail(field_id.error());
                auto field = custom_fields->find(*field_id);
                if (field == custom_fields->end()) {
                    out.skipped.push_back(Note{what, "a custom field value whose field is not in "
                                                     "the export"});
                    continue;
                }
                auto value = field_value(**item, field->second, ipath);
                if (!value) return fail(value.error());
                values.emplace_back(field->second.pos, FieldValue{field->second.name, *value});
            }
            order_by_pos(values);
            std::vector<FieldValue> fields;
            for (auto& [pos, v] : values) fields.push_back(std::move(v));
            auto const section = custom_fields_section(fields);
            if (!section.empty()) {
                if (!p.card.body.empty()) p.card.body += "\n\n---\n\n";
                p.card.body += section;
            }
        }

        // The card's own counts, to compare with what the export holds.
        auto badges = opt_object(c, "badges", path);
        if (!badges) return fail(badges.error());
        if (*badges) {
            auto const bpath = at(path, "badges");
            auto comments = opt_number(**badges, "comments", bpath);
            if (!comments) return fail(comments.error());
            if (*comments) p.badge_comments = static_cast<std::int64_t>(**comments);
            auto check_items = opt_number(**badges, "checkItems", bpath);
            if (!check_items) return fail(check_items.error());
            if (*check_items) p.badge_items = static_cast<std::int64_t>(**check_items);
            auto attachment_count = opt_number(**badges, "attachments", bpath);
            if (!attachment_count) return fail(attachment_count.error());
            if (*attachment_count) p.badge_attachments = static_cast<std::int64_t>(**attachment_count);
        }

        auto list = list_index.find(*id_list);
        if (list == list_index.end()) {
            out.skipped.push_back(Note{what, "its list is not in the export"});
            continue;
        }
        p.list = list->second;
        pending.push_back(std::move(p));
    }

    // Each list's cards in pos order; the file's order breaks ties.
    std::stable_sort(pending.begin(), pending.end(), [](auto const& a, auto const& b) {
        return a.list != b.list ? a.list < b.list : a.pos < b.pos;
    });
    std::unordered_map<std::string, CardPlace> card_index;
    for (auto& p : pending) {
        auto& list = data.lists[p.list];
        card_index.emplace(p.id, CardPlace{p.list, list.cards.size()});
        list.cards.push_back(std::move(p.card));
    }
    auto card_at = [&](CardPlace place) -> CardData& {
        return data.lists[place.list].cards[place.card];
    };

    // Checklists, from the board's list of them, in pos order with their items in pos order.
    auto checklists = opt_array(board, "checklists", "");
    if (!checklists) return fail(checklists.error());
    if (*checklists) {
        std::vector<std::pair<double, std::pair<CardPlace, ChecklistData>>> ordered;
        for (std::size_t i = 0; i < (*checklists)->size(); ++i) {
            auto const path = at("checklists", i);
            auto cl = element_object(**checklists, i, path);
            if (!cl) return fail(cl.error());
            auto card_id = req_string(**cl, "idCard", path);
            if (!card_id) return fail(card_id.error());
            auto cl_name = opt_string(**cl, "name", path);
            if (!cl_name) return fail(cl_name.error());
            auto pos = opt_number(**cl, "pos", path);
            if (!pos) return fail(pos.error());
            auto check_items = opt_array(**cl, "checkItems", path);
            if (!check_items) return fail(check_items.error());
            ChecklistData checklist;
            checklist.name = cl_name->value_or("");
            std::vector<std::pair<double, ChecklistItemData>> items;
            if (*check_items) {
                for (std::size_t j = 0; j < (*check_items)->size(); ++j) {
                    auto const ipath = at(at(path, "checkItems"), j);
                    auto item = element_object(**check_items, j, ipath);
                    if (!item) return fail(item.error());
                    auto text = opt_string(**item, "name", ipath);
                    if (!text) return fail(text.error());
                    auto state = opt_string(**item, "state", ipath);
                    if (!state) return fail(state.error());
                    auto ipos = opt_number(**item, "pos", ipath);
                    if (!ipos) return fail(ipos.error());
                    items.emplace_back(ipos->value_or(0),
                                       ChecklistItemData{text->value_or(""),
                                                         state->value_or("") == "complete"});
                }
            }
            order_by_pos(items);
            for (auto& [ipos, item] : items) checklist.items.push_back(std::move(item));
            auto place = card_index.find(*card_id);
            if (place == card_index.end()) {
                out.skipped.push_back(Note{fmt::format("checklist “{}”", checklist.name),
                                           "its card is not in the export"});
                continue;
            }
            ordered.emplace_back(pos->value_or(0),
                                 std::make_pair(place->second, std::move(checklist)));
        }
        order_by_pos(ordered);
        for (auto& [pos, entry] : ordered) {
            card_at(entry.first).checklists.push_back(std::move(entry.second));
        }
    }

    // Comments: commentCard actions, oldest first (the file lists newest first).
    struct PendingComment {
        Millis at = 0;
        std::size_t order = 0;
        CardPlace place;
        CommentData comment;
    };
    std::vector<PendingComment> comments;
    for (std::size_t i = 0; i < action_objects.size(); ++i) {
        auto const& a = *action_objects[i];
        auto const path = at("actions", i);
        auto type = opt_string(a, "type", path);
        if (!type) return fail(type.error());
        if (type->value_or("") != "commentCard") continue;
        auto action_data = opt_object(a, "data", path);
        if (!action_data) return fail(action_data.error());
        if (!*action_data) return malformed(at(path, "data"), "an object");
        auto const dpath = at(path, "data");
        auto body = opt_string(**action_data, "text", dpath);
        if (!body) return fail(body.error());
        auto card = opt_object(**action_data, "card", dpath);
        if (!card) return fail(card.error());
        std::string card_id;
        std::string card_name;
        if (*card) {
            auto cid = opt_string(**card, "id", at(dpath, "card"));
            if (!cid) return fail(cid.error());
            card_id = cid->value_or("");
            auto cname = opt_string(**card, "name", at(dpath, "card"));
            if (!cname) return fail(cname.error());
            card_name = cname->value_or(card_id);
        }
        auto date = opt_string(a, "date", path);
        if (!date) return fail(date.error());
        auto when = parse_iso8601(date->value_or(""), "date");
        auto place = card_index.find(card_id);
        if (place == card_index.end()) {
            out.skipped.push_back(Note{fmt::format("a comment on card “{}”", card_name),
                                       "that card is not in the export"});
            continue;
        }
        if (!when) {
            out.skipped.push_back(Note{fmt::format("a comment on card “{}”", card_name),
                                       "it has no valid date"});
            continue;
        }
        if (!*body || text::trim(**body).empty()) {
            out.skipped.push_back(Note{fmt::format("a comment on card “{}”", card_name),
                                       "it is empty"});
            continue;
        }
        PendingComment pc;
        pc.at = *when;
        pc.order = action_objects.size() - i;  // later in the file is older
        pc.place = place->second;
        pc.comment.body = **body;
        pc.comment.created_at = *when;
        pc.comment.updated_at = *when;
        auto edited = opt_string(**action_data, "dateLastEdited", dpath);
        if (!edited) return fail(edited.error());
        if (*edited) {
            if (auto e = parse_iso8601(**edited, "dateLastEdited"); e && *e > *when) {
                pc.comment.updated_at = *e;
            }
        }
        auto creator = opt_string(a, "idMemberCreator", path);
        if (!creator) return fail(creator.error());
        if (*creator) pc.comment.author = people.of(**creator);
        comments.push_back(std::move(pc));
    }
    std::stable_sort(comments.begin(), comments.end(), [](auto const& a, auto const& b) {
        return a.at != b.at ? a.at < b.at : a.order < b.order;
    });
    for (auto& pc : comments) card_at(pc.place).comments.push_back(std::move(pc.comment));

    // Where the cards' own counts say more than the export holds.
    for (auto const& p : pending) {
        auto const& card = card_at(card_index.at(p.id));
        auto const what = card_what(card.title);
        auto const comment_count = static_cast<std::int64_t>(card.comments.size());
        if (p.badge_comments > comment_count) {
            out.discrepancies.push_back(Note{
                what, fmt::format("Trello counts {} comments, the export holds {}{}",
                                  p.badge_comments, comment_count,
                                  action_objects.size() >= kTrelloActionCap
                                      ? " (Trello exports only the newest 1000 actions)"
                                      : "")});
        }
        std::int64_t items = 0;
        for (auto const& cl : card.checklists) items += static_cast<std::int64_t>(cl.items.size());
        if (p.badge_items >= 0 && p.badge_items != items) {
            out.discrepancies.push_back(Note{
                what, fmt::format("Trello counts {} checklist items, the export holds {}",
                                  p.badge_items, items)});
        }
        auto const attachment_count = static_cast<std::int64_t>(card.attachments.size());
        if (p.badge_attachments >= 0 && p.badge_attachments != attachment_count) {
            out.discrepancies.push_back(Note{
                what, fmt::format("Trello counts {} attachments, the export holds {}",
                                  p.badge_attachments, attachment_count)});
        }
    }
    if (action_objects.size() >= kTrelloActionCap) {
        out.discrepancies.push_back(Note{
            "the board", fmt::format("the export holds {} actions, Trello's limit: older comments "
                                     "may be missing",
                                     action_objects.size())});
    }
    return out;
}

}  // namespace village::importers::trello
