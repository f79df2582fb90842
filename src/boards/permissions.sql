-- name: access_facts
SELECT b.visibility, b.default_role, b.comments_enabled, b.archived_at,
       (SELECT bm.role FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $2),
       EXISTS (SELECT 1 FROM board_groups bg JOIN group_members gm ON gm.group_id = bg.group_id
               WHERE bg.board_id = b.id AND gm.member_id = $2),
       b.version, b.created_at
FROM boards b
WHERE b.id = $1
