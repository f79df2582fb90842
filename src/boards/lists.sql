-- Lists: the ordered columns of a board (boards/lists.cpp).

-- name: list_by_id
SELECT id, board_id, name, position, created_at, updated_at, archived_at FROM lists WHERE id = $1

-- name: insert_list
INSERT INTO lists (board_id, name, position, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
RETURNING id

-- name: update_list
UPDATE lists SET name = $2, position = $3, archived_at = $4, updated_at = $5 WHERE id = $1

-- name: delete_list
DELETE FROM lists WHERE id = $1

-- name: list_anchor
-- The ordering of a board's lists, archived ones included, so a restored list comes back where
-- it was (boards/position.hpp).
SELECT position FROM lists WHERE id = $1 AND board_id = $2

-- name: list_next
SELECT position FROM lists
WHERE board_id = $1 AND id <> $4 AND (position > $2 OR (position = $2 AND id > $3))
ORDER BY position, id LIMIT 1

-- name: list_previous
SELECT position FROM lists
WHERE board_id = $1 AND id <> $4 AND (position < $2 OR (position = $2 AND id < $3))
ORDER BY position DESC, id DESC LIMIT 1

-- name: list_last
SELECT position FROM lists WHERE board_id = $1 AND id <> $2
ORDER BY position DESC, id DESC LIMIT 1

-- name: list_all
SELECT id FROM lists WHERE board_id = $1 ORDER BY position, id

-- name: list_set_position
UPDATE lists SET position = $2 WHERE id = $1
