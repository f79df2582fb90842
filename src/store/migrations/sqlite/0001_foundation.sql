-- Members, sessions, groups, spaces, boards, lists, cards, comments, reactions and the activity log.
-- Times are epoch milliseconds; flags are 0/1; text is UTF-8.

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL UNIQUE,          -- lower-cased email: unique case-insensitively
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'trainer', 'trainee', 'guest')),
    grade         TEXT,
    site          TEXT,
    interests     TEXT NOT NULL DEFAULT '[]',    -- JSON array of strings
    password_hash TEXT,                          -- argon2id; NULL when no password is set
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    last_seen_at  INTEGER,
    deactivated_at INTEGER
);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,           -- hash of the cookie value; the value is never stored
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    revoked_at   INTEGER,
    address      TEXT,
    user_agent   TEXT
);
CREATE INDEX sessions_member ON sessions(member_id);

CREATE TABLE access_tokens (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    expires_at   INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX access_tokens_member ON access_tokens(member_id);

-- Failed sign-ins, counted over a window per account and per address.
CREATE TABLE signin_failures (
    id        INTEGER PRIMARY KEY,
    scope     TEXT NOT NULL CHECK (scope IN ('account', 'address')),
    key       TEXT NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures(scope, key, at);

-- One-time links, e.g. the link that creates the first admin of an empty community.
CREATE TABLE setup_tokens (
    id         INTEGER PRIMARY KEY,
    purpose    TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE TABLE groups (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

CREATE TABLE group_members (
    group_id  INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_members_member ON group_members(member_id);

CREATE TABLE spaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    position    TEXT NOT NULL,
    created_by  INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    archived_at INTEGER
);

CREATE TABLE boards (
    id           INTEGER PRIMARY KEY,
    space_id     INTEGER REFERENCES spaces(id) ON DELETE SET NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    visibility   TEXT NOT NULL CHECK (visibility IN ('public', 'community', 'groups', 'private')),
    default_role TEXT NOT NULL DEFAULT 'member' CHECK (default_role IN ('member', 'viewer')),
    comments_enabled INTEGER NOT NULL DEFAULT 1,
    created_by   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    archived_at  INTEGER,
    version      INTEGER NOT NULL DEFAULT 1      -- bumped by every change on the board: ETag, cache
);
CREATE INDEX boards_space ON boards(space_id);

CREATE TABLE board_groups (
    board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (board_id, group_id)
);
CREATE INDEX board_groups_group ON board_groups(group_id);

CREATE TABLE board_members (
    board_id  INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'member', 'viewer')),
    PRIMARY KEY (board_id, member_id)
);
CREATE INDEX board_members_member ON board_members(member_id);

CREATE TABLE lists (
    id          INTEGER PRIMARY KEY,
    board_id    INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    TEXT NOT NULL,                   -- fractional key; ordered bytewise
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    archived_at INTEGER
);
CREATE INDEX lists_board ON lists(board_id, position);

CREATE TABLE labels (
    id       INTEGER PRIMARY KEY,
    board_id INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    name     TEXT NOT NULL DEFAULT '',
    color    TEXT NOT NULL
);
CREATE INDEX labels_board ON labels(board_id);

CREATE TABLE cards (
    id           INTEGER PRIMARY KEY,
    board_id     INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    list_id      INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    body_md      TEXT NOT NULL DEFAULT '',
    body_html    TEXT NOT NULL DEFAULT '',       -- rendered once by cmark-gfm in safe mode
    position     TEXT NOT NULL,
    start_at     INTEGER,
    due_at       INTEGER,
    due_complete INTEGER NOT NULL DEFAULT 0,
    location     TEXT,
    cover_url    TEXT,
    pinned       INTEGER NOT NULL DEFAULT 0,
    author_id    INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    archived_at  INTEGER
);
CREATE INDEX cards_list ON cards(list_id, position);
CREATE INDEX cards_board ON cards(board_id);

CREATE TABLE card_labels (
    card_id  INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    PRIMARY KEY (card_id, label_id)
);
CREATE INDEX card_labels_label ON card_labels(label_id);

CREATE TABLE card_assignees (
    card_id   INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    PRIMARY KEY (card_id, member_id)
);
CREATE INDEX card_assignees_member ON card_assignees(member_id);

CREATE TABLE checklists (
    id       INTEGER PRIMARY KEY,
    card_id  INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    position TEXT NOT NULL
);
CREATE INDEX checklists_card ON checklists(card_id, position);

CREATE TABLE checklist_items (
    id           INTEGER PRIMARY KEY,
    checklist_id INTEGER NOT NULL REFERENCES checklists(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    done         INTEGER NOT NULL DEFAULT 0,
    position     TEXT NOT NULL
);
CREATE INDEX checklist_items_checklist ON checklist_items(checklist_id, position);

CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    body_md     TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER,
    deleted_by  INTEGER REFERENCES members(id) ON DELETE SET NULL
);
CREATE INDEX comments_card ON comments(card_id, id);

CREATE TABLE card_reactions (
    card_id   INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    emoji     TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (card_id, member_id, emoji)
);

CREATE TABLE comment_reactions (
    comment_id INTEGER NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    emoji      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (comment_id, member_id, emoji)
);

-- Append-only record of every change; written in the same transaction as the change.
CREATE TABLE activity (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    type       TEXT NOT NULL,                    -- "card.created", "comment.added", …
    space_id   INTEGER,
    board_id   INTEGER,
    list_id    INTEGER,
    card_id    INTEGER,
    comment_id INTEGER,
    data       TEXT NOT NULL DEFAULT '{}'        -- JSON: what changed
);
CREATE INDEX activity_board ON activity(board_id, id);
CREATE INDEX activity_card ON activity(card_id, id);
