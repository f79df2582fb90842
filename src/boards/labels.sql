-- Labels of a board and of its cards (boards/labels.cpp).

-- name: label_by_id
SELECT id, board_id, name, color FROM labels WHERE id = $1

-- name: board_labels
SELECT id, board_id, name, color FROM labels WHERE board_id = $1 ORDER BY id

-- name: count_board_labels
SELECT COUNT(*) FROM labels WHERE board_id = $1

-- name: insert_label
INSERT INTO labels (board_id, name, color) VALUES ($1, $2, $3) RETURNING id

-- name: update_label
UPDATE labels SET name = $2, color = $3 WHERE id = $1

-- name: delete_label
DELETE FROM labels WHERE id = $1

-- name: card_labels
SELECT l.id, l.board_id, l.name, l.color
FROM card_labels cl JOIN labels l ON l.id = cl.label_id
WHERE cl.card_id = $1
ORDER BY l.id

-- name: label_of_board
SELECT 1 FROM labels WHERE id = $1 AND board_id = $2

-- name: add_card_label
INSERT INTO card_labels (card_id, label_id) VALUES ($1, $2)

-- name: remove_card_label
DELETE FROM card_labels WHERE card_id = $1 AND label_id = $2
