-- Sessions: signed-in browsers. Only a hash of the cookie's token is stored.

-- name: insert_session
INSERT INTO sessions (member_id, token_hash, csrf_token, created_at, expires_at, last_used_at,
                      address, user_agent)
VALUES ($1, $2, $3, $4, $5, $4, $6, $7)
RETURNING id

-- name: live_session_by_token_hash
SELECT s.id, s.member_id, s.csrf_token, s.expires_at, s.last_used_at, m.role, m.display_name
FROM sessions s JOIN members m ON m.id = s.member_id
WHERE s.token_hash = $1
  AND s.revoked_at IS NULL
  AND s.expires_at > $2
  AND m.deactivated_at IS NULL

-- name: live_session_by_id
SELECT s.id, s.member_id, s.csrf_token, s.expires_at
FROM sessions s
WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2

-- name: touch_session
UPDATE sessions SET last_used_at = $2 WHERE id = $1

-- name: revoke_session
UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL

-- name: revoke_session_by_token_hash
UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL

-- name: revoke_other_sessions
UPDATE sessions SET revoked_at = $3
WHERE member_id = $1 AND id <> $2 AND revoked_at IS NULL

-- name: revoke_all_sessions
UPDATE sessions SET revoked_at = $2 WHERE member_id = $1 AND revoked_at IS NULL

-- name: delete_dead_sessions
DELETE FROM sessions
WHERE member_id = $1 AND (expires_at <= $2 OR revoked_at IS NOT NULL)
