-- Announcements with reach (notifications/announcements.cpp).

-- name: insert_announcement
INSERT INTO announcements (card_id, announced_by, audience, created_at) VALUES ($1, $2, $3, $4)

-- name: insert_announcement_group
INSERT INTO announcement_groups (card_id, group_id) VALUES ($1, $2)

-- name: announcement_of
SELECT announced_by, audience, created_at FROM announcements WHERE card_id = $1

-- name: announcement_groups_of
SELECT group_id FROM announcement_groups WHERE card_id = $1 ORDER BY group_id

-- name: delete_announcement
DELETE FROM announcements WHERE card_id = $1

-- name: group_exists
SELECT 1 FROM groups WHERE id = $1

-- name: everyone
SELECT id, role, display_name FROM members WHERE deactivated_at IS NULL ORDER BY id

-- name: group_audience
SELECT m.id, m.role, m.display_name
FROM group_members gm JOIN members m ON m.id = gm.member_id
WHERE gm.group_id = $1 AND m.deactivated_at IS NULL
ORDER BY m.id

-- name: insert_recipient
INSERT INTO announcement_recipients (card_id, member_id) VALUES ($1, $2)
ON CONFLICT (card_id, member_id) DO NOTHING

-- name: recipients_of
SELECT member_id FROM announcement_recipients WHERE card_id = $1 ORDER BY member_id

-- name: recipient
SELECT seen_at, acknowledged_at FROM announcement_recipients WHERE card_id = $1 AND member_id = $2

-- name: mark_announcement_seen
UPDATE announcement_recipients SET seen_at = $3
WHERE card_id = $1 AND member_id = $2 AND seen_at IS NULL

-- name: acknowledge_announcement
UPDATE announcement_recipients SET acknowledged_at = $3, seen_at = COALESCE(seen_at, $3)
WHERE card_id = $1 AND member_id = $2 AND acknowledged_at IS NULL

-- name: reach_totals
SELECT COUNT(*), COUNT(seen_at), COUNT(acknowledged_at)
FROM announcement_recipients WHERE card_id = $1

-- name: reach_by_grade
SELECT COALESCE(m.grade, ''), COUNT(*), COUNT(r.seen_at), COUNT(r.acknowledged_at)
FROM announcement_recipients r JOIN members m ON m.id = r.member_id
WHERE r.card_id = $1
GROUP BY COALESCE(m.grade, '')
ORDER BY COALESCE(m.grade, '')

-- name: reach_by_site
SELECT COALESCE(m.site, ''), COUNT(*), COUNT(r.seen_at), COUNT(r.acknowledged_at)
FROM announcement_recipients r JOIN members m ON m.id = r.member_id
WHERE r.card_id = $1
GROUP BY COALESCE(m.site, '')
ORDER BY COALESCE(m.site, '')

-- name: not_acknowledged
SELECT m.id, m.display_name, m.grade, m.site, r.seen_at, r.acknowledged_at
FROM announcement_recipients r JOIN members m ON m.id = r.member_id
WHERE r.card_id = $1 AND r.acknowledged_at IS NULL
ORDER BY lower(m.display_name), m.id

-- name: pending_announcements
-- A member's unacknowledged announcements, newest first (the partial index finds them).
SELECT r.card_id, c.title, c.board_id, b.name, a.announced_by, m.display_name, a.created_at,
       r.seen_at
FROM announcement_recipients r
JOIN announcements a ON a.card_id = r.card_id
JOIN cards c ON c.id = r.card_id
JOIN boards b ON b.id = c.board_id
LEFT JOIN members m ON m.id = a.announced_by
WHERE r.member_id = $1 AND r.acknowledged_at IS NULL
  AND c.archived_at IS NULL AND b.archived_at IS NULL
ORDER BY a.created_at DESC, r.card_id DESC
LIMIT $2
