-- Checklists and their items (boards/checklists.cpp).

-- name: checklist_by_id
SELECT id, card_id, name, position FROM checklists WHERE id = $1

-- name: card_checklists
SELECT id, card_id, name, position FROM checklists WHERE card_id = $1 ORDER BY position, id

-- name: card_checklist_items
SELECT i.id, i.checklist_id, i.text, i.done, i.position
FROM checklist_items i JOIN checklists c ON c.id = i.checklist_id
WHERE c.card_id = $1
ORDER BY i.checklist_id, i.position, i.id

-- name: checklist_items
SELECT id, checklist_id, text, done, position FROM checklist_items WHERE checklist_id = $1
ORDER BY position, id

-- name: count_checklists
SELECT COUNT(*) FROM checklists WHERE card_id = $1

-- name: count_items
SELECT COUNT(*) FROM checklist_items WHERE checklist_id = $1

-- name: insert_checklist
INSERT INTO checklists (card_id, name, position) VALUES ($1, $2, $3) RETURNING id

-- name: update_checklist
UPDATE checklists SET name = $2, position = $3 WHERE id = $1

-- name: delete_checklist
DELETE FROM checklists WHERE id = $1

-- name: item_by_id
SELECT i.id, i.checklist_id, i.text, i.done, i.position, c.card_id
FROM checklist_items i JOIN checklists c ON c.id = i.checklist_id
WHERE i.id = $1

-- name: insert_item
INSERT INTO checklist_items (checklist_id, text, done, position) VALUES ($1, $2, 0, $3)
RETURNING id

-- name: update_item
UPDATE checklist_items SET checklist_id = $2, text = $3, done = $4, position = $5 WHERE id = $1

-- name: delete_item
DELETE FROM checklist_items WHERE id = $1

-- name: checklist_anchor
SELECT position FROM checklists WHERE id = $1 AND card_id = $2

-- name: checklist_next
SELECT position FROM checklists
WHERE card_id = $1 AND id <> $4 AND (position > $2 OR (position = $2 AND id > $3))
ORDER BY position, id LIMIT 1

-- name: checklist_previous
SELECT position FROM checklists
WHERE card_id = $1 AND id <> $4 AND (position < $2 OR (position = $2 AND id < $3))
ORDER BY position DESC, id DESC LIMIT 1

-- name: checklist_last
SELECT position FROM checklists WHERE card_id = $1 AND id <> $2
ORDER BY position DESC, id DESC LIMIT 1

-- name: checklist_all
SELECT id FROM checklists WHERE card_id = $1 ORDER BY position, id

-- name: checklist_set_position
UPDATE checklists SET position = $2 WHERE id = $1

-- name: item_anchor
SELECT position FROM checklist_items WHERE id = $1 AND checklist_id = $2

-- name: item_next
SELECT position FROM checklist_items
WHERE checklist_id = $1 AND id <> $4 AND (position > $2 OR (position = $2 AND id > $3))
ORDER BY position, id LIMIT 1

-- name: item_previous
SELECT position FROM checklist_items
WHERE checklist_id = $1 AND id <> $4 AND (position < $2 OR (position = $2 AND id < $3))
ORDER BY position DESC, id DESC LIMIT 1

-- name: item_last
SELECT position FROM checklist_items WHERE checklist_id = $1 AND id <> $2
ORDER BY position DESC, id DESC LIMIT 1

-- name: item_all
SELECT id FROM checklist_items WHERE checklist_id = $1 ORDER BY position, id

-- name: item_set_position
UPDATE checklist_items SET position = $2 WHERE id = $1
