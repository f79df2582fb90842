-- Each member's mail preferences; no row means the defaults.

-- name: preferences_of
SELECT notify, digest_minute, time_zone FROM mail_preferences WHERE member_id = $1

-- name: upsert_preferences
INSERT INTO mail_preferences (member_id, notify, digest_minute, time_zone, next_digest_at,
                              updated_at)
VALUES ($1, $2, $3, $4, NULL, $5)
ON CONFLICT (member_id) DO UPDATE
SET notify = excluded.notify, digest_minute = excluded.digest_minute,
    time_zone = excluded.time_zone, next_digest_at = NULL, updated_at = excluded.updated_at

-- name: member_name
SELECT display_name FROM members WHERE id = $1 AND deactivated_at IS NULL
