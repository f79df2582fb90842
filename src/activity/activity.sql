-- name: insert_activity
INSERT INTO activity (at, actor_id, type, space_id, board_id, list_id, card_id, comment_id, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id

-- name: bump_board_version
UPDATE boards SET version = version + 1, updated_at = $2 WHERE id = $1

-- name: board_activity_page
SELECT a.id, a.at, a.actor_id, m.display_name, a.type, a.list_id, a.card_id, a.comment_id, a.data
FROM activity a LEFT JOIN members m ON m.id = a.actor_id
WHERE a.board_id = $1 AND a.id < $2
ORDER BY a.id DESC
LIMIT $3
