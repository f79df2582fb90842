// What an import carries, whatever it came from: a board as plain data (lists of cards with
// their labels, checklists, comments, attachments and people), and the report an import ends
// with. The Trello reader and Village's own format both produce a BoardData; one writer
// (importers/writer.hpp) stores it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace village::importers {

// Someone named in the source: matched to a Village member by email, then by username (the part
// of a member's email before the '@'); anyone unmatched is kept by name, marked as imported.
struct PersonRef {
    std::string name;
    std::string email;     // empty when the source does not say
    std::string username;  // empty when the source does not say
    [[nodiscard]] bool empty() const { return name.empty() && email.empty() && username.empty(); }
};

struct LabelData {
    std::string name;  // may be empty
    std::string color;  // one of boards::label_colors()
};

struct ChecklistItemData {
    std::string text;
    bool done = false;
};

struct ChecklistData {
    std::string name;
    std::vector<ChecklistItemData> items;  // in order
};

struct CommentData {
    std::optional<PersonRef> author;  // absent: nobody (e.g. an account that was deleted)
    std::string body;                 // markdown; empty for a removed comment
    Millis created_at = 0;
    Millis updated_at = 0;
    std::optional<Millis> deleted_at;
};

struct AttachmentData {
    std::string name;
    std::string url;
    std::string note;  // e.g. that opening it needs a Trello login
};

struct CardData {
    std::string title;
    std::string body;  // markdown
    std::vector<std::size_t> labels;  // indexes into BoardData::labels
    std::optional<Millis> start_at;
    std::optional<Millis> due_at;
    bool due_complete = false;
    std::optional<std::string> location;
    std::optional<std::string> cover_url;
    bool pinned = false;
    bool archived = false;
    std::optional<PersonRef> author;
    Millis created_at = 0;
    Millis updated_at = 0;
    std::vector<PersonRef> assignees;
    std::vector<ChecklistData> checklists;  // in order
    std::vector<CommentData> comments;      // oldest first
    std::vector<AttachmentData> attachments;
};

struct ListData {
    std::string name;
    bool archived = false;
    std::vector<CardData> cards;  // in order, archived ones included
};

struct BoardData {
    std::string name;
    std::string description;
    std::vector<LabelData> labels;
    std::vector<ListData> lists;  // in order, archived ones included
    // Settings Village's own format carries; a Trello board takes the defaults.
    std::optional<std::string> visibility;
    std::optional<std::string> default_role;
    bool comments_enabled = true;
};

// One thing the report mentions: what it concerns ("card “Plan”") and why.
struct Note {
    std::string what;
    std::string why;
};

// What an import did: counts of what it wrote, what it left out and why, and where the source's
// own counts disagree with what it holds.
struct Report {
    std::string source;  // "trello" or "village"
    BoardId board;
    std::string board_name;
    std::int64_t lists = 0;
    std::int64_t archived_lists = 0;
    std::int64_t cards = 0;
    std::int64_t archived_cards = 0;
    std::int64_t labels = 0;
    std::int64_t checklists = 0;
    std::int64_t checklist_items = 0;
    std::int64_t comments = 0;
    std::int64_t attachments = 0;
    std::int64_t assignees = 0;
    std::int64_t covers = 0;
    // People named in the source: matched to Village members, or kept by name.
    std::vector<std::string> members_matched;   // "Trello name → Village name"
    std::vector<std::string> members_imported;  // names kept as imported
    std::vector<Note> skipped;
    std::vector<Note> changed;        // imported, but altered to fit (e.g. a title shortened)
    std::vector<Note> discrepancies;  // the source's counts disagree with its contents
};

}  // namespace village::importers
