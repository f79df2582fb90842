-- name: last_activity_id
SELECT COALESCE(MAX(id), 0) FROM activity

-- name: activity_after
SELECT a.id, a.at, a.actor_id, m.display_name, a.type, a.board_id, a.list_id, a.card_id,
       a.comment_id, a.data
FROM activity a LEFT JOIN members m ON m.id = a.actor_id
WHERE a.id > $1
ORDER BY a.id
LIMIT $2

-- name: board_activity_between
SELECT a.id, a.at, a.actor_id, m.display_name, a.type, a.board_id, a.list_id, a.card_id,
       a.comment_id, a.data
FROM activity a LEFT JOIN members m ON m.id = a.actor_id
WHERE a.board_id = $1 AND a.id > $2 AND a.id <= $3
ORDER BY a.id
LIMIT $4
