-- Boards and their members (boards/boards.cpp).

-- name: visible_boards
-- The boards the actor may see, each with the facts boards::decide_role needs and its count of
-- open cards in open lists. $1 member id (0 when anonymous), $2 community role ('' when
-- anonymous). Mirrors boards::decide_role: admins see all, anyone sees public boards,
-- non-guests see community boards, members of a board's groups see a groups board, and an
-- explicit board role shows any board.
SELECT b.id, b.space_id, b.name, b.description, b.visibility, b.default_role, b.archived_at,
       (SELECT bm.role FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $1),
       EXISTS (SELECT 1 FROM board_groups bg JOIN group_members gm ON gm.group_id = bg.group_id
               WHERE bg.board_id = b.id AND gm.member_id = $1),
       (SELECT COUNT(*) FROM cards c JOIN lists l ON l.id = c.list_id
        WHERE c.board_id = b.id AND c.archived_at IS NULL AND l.archived_at IS NULL)
FROM boards b
WHERE $2 = 'admin'
   OR b.visibility = 'public'
   OR (b.visibility = 'community' AND $2 IN ('trainer', 'trainee'))
   OR EXISTS (SELECT 1 FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $1)
   OR (b.visibility = 'groups'
       AND EXISTS (SELECT 1 FROM board_groups bg JOIN group_members gm ON gm.group_id = bg.group_id
                   WHERE bg.board_id = b.id AND gm.member_id = $1))
ORDER BY lower(b.name), b.id

-- name: board_by_id
SELECT id, space_id, name, description, visibility, default_role, comments_enabled, created_by,
       created_at, updated_at, archived_at, version
FROM boards WHERE id = $1

-- name: board_group_ids
SELECT group_id FROM board_groups WHERE board_id = $1 ORDER BY group_id

-- name: space_exists
SELECT 1 FROM spaces WHERE id = $1

-- name: group_exists
SELECT 1 FROM groups WHERE id = $1

-- name: insert_board
INSERT INTO boards (space_id, name, description, visibility, default_role, comments_enabled,
                    created_by, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
RETURNING id

-- name: update_board
UPDATE boards
SET space_id = $2, name = $3, description = $4, visibility = $5, default_role = $6,
    comments_enabled = $7, archived_at = $8
WHERE id = $1

-- name: delete_board
DELETE FROM boards WHERE id = $1

-- name: insert_board_group
INSERT INTO board_groups (board_id, group_id) VALUES ($1, $2)

-- name: clear_board_groups
DELETE FROM board_groups WHERE board_id = $1

-- name: board_members
SELECT m.id, m.display_name, bm.role
FROM board_members bm JOIN members m ON m.id = bm.member_id
WHERE bm.board_id = $1
ORDER BY lower(m.display_name), m.id

-- name: board_member
SELECT m.id, m.display_name, bm.role
FROM board_members bm JOIN members m ON m.id = bm.member_id
WHERE bm.board_id = $1 AND bm.member_id = $2

-- name: active_member
SELECT id, display_name, role FROM members WHERE id = $1 AND deactivated_at IS NULL

-- name: upsert_board_member
INSERT INTO board_members (board_id, member_id, role) VALUES ($1, $2, $3)
ON CONFLICT (board_id, member_id) DO UPDATE SET role = excluded.role

-- name: delete_board_member
DELETE FROM board_members WHERE board_id = $1 AND member_id = $2

-- name: count_board_admins
SELECT COUNT(*) FROM board_members WHERE board_id = $1 AND role = 'admin'
