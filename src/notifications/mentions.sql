-- Mentions: finding members to suggest while typing @ (notifications/mentions.cpp).

-- name: mention_candidates
-- Active members whose display name contains $1 (lower-cased, LIKE-escaped), by name.
SELECT id, display_name, role FROM members
WHERE deactivated_at IS NULL AND lower(display_name) LIKE $1 ESCAPE '\'
ORDER BY lower(display_name), id
LIMIT $2 OFFSET $3
