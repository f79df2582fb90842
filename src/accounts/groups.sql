-- Groups: named sets of members, used for board access and audiences.

-- name: insert_group
INSERT INTO groups (name, name_key, description, created_at)
VALUES ($1, $2, $3, $4)
RETURNING id

-- name: group_by_id
SELECT g.id, g.name, g.description, g.created_at,
       (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id)
FROM groups g
WHERE g.id = $1

-- name: list_groups
SELECT g.id, g.name, g.description, g.created_at,
       (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id)
FROM groups g
WHERE g.id < $1
ORDER BY g.id DESC
LIMIT $2

-- name: group_members
SELECT m.id, m.display_name, m.role
FROM group_members gm JOIN members m ON m.id = gm.member_id
WHERE gm.group_id = $1
ORDER BY lower(m.display_name), m.id

-- name: update_group
UPDATE groups SET name = $2, name_key = $3, description = $4 WHERE id = $1

-- name: delete_group
DELETE FROM groups WHERE id = $1

-- name: add_group_member
INSERT INTO group_members (group_id, member_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING

-- name: remove_group_member
DELETE FROM group_members WHERE group_id = $1 AND member_id = $2

-- name: member_exists
SELECT 1 FROM members WHERE id = $1

-- name: group_id_by_name_key
SELECT id FROM groups WHERE name_key = $1
