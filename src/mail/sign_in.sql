-- Magic links: one-time sign-in links sent by mail.

-- name: active_member_by_email_key
SELECT id FROM members WHERE email_key = $1 AND deactivated_at IS NULL

-- name: insert_sign_in_link
INSERT INTO sign_in_links (member_id, token_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4)

-- Using a link and checking it are one statement, so two clicks racing cannot both win.
-- name: use_sign_in_link
UPDATE sign_in_links SET used_at = $2
WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
RETURNING member_id

-- name: prune_sign_in_links
DELETE FROM sign_in_links WHERE member_id = $1 AND (used_at IS NOT NULL OR expires_at <= $2)
