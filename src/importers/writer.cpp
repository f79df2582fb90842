// Writing an imported board; see writer.hpp.
#include "importers/writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "activity/activity.hpp"
#include "boards/boards.hpp"
#include "boards/cards.hpp"
#include "boards/checklists.hpp"
#include "boards/labels.hpp"
#include "boards/markdown.hpp"
#include "boards/position.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "importers/writer_sql.hpp"

namespace village::importers {

namespace {

constexpr std::size_t kMaxAttachmentUrlChars = 4096;
constexpr std::string_view kUntitled = "(untitled)";

// The longest prefix of at most `max_chars` code points (the text is valid UTF-8).
std::string fit_chars(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) return std::string(text.substr(0, i));
            ++chars;
        }
    }
    return std::string(text);
}

// The longest prefix of at most `max_bytes` bytes that ends on a whole character.
std::string fit_bytes(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return std::string(text);
    auto end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end));
}

bool clean_url_chars(std::string_view url) {
    return std::none_of(url.begin(), url.end(), [](char c) {
        auto const u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\';
    });
}

bool same_origin_path(std::string_view url) {
    return url.size() > 1 && url[0] == '/' && url[1] != '/' && url[1] != '\\';
}

// As the cards service accepts a cover: https, or a path on this site.
bool cover_ok(std::string_view url) {
    return url.size() <= boards::kMaxCoverUrlChars && clean_url_chars(url) &&
           ((url.starts_with("https://") && url.size() > 8) || same_origin_path(url));
}

// Links a browser may follow: http(s), or a path on this site. Never javascript: and the like.
bool link_ok(std::string_view url) {
    return url.size() <= kMaxAttachmentUrlChars && clean_url_chars(url) &&
           ((url.starts_with("https://") && url.size() > 8) ||
            (url.starts_with("http://") && url.size() > 7) || same_origin_path(url));
}

std::string like_prefix(std::string_view username) {
    std::string out;
    for (char c : text::ascii_lower(username)) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "@%";
}

std::string card_what(std::string_view title) {
    return fmt::format("card “{}”", title);
}

class Writer {
  public:
    Writer(store::Tx& tx, Actor const& actor, Report& report)
        : tx_(tx), actor_(actor), report_(report), now_(now_ms()) {}

    void write(BoardData const& data, std::optional<SpaceId> space) {
        auto name = fitted_title(data.name, "the board");
        auto description = fit_chars(data.description, boards::kMaxBoardDescriptionChars);
        if (description.size() < data.description.size()) {
            report_.changed.push_back(Note{"the board", "its description was shortened to fit"});
        }
        auto const visibility = data.visibility.value_or(space ? "community" : "private");
        auto const default_role = data.default_role.value_or("member");
        board_ = BoardId{tx_.query_one(sql::insert_board, space, name, description, visibility,
                                       default_role, data.comments_enabled, actor_.id, now_)
                             ->i64(0)};
        tx_.exec(sql::insert_board_admin, board_, actor_.id);
        report_.board = board_;
        report_.board_name = name;

        for (std::size_t i = 0; i < data.labels.size(); ++i) {
            auto const& label = data.labels[i];
            if (labels_.size() >= boards::kMaxLabelsPerBoard) {
                report_.skipped.push_back(
                    Note{fmt::format("label “{}” ({})", label.name, label.color),
                         fmt::format("a board may have at most {} labels",
                                     boards::kMaxLabelsPerBoard)});
                labels_.push_back(LabelId{});
                continue;
            }
            auto const label_name = fit_chars(label.name, limits::kMaxShortTextChars);
            labels_.push_back(
                LabelId{tx_.query_one(sql::insert_label, board_, label_name, label.color)->i64(0)});
            ++report_.labels;
        }

        auto const list_keys = boards::evenly_spaced_keys(data.lists.size());
        for (std::size_t i = 0; i < data.lists.size(); ++i) write_list(data.lists[i], list_keys[i]);

        activity::Event event{"board.imported"};
        event.board = board_;
        event.space = space;
        event.data = {{"source", report_.source},
                      {"name", name},
                      {"lists", report_.lists},
                      {"cards", report_.cards},
                      {"comments", report_.comments}};
        activity::record(tx_, actor_, event);
    }

  private:
    std::string fitted_title(std::string_view title, std::string const& what) {
        auto t = text::trim(title);
        if (t.empty()) {
            report_.changed.push_back(Note{what, "it had no title; called “(untitled)”"});
            return std::string(kUntitled);
        }
        auto fitted = fit_chars(t, limits::kMaxTitleChars);
        if (fitted.size() < t.size()) {
            report_.changed.push_back(
                Note{what, fmt::format("its title was shortened to {} characters",
                                       limits::kMaxTitleChars)});
        }
        return fitted;
    }

    std::string fitted_markdown(std::string_view body, std::string const& what) {
        auto fitted = fit_bytes(body, limits::kMaxMarkdownBytes);
        if (fitted.size() < body.size()) {
            report_.changed.push_back(Note{what, "its text was shortened to 64 KiB"});
        }
        return fitted;
    }

    std::optional<Matched> person(PersonRef const& ref) {
        auto const key = ref.email + '\n' + ref.username + '\n' + ref.name;
        auto it = people_.find(key);
        if (it != people_.end()) return it->second;
        auto matched = match_member(tx_, ref);
        people_.emplace(key, matched);
        if (matched) {
            report_.members_matched.push_back(
                fmt::format("{} → {}", ref.name.empty() ? ref.email : ref.name,
                            matched->display_name));
        } else {
            report_.members_imported.push_back(ref.name);
        }
        return matched;
    }

    void write_list(ListData const& list, std::string const& position) {
        auto const what = fmt::format("list “{}”", list.name);
        auto const name = fitted_title(list.name, what);
        std::optional<Millis> archived;
        if (list.archived) archived = now_;
        auto const id =
            ListId{tx_.query_one(sql::insert_list, board_, name, position, now_, archived)->i64(0)};
        ++report_.lists;
        if (list.archived) ++report_.archived_lists;
        auto const keys = boards::evenly_spaced_keys(list.cards.size());
        for (std::size_t i = 0; i < list.cards.size(); ++i) write_card(id, list.cards[i], keys[i]);
    }

    void write_card(ListId list, CardData const& card, std::string const& position) {
        auto const what = card_what(card.title);
        auto const title = fitted_title(card.title, what);
        auto const body = fitted_markdown(card.body, what);
        std::optional<std::string> location;
        if (card.location && !text::trim(*card.location).empty()) {
            location = fit_chars(*card.location, limits::kMaxShortTextChars);
            if (location->size() < card.location->size()) {
                report_.changed.push_back(Note{what, "its location was shortened to fit"});
            }
        }
        std::optional<std::string> cover;
        if (card.cover_url) {
            if (cover_ok(*card.cover_url)) {
                cover = card.cover_url;
                ++report_.covers;
            } else {
                report_.skipped.push_back(Note{what, "its cover is not an https:// image link"});
            }
        }
        auto start_at = card.start_at;
        if (start_at && card.due_at && *start_at > *card.due_at) start_at.reset();
        std::optional<MemberId> author;
        if (card.author) {
            if (auto m = person(*card.author)) author = m->id;
        }
        auto const created = card.created_at > 0 ? card.created_at : now_;
        auto const updated = std::max(created, card.updated_at);
        std::optional<Millis> archived;
        if (card.archived) archived = updated;
        auto const id = CardId{tx_.query_one(sql::insert_card, board_, list, title, body,
                                             boards::render_markdown(body), position, start_at,
                                             card.due_at, card.due_complete, location, cover,
                                             card.pinned, author, created, updated, archived)
                                   ->i64(0)};
        ++report_.cards;
        if (card.archived) ++report_.archived_cards;

        std::set<LabelId> labels;
        for (auto index : card.labels) {
            if (index < labels_.size() && labels_[index] && labels.insert(labels_[index]).second) {
                tx_.exec(sql::insert_card_label, id, labels_[index]);
            }
        }

        std::set<MemberId> members;
        std::set<std::string> names;
        for (auto const& ref : card.assignees) {
            if (auto m = person(ref)) {
                if (members.insert(m->id).second) {
                    tx_.exec(sql::insert_assignee, id, m->id);
                    ++report_.assignees;
                }
            } else {
                auto name = fit_chars(ref.name, limits::kMaxNameChars);
                if (names.insert(name).second) {
                    tx_.exec(sql::insert_imported_assignee, id, name);
                    ++report_.assignees;
                }
            }
        }

        auto const checklist_count = std::min(card.checklists.size(), boards::kMaxChecklistsPerCard);
        auto const checklist_keys = boards::evenly_spaced_keys(checklist_count);
        for (std::size_t i = 0; i < card.checklists.size(); ++i) {
            auto const& checklist = card.checklists[i];
            if (i >= checklist_count) {
                report_.skipped.push_back(
                    Note{fmt::format("checklist “{}” on {}", checklist.name, what),
                         fmt::format("a card may have at most {} checklists",
                                     boards::kMaxChecklistsPerCard)});
                continue;
            }
            write_checklist(id, checklist, checklist_keys[i], what);
        }

        for (auto const& comment : card.comments) write_comment(id, comment, what);

        auto const attachment_keys = boards::evenly_spaced_keys(card.attachments.size());
        for (std::size_t i = 0; i < card.attachments.size(); ++i) {
            auto const& a = card.attachments[i];
            if (!link_ok(a.url)) {
                report_.skipped.push_back(Note{
                    fmt::format("attachment “{}” on {}", a.name, what),
                    "its URL is not an http(s) link"});
                continue;
            }
            auto name = fit_chars(text::trim(a.name).empty() ? a.url : a.name,
                                  limits::kMaxTitleChars);
            tx_.exec(sql::insert_attachment, id, name, a.url,
                     fit_chars(a.note, limits::kMaxShortTextChars), attachment_keys[i], created);
            ++report_.attachments;
        }
    }

    void write_checklist(CardId card, ChecklistData const& checklist, std::string const& position,
                         std::string const& card_what_text) {
        auto const what = fmt::format("checklist “{}” on {}", checklist.name, card_what_text);
        auto name = text::trim(checklist.name).empty()
                        ? std::string("Checklist")
                        : fit_chars(text::trim(checklist.name), limits::kMaxTitleChars);
        auto const id =
            ChecklistId{tx_.query_one(sql::insert_checklist, card, name, position)->i64(0)};
        ++report_.checklists;
        auto const count = std::min(checklist.items.size(), boards::kMaxItemsPerChecklist);
        if (count < checklist.items.size()) {
            report_.skipped.push_back(
                Note{what, fmt::format("{} items left out: a checklist may have at most {}",
                                       checklist.items.size() - count,
                                       boards::kMaxItemsPerChecklist)});
        }
        auto const keys = boards::evenly_spaced_keys(count);
        for (std::size_t i = 0; i < count; ++i) {
            auto const& item = checklist.items[i];
            auto item_text = text::trim(item.text).empty()
                                 ? std::string(kUntitled)
                                 : fit_chars(item.text, limits::kMaxTitleChars);
            tx_.exec(sql::insert_checklist_item, id, item_text, item.done, keys[i]);
            ++report_.checklist_items;
        }
    }

    void write_comment(CardId card, CommentData const& comment, std::string const& what) {
        std::optional<MemberId> author;
        std::optional<std::string> imported;
        if (comment.author) {
            if (auto m = person(*comment.author)) {
                author = m->id;
            } else {
                imported = fit_chars(comment.author->name, limits::kMaxNameChars);
            }
        }
        auto const body = comment.deleted_at ? std::string()
                                             : fitted_markdown(comment.body, "a comment on " + what);
        auto const created = comment.created_at > 0 ? comment.created_at : now_;
        tx_.exec(sql::insert_comment, card, author, imported, body,
                 body.empty() ? std::string() : boards::render_markdown(body), created,
                 std::max(created, comment.updated_at), comment.deleted_at);
        ++report_.comments;
    }

    store::Tx& tx_;
    Actor const& actor_;
    Report& report_;
    Millis now_;
    BoardId board_;
    std::vector<LabelId> labels_;  // by index in BoardData::labels; zero when left out
    std::map<std::string, std::optional<Matched>> people_;
};

}  // namespace

std::optional<Matched> match_member(store::Sql& sql, PersonRef const& person) {
    if (!person.email.empty()) {
        if (auto row = sql.query_one(sql::member_by_email, text::ascii_lower(person.email))) {
            return Matched{row->id<MemberId>(0), row->text(1)};
        }
    }
    if (!person.username.empty()) {
        auto rows = sql.query(sql::members_by_username, like_prefix(person.username));
        // Two members with that name before the '@' (at different domains): credit neither.
        if (rows.size() == 1) return Matched{rows[0].id<MemberId>(0), rows[0].text(1)};
    }
    return std::nullopt;
}

Report write_board(store::Tx& tx, Actor const& actor, BoardData const& data,
                   std::optional<SpaceId> space, Report report) {
    Writer writer(tx, actor, report);
    writer.write(data, space);
    return report;
}

}  // namespace village::importers
