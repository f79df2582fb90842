-- Spaces: folders of boards. Every write is by a community admin (boards/spaces.cpp).

-- name: space_by_id
SELECT id, name, description, position, created_at FROM spaces WHERE id = $1

-- name: visible_spaces
-- A space is visible to every signed-in non-guest member, and to others when it holds a board
-- they may see ($1 member id, 0 when anonymous; $2 community role, '' when anonymous).
SELECT s.id, s.name, s.description, s.position, s.created_at
FROM spaces s
WHERE $2 IN ('admin', 'trainer', 'trainee')
   OR EXISTS (
        SELECT 1 FROM boards b
        WHERE b.space_id = s.id
          AND (b.visibility = 'public'
               OR EXISTS (SELECT 1 FROM board_members bm
                          WHERE bm.board_id = b.id AND bm.member_id = $1)
               OR (b.visibility = 'groups'
                   AND EXISTS (SELECT 1 FROM board_groups bg
                               JOIN group_members gm ON gm.group_id = bg.group_id
                               WHERE bg.board_id = b.id AND gm.member_id = $1))))
ORDER BY s.position, s.id

-- name: insert_space
INSERT INTO spaces (name, name_key, description, position, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id

-- name: update_space
UPDATE spaces SET name = $2, name_key = $3, description = $4 WHERE id = $1

-- name: delete_space
DELETE FROM spaces WHERE id = $1

-- name: boards_in_space
SELECT id FROM boards WHERE space_id = $1 ORDER BY id

-- name: space_anchor
-- The ordering of spaces (boards/position.hpp). There is one collection, so the parent is
-- always 0: it is compared, not ignored, so that every backend can tell its type.
SELECT position FROM spaces WHERE id = $1 AND CAST($2 AS BIGINT) = 0

-- name: space_next
SELECT position FROM spaces
WHERE CAST($1 AS BIGINT) = 0 AND id <> $4 AND (position > $2 OR (position = $2 AND id > $3))
ORDER BY position, id LIMIT 1

-- name: space_previous
SELECT position FROM spaces
WHERE CAST($1 AS BIGINT) = 0 AND id <> $4 AND (position < $2 OR (position = $2 AND id < $3))
ORDER BY position DESC, id DESC LIMIT 1

-- name: space_last
SELECT position FROM spaces WHERE CAST($1 AS BIGINT) = 0 AND id <> $2
ORDER BY position DESC, id DESC LIMIT 1

-- name: space_all
SELECT id FROM spaces WHERE CAST($1 AS BIGINT) = 0 ORDER BY position, id

-- name: space_set_position
UPDATE spaces SET position = $2 WHERE id = $1
