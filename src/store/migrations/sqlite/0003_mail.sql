-- Mail: the outbox every outgoing mail goes through, one-time sign-in links, invitations, each
-- member's mail preferences (and when their next digest is due), and the server's signing key.
-- Times are epoch milliseconds.

-- Written in the same transaction as the change that causes the mail; a worker sends it.
CREATE TABLE mail_outbox (
    id            INTEGER PRIMARY KEY,
    message_id    TEXT NOT NULL UNIQUE,          -- the Message-ID header, the same on every retry
    kind          TEXT NOT NULL,                 -- 'sign_in', 'invitation', 'digest', 'notification'
    member_id     INTEGER REFERENCES members(id) ON DELETE SET NULL,
    to_address    TEXT NOT NULL,
    subject       TEXT NOT NULL,                 -- as written, for the log and for people
    message       TEXT NOT NULL,                 -- the whole RFC 5322 message, as sent
    created_at    INTEGER NOT NULL,
    due_at        INTEGER NOT NULL,              -- not tried again before this
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_until INTEGER,                       -- a worker is sending it until then
    sent_at       INTEGER,                       -- the server accepted it
    last_error    TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, due_at);

-- Magic links: sign in by mail. Only a hash of the link's token is stored.
CREATE TABLE sign_in_links (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX sign_in_links_member ON sign_in_links(member_id);

-- An admin's invitation of one person; accepting it creates the member.
CREATE TABLE invitations (
    id           INTEGER PRIMARY KEY,
    email        TEXT NOT NULL,
    email_key    TEXT NOT NULL,                  -- lower-cased email
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'trainer', 'trainee', 'guest')),
    grade        TEXT,
    site         TEXT,
    group_ids    TEXT NOT NULL DEFAULT '[]',     -- JSON array of group ids joined on accepting
    token_hash   TEXT NOT NULL UNIQUE,
    invited_by   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_at  INTEGER,
    member_id    INTEGER REFERENCES members(id) ON DELETE SET NULL
);
CREATE INDEX invitations_email ON invitations(email_key);

-- How and when a member hears of things by mail. No row: the defaults (a daily digest).
CREATE TABLE mail_preferences (
    member_id      INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    notify         TEXT NOT NULL DEFAULT 'daily'
                   CHECK (notify IN ('immediately', 'daily', 'weekly', 'never')),
    digest_minute  INTEGER NOT NULL DEFAULT 420, -- local time of day for digests, minutes (07:00)
    time_zone      TEXT,                         -- IANA name; NULL: the quiet hours' zone, else UTC
    next_digest_at INTEGER,                      -- when the digest job next looks at this member
    last_digest_at INTEGER,                      -- what the last digest covered up to
    mailed_through INTEGER NOT NULL DEFAULT 0,   -- last notification id sent immediately
    updated_at     INTEGER NOT NULL
);
CREATE INDEX mail_preferences_due ON mail_preferences(next_digest_at);

-- Secrets the server signs links with (e.g. one-click unsubscribe), shared by every process.
CREATE TABLE signing_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
