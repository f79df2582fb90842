-- The board read: one statement per table, each scoped to one board (boards/board_view.cpp).
-- $2 is 1 to include archived lists and cards, 0 for open ones in open lists only.

-- name: view_last_activity
SELECT COALESCE(MAX(id), 0) FROM activity WHERE board_id = $1

-- name: view_labels
SELECT id, name, color FROM labels WHERE board_id = $1 ORDER BY id

-- name: view_members
SELECT m.id, m.display_name, bm.role
FROM board_members bm JOIN members m ON m.id = bm.member_id
WHERE bm.board_id = $1
ORDER BY lower(m.display_name), m.id

-- name: view_lists
SELECT id, name, position, archived_at
FROM lists
WHERE board_id = $1 AND ($2 = 1 OR archived_at IS NULL)
ORDER BY position, id

-- name: view_cards
SELECT c.id, c.list_id, c.title, c.position, c.start_at, c.due_at, c.due_complete, c.location,
       c.pinned, c.cover_url, c.author_id, c.archived_at
FROM cards c JOIN lists l ON l.id = c.list_id
WHERE c.board_id = $1 AND ($2 = 1 OR (c.archived_at IS NULL AND l.archived_at IS NULL))
ORDER BY l.position, l.id, c.position, c.id

-- name: view_card_labels
SELECT cl.card_id, cl.label_id
FROM card_labels cl JOIN cards c ON c.id = cl.card_id
WHERE c.board_id = $1 AND ($2 = 1 OR c.archived_at IS NULL)
ORDER BY cl.card_id, cl.label_id

-- name: view_card_assignees
SELECT ca.card_id, ca.member_id
FROM card_assignees ca JOIN cards c ON c.id = ca.card_id
WHERE c.board_id = $1 AND ($2 = 1 OR c.archived_at IS NULL)
ORDER BY ca.card_id, ca.member_id

-- name: view_comment_counts
SELECT co.card_id, COUNT(*)
FROM comments co JOIN cards c ON c.id = co.card_id
WHERE c.board_id = $1 AND ($2 = 1 OR c.archived_at IS NULL) AND co.deleted_at IS NULL
GROUP BY co.card_id

-- name: view_checklist_counts
SELECT ch.card_id, SUM(ci.done), COUNT(*)
FROM checklist_items ci
JOIN checklists ch ON ch.id = ci.checklist_id
JOIN cards c ON c.id = ch.card_id
WHERE c.board_id = $1 AND ($2 = 1 OR c.archived_at IS NULL)
GROUP BY ch.card_id

-- name: view_attachment_counts
SELECT a.card_id, COUNT(*)
FROM card_attachments a JOIN cards c ON c.id = a.card_id
WHERE c.board_id = $1 AND ($2 = 1 OR c.archived_at IS NULL)
GROUP BY a.card_id

-- name: view_imported_assignees
SELECT ia.card_id, ia.name
FROM card_imported_assignees ia JOIN cards c ON c.id = ia.card_id
WHERE c.board_id = $1 AND ($2 = 1 OR c.archived_at IS NULL)
ORDER BY ia.card_id, ia.name
