-- One-time setup links, e.g. the link that creates the first admin of an empty community.

-- name: insert_setup_token
INSERT INTO setup_tokens (purpose, token_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4)

-- name: usable_setup_token
SELECT id FROM setup_tokens
WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3

-- name: use_setup_token
UPDATE setup_tokens SET used_at = $2 WHERE id = $1 AND used_at IS NULL
