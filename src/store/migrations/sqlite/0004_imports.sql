-- Imported boards: links attached to cards, and people from another tool (e.g. Trello) who match
-- no Village member, kept by the name they had there and marked as imported.

CREATE TABLE card_attachments (
    id         INTEGER PRIMARY KEY,
    card_id    INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    url        TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',         -- e.g. "needs a Trello login to open"
    position   TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX card_attachments_card ON card_attachments(card_id, position);

-- An assignee who is not a Village member: the name they had in the tool the board came from.
CREATE TABLE card_imported_assignees (
    card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    PRIMARY KEY (card_id, name)
);

-- A comment whose author is not a Village member: author_id is NULL and this holds their name.
ALTER TABLE comments ADD COLUMN imported_author TEXT;
