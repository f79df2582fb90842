-- Reading a whole board for an export (importers/village_format/load.cpp), one statement per
-- table, each scoped to the board.

-- name: export_board
SELECT name, description, visibility, default_role, comments_enabled
FROM boards WHERE id = $1

-- name: export_labels
SELECT id, name, color FROM labels WHERE board_id = $1 ORDER BY id

-- name: export_lists
SELECT id, name, archived_at FROM lists WHERE board_id = $1 ORDER BY position, id

-- name: export_cards
SELECT c.id, c.list_id, c.title, c.body_md, c.start_at, c.due_at, c.due_complete, c.location,
       c.cover_url, c.pinned, c.archived_at, c.created_at, c.updated_at, m.display_name, m.email
FROM cards c LEFT JOIN members m ON m.id = c.author_id
WHERE c.board_id = $1
ORDER BY c.position, c.id

-- name: export_card_labels
SELECT cl.card_id, cl.label_id
FROM card_labels cl JOIN cards c ON c.id = cl.card_id
WHERE c.board_id = $1
ORDER BY cl.card_id, cl.label_id

-- name: export_assignees
SELECT ca.card_id, m.display_name, m.email
FROM card_assignees ca JOIN members m ON m.id = ca.member_id JOIN cards c ON c.id = ca.card_id
WHERE c.board_id = $1
ORDER BY ca.card_id, m.display_name, m.id

-- name: export_imported_assignees
SELECT ia.card_id, ia.name
FROM card_imported_assignees ia JOIN cards c ON c.id = ia.card_id
WHERE c.board_id = $1
ORDER BY ia.card_id, ia.name

-- name: export_checklists
SELECT ch.id, ch.card_id, ch.name
FROM checklists ch JOIN cards c ON c.id = ch.card_id
WHERE c.board_id = $1
ORDER BY ch.card_id, ch.position, ch.id

-- name: export_checklist_items
SELECT ci.checklist_id, ci.text, ci.done
FROM checklist_items ci
JOIN checklists ch ON ch.id = ci.checklist_id
JOIN cards c ON c.id = ch.card_id
WHERE c.board_id = $1
ORDER BY ci.checklist_id, ci.position, ci.id

-- name: export_comments
SELECT co.card_id, co.body_md, co.created_at, co.updated_at, co.deleted_at, m.display_name,
       m.email, co.imported_author
FROM comments co JOIN cards c ON c.id = co.card_id LEFT JOIN members m ON m.id = co.author_id
WHERE c.board_id = $1
ORDER BY co.card_id, co.created_at, co.id

-- name: export_attachments
SELECT a.card_id, a.name, a.url, a.note
FROM card_attachments a JOIN cards c ON c.id = a.card_id
WHERE c.board_id = $1
ORDER BY a.card_id, a.position, a.id
