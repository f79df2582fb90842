-- Writing an imported board (importers/writer.cpp): every row in the one import transaction.

-- name: member_by_email
SELECT id, display_name FROM members WHERE email_key = $1 AND deactivated_at IS NULL

-- name: members_by_username
-- Members whose email begins with "username@"; $1 is that prefix as a LIKE pattern, with
-- wildcards escaped by '\'.
SELECT id, display_name FROM members
WHERE email_key LIKE $1 ESCAPE '\' AND deactivated_at IS NULL
ORDER BY id LIMIT 2

-- name: insert_board
INSERT INTO boards (space_id, name, description, visibility, default_role, comments_enabled,
                    created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
RETURNING id

-- name: insert_board_admin
INSERT INTO board_members (board_id, member_id, role) VALUES ($1, $2, 'admin')

-- name: insert_label
INSERT INTO labels (board_id, name, color) VALUES ($1, $2, $3) RETURNING id

-- name: insert_list
INSERT INTO lists (board_id, name, position, created_at, updated_at, archived_at)
VALUES ($1, $2, $3, $4, $4, $5)
RETURNING id

-- name: insert_card
INSERT INTO cards (board_id, list_id, title, body_md, body_html, position, start_at, due_at,
                   due_complete, location, cover_url, pinned, author_id, created_at, updated_at,
                   archived_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
RETURNING id

-- name: insert_card_label
INSERT INTO card_labels (card_id, label_id) VALUES ($1, $2)

-- name: insert_assignee
INSERT INTO card_assignees (card_id, member_id) VALUES ($1, $2)

-- name: insert_imported_assignee
INSERT INTO card_imported_assignees (card_id, name) VALUES ($1, $2)

-- name: insert_checklist
INSERT INTO checklists (card_id, name, position) VALUES ($1, $2, $3) RETURNING id

-- name: insert_checklist_item
INSERT INTO checklist_items (checklist_id, text, done, position) VALUES ($1, $2, $3, $4)

-- name: insert_comment
INSERT INTO comments (card_id, author_id, imported_author, body_md, body_html, created_at,
                      updated_at, deleted_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)

-- name: insert_attachment
INSERT INTO card_attachments (card_id, name, url, note, position, created_at)
VALUES ($1, $2, $3, $4, $5, $6)

-- name: space_by_name
SELECT id FROM spaces WHERE name_key = $1

-- name: space_exists
SELECT 1 FROM spaces WHERE id = $1
