-- Follows, notifications, the personal feed, announcements with reach, and quiet hours
-- (src/notifications/). Times are epoch milliseconds; flags are 0/1.

-- A member following a space, board or card. The most specific follow wins (card over board
-- over space). `origin` says why the row exists, so automatic follows can be undone without
-- touching the ones a member chose.
CREATE TABLE follows (
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    target_type TEXT NOT NULL CHECK (target_type IN ('space', 'board', 'card')),
    target_id   INTEGER NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('watching', 'normal', 'muted')),
    origin      TEXT NOT NULL CHECK (origin IN ('chosen', 'interest', 'author', 'commenter')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (member_id, target_type, target_id)
);
CREATE INDEX follows_target ON follows(target_type, target_id);

-- An activity that concerns a member; written in the same transaction as the activity.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL
                CHECK (kind IN ('mention', 'reply', 'comment', 'card', 'assigned', 'announcement')),
    board_id    INTEGER,
    card_id     INTEGER,
    comment_id  INTEGER,
    actor_id    INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER,
    push        INTEGER NOT NULL,                -- 1: an alert may be pushed (not quiet hours)
    UNIQUE (member_id, activity_id)
);
CREATE INDEX notifications_member ON notifications(member_id, id);
CREATE INDEX notifications_unread ON notifications(member_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_card ON notifications(card_id);

-- The personal feed, fanned out when a card or comment is added: one row per follower, so a
-- page costs what it shows whatever the size of the community.
CREATE TABLE feed_items (
    member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    board_id    INTEGER NOT NULL,
    card_id     INTEGER NOT NULL,
    PRIMARY KEY (member_id, activity_id)
);
CREATE INDEX feed_items_card ON feed_items(card_id);

-- "Mark all seen": the newest activity the member has seen in their feed.
CREATE TABLE feed_marks (
    member_id        INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    seen_activity_id INTEGER NOT NULL,
    seen_at          INTEGER NOT NULL
);

-- A card marked as an announcement to an audience; the recipients are fixed when it is made.
CREATE TABLE announcements (
    card_id      INTEGER PRIMARY KEY REFERENCES cards(id) ON DELETE CASCADE,
    announced_by INTEGER REFERENCES members(id) ON DELETE SET NULL,
    audience     TEXT NOT NULL CHECK (audience IN ('everyone', 'groups')),
    created_at   INTEGER NOT NULL
);

CREATE TABLE announcement_groups (
    card_id  INTEGER NOT NULL REFERENCES announcements(card_id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (card_id, group_id)
);

CREATE TABLE announcement_recipients (
    card_id         INTEGER NOT NULL REFERENCES announcements(card_id) ON DELETE CASCADE,
    member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    seen_at         INTEGER,
    acknowledged_at INTEGER,
    PRIMARY KEY (card_id, member_id)
);
CREATE INDEX announcement_recipients_pending ON announcement_recipients(member_id, card_id)
    WHERE acknowledged_at IS NULL;

-- Quiet hours in the member's own time zone: a daily window (it may cross midnight) and whole
-- days off. Notifications are still recorded; no alert is pushed while quiet.
CREATE TABLE quiet_hours (
    member_id    INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    time_zone    TEXT NOT NULL,                  -- IANA name, e.g. "Europe/London"
    start_minute INTEGER,                        -- minutes after local midnight; both NULL: no
    end_minute   INTEGER,                        -- daily window
    days_off     INTEGER NOT NULL DEFAULT 0,     -- bit 0 Monday … bit 6 Sunday
    updated_at   INTEGER NOT NULL
);

-- The first-visit checklist asks whether a member has ever posted or commented.
CREATE INDEX cards_author ON cards(author_id);
CREATE INDEX comments_author ON comments(author_id);
