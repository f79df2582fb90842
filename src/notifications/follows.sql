-- Follows: who hears of which space, board or card, and how loudly (notifications/follows.cpp).

-- name: upsert_follow
-- A member's own choice: replaces whatever level and origin the follow had.
INSERT INTO follows (member_id, target_type, target_id, level, origin, created_at, updated_at)
VALUES ($1, $2, $3, $4, 'chosen', $5, $5)
ON CONFLICT (member_id, target_type, target_id)
DO UPDATE SET level = excluded.level, origin = 'chosen', updated_at = excluded.updated_at

-- name: insert_follow_if_absent
-- An automatic follow never overrides one that exists (a member's mute stays a mute).
INSERT INTO follows (member_id, target_type, target_id, level, origin, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (member_id, target_type, target_id) DO NOTHING

-- name: delete_follow
DELETE FROM follows WHERE member_id = $1 AND target_type = $2 AND target_id = $3

-- name: delete_interest_follow
DELETE FROM follows
WHERE member_id = $1 AND target_type = 'space' AND target_id = $2 AND origin = 'interest'

-- name: delete_target_follows
DELETE FROM follows WHERE target_type = $1 AND target_id = $2

-- name: follow_of
SELECT f.target_type, f.target_id, f.level, f.origin, f.created_at, f.updated_at
FROM follows f
WHERE f.member_id = $1 AND f.target_type = $2 AND f.target_id = $3

-- name: member_follows
-- Every follow of a member with the name of what it follows; $2 is a type, or '' for all.
-- card_board is the board of a followed card, to check the member may still see it.
SELECT f.target_type, f.target_id, f.level, f.origin, f.created_at, f.updated_at,
       COALESCE(s.name, b.name, c.title, ''), c.board_id
FROM follows f
LEFT JOIN spaces s ON f.target_type = 'space' AND s.id = f.target_id
LEFT JOIN boards b ON f.target_type = 'board' AND b.id = f.target_id
LEFT JOIN cards c ON f.target_type = 'card' AND c.id = f.target_id
WHERE f.member_id = $1 AND ($2 = '' OR f.target_type = $2)
ORDER BY f.target_type, f.target_id

-- name: place_follows
-- Every follow on a card ($1), its board ($2) and that board's space ($3); 0 matches nothing.
SELECT member_id, target_type, level FROM follows WHERE target_type = 'card' AND target_id = $1
UNION ALL
SELECT member_id, target_type, level FROM follows WHERE target_type = 'board' AND target_id = $2
UNION ALL
SELECT member_id, target_type, level FROM follows WHERE target_type = 'space' AND target_id = $3

-- name: member_place_follows
-- One member's follows on a card ($2), its board ($3) and space ($4).
SELECT target_type, level FROM follows
WHERE member_id = $1
  AND ((target_type = 'card' AND target_id = $2)
       OR (target_type = 'board' AND target_id = $3)
       OR (target_type = 'space' AND target_id = $4))

-- name: space_of_board
SELECT space_id FROM boards WHERE id = $1

-- name: space_by_name_key
SELECT id FROM spaces WHERE name_key = $1

-- name: interest_follows_of
SELECT target_id FROM follows
WHERE member_id = $1 AND target_type = 'space' AND origin = 'interest'

-- name: member_interests
SELECT interests FROM members WHERE id = $1

-- name: active_members_interests
SELECT id, interests FROM members WHERE deactivated_at IS NULL
