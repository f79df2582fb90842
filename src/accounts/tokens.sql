-- Personal access tokens, for scripts. Only a hash of each token is stored.

-- name: insert_token
INSERT INTO access_tokens (member_id, name, token_hash, created_at)
VALUES ($1, $2, $3, $4)
RETURNING id

-- name: count_live_tokens
SELECT COUNT(*) FROM access_tokens
WHERE member_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)

-- name: live_tokens_of_member
SELECT id, name, created_at, last_used_at
FROM access_tokens
WHERE member_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
ORDER BY id DESC

-- name: live_token_by_hash
SELECT t.id, t.member_id, t.last_used_at, m.role, m.display_name
FROM access_tokens t JOIN members m ON m.id = t.member_id
WHERE t.token_hash = $1
  AND t.revoked_at IS NULL
  AND (t.expires_at IS NULL OR t.expires_at > $2)
  AND m.deactivated_at IS NULL

-- name: live_token_name
SELECT name FROM access_tokens
WHERE id = $1 AND member_id = $2 AND revoked_at IS NULL

-- name: touch_token
UPDATE access_tokens SET last_used_at = $2 WHERE id = $1

-- name: revoke_token
UPDATE access_tokens SET revoked_at = $3
WHERE id = $1 AND member_id = $2 AND revoked_at IS NULL

-- name: revoke_all_tokens
UPDATE access_tokens SET revoked_at = $2 WHERE member_id = $1 AND revoked_at IS NULL
