-- Each member's mail preferences; no row means the defaults.

-- name: preferences_of
SELECT notify, digest_minute, time_zone FROM mail_preferences WHERE member_id = $1

-- A change reschedules digests. A member who turns to "immediately" is mailed only about
-- notifications from then on (mailed_through: their newest so far); one who stays there keeps
-- the mail they are owed.
-- name: upsert_preferences
INSERT INTO mail_preferences (member_id, notify, digest_minute, time_zone, next_digest_at,
                              mailed_through, updated_at)
VALUES ($1, $2, $3, $4, NULL,
        (SELECT COALESCE(MAX(n.id), 0) FROM notifications n WHERE n.member_id = $1), $5)
ON CONFLICT (member_id) DO UPDATE
SET notify = excluded.notify, digest_minute = excluded.digest_minute,
    time_zone = excluded.time_zone,
    next_digest_at = CASE WHEN mail_preferences.notify = 'immediately'
                           AND excluded.notify = 'immediately'
                          THEN mail_preferences.next_digest_at END,
    mailed_through = CASE WHEN mail_preferences.notify = 'immediately'
                          THEN mail_preferences.mailed_through
                          ELSE excluded.mailed_through END,
    updated_at = excluded.updated_at

-- name: member_name
SELECT display_name FROM members WHERE id = $1 AND deactivated_at IS NULL
