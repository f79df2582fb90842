-- Cards, their labels and assignees (boards/cards.cpp).

-- name: card_by_id
SELECT c.id, c.board_id, c.list_id, c.title, c.body_md, c.body_html, c.position, c.start_at,
       c.due_at, c.due_complete, c.location, c.cover_url, c.pinned, c.author_id, m.display_name,
       c.created_at, c.updated_at, c.archived_at
FROM cards c LEFT JOIN members m ON m.id = c.author_id
WHERE c.id = $1

-- name: list_of_card_target
SELECT board_id, archived_at FROM lists WHERE id = $1

-- name: insert_card
INSERT INTO cards (board_id, list_id, title, body_md, body_html, position, start_at, due_at,
                   location, pinned, author_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
RETURNING id

-- name: update_card
UPDATE cards
SET board_id = $2, list_id = $3, title = $4, body_md = $5, body_html = $6, position = $7,
    start_at = $8, due_at = $9, due_complete = $10, location = $11, cover_url = $12,
    pinned = $13, updated_at = $14, archived_at = $15
WHERE id = $1

-- name: delete_card
DELETE FROM cards WHERE id = $1

-- name: card_anchor
-- The ordering of a list's cards, archived ones included, so a restored card comes back where it
-- was (boards/position.hpp).
SELECT position FROM cards WHERE id = $1 AND list_id = $2

-- name: card_next
SELECT position FROM cards
WHERE list_id = $1 AND id <> $4 AND (position > $2 OR (position = $2 AND id > $3))
ORDER BY position, id LIMIT 1

-- name: card_previous
SELECT position FROM cards
WHERE list_id = $1 AND id <> $4 AND (position < $2 OR (position = $2 AND id < $3))
ORDER BY position DESC, id DESC LIMIT 1

-- name: card_last
SELECT position FROM cards WHERE list_id = $1 AND id <> $2
ORDER BY position DESC, id DESC LIMIT 1

-- name: card_all
SELECT id FROM cards WHERE list_id = $1 ORDER BY position, id

-- name: card_set_position
UPDATE cards SET position = $2 WHERE id = $1

-- name: card_assignees
SELECT m.id, m.display_name
FROM card_assignees ca JOIN members m ON m.id = ca.member_id
WHERE ca.card_id = $1
ORDER BY m.display_name, m.id

-- name: is_assignee
SELECT 1 FROM card_assignees WHERE card_id = $1 AND member_id = $2

-- name: clear_assignees
DELETE FROM card_assignees WHERE card_id = $1

-- name: add_assignee
INSERT INTO card_assignees (card_id, member_id) VALUES ($1, $2)

-- name: remove_assignee
DELETE FROM card_assignees WHERE card_id = $1 AND member_id = $2

-- name: assignable_member
-- An active member who might be assigned; whether they see the board is decided by permissions.
SELECT id, role, display_name FROM members WHERE id = $1 AND deactivated_at IS NULL
