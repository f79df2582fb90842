-- Digests: one mail a day or a week holding what is new for a member.

-- Members who never chose get the defaults (a daily digest), so the job can schedule them.
-- name: ensure_preferences
INSERT INTO mail_preferences (member_id, updated_at)
SELECT m.id, $1 FROM members m
WHERE m.deactivated_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM mail_preferences p WHERE p.member_id = m.id)

-- One due member at a time, held until its transaction ends; other processes skip it.
-- name: claim_due_digest
SELECT p.member_id, p.notify, p.digest_minute, p.time_zone, p.next_digest_at, p.last_digest_at
FROM mail_preferences p
WHERE p.notify IN ('daily', 'weekly')
  AND (p.next_digest_at IS NULL OR p.next_digest_at <= $1)
  AND EXISTS (SELECT 1 FROM members m WHERE m.id = p.member_id AND m.deactivated_at IS NULL)
ORDER BY p.member_id
LIMIT 1
FOR UPDATE SKIP LOCKED

-- name: set_schedule
UPDATE mail_preferences SET next_digest_at = $2, last_digest_at = $3 WHERE member_id = $1

-- name: quiet_zone
SELECT time_zone FROM quiet_hours WHERE member_id = $1

-- New cards and comments in what the member follows (their feed), oldest first.
-- name: new_in_followed
SELECT a.type, a.board_id, a.card_id, c.title, b.name, COALESCE(m.display_name, '')
FROM feed_items f
JOIN activity a ON a.id = f.activity_id
JOIN cards c ON c.id = f.card_id
JOIN boards b ON b.id = f.board_id
LEFT JOIN members m ON m.id = a.actor_id
WHERE f.member_id = $1 AND a.at > $2 AND a.at <= $3 AND c.archived_at IS NULL
ORDER BY a.id
LIMIT 50

-- name: unread_notifications
SELECT n.kind, n.board_id, n.card_id, COALESCE(c.title, ''), COALESCE(b.name, ''),
       COALESCE(m.display_name, '')
FROM notifications n
LEFT JOIN cards c ON c.id = n.card_id
LEFT JOIN boards b ON b.id = n.board_id
LEFT JOIN members m ON m.id = n.actor_id
WHERE n.member_id = $1 AND n.read_at IS NULL AND n.created_at > $2 AND n.created_at <= $3
  AND n.kind <> 'announcement'
ORDER BY n.id
LIMIT 50

-- name: pending_announcements
SELECT c.board_id, c.id, c.title, b.name, a.created_at
FROM announcement_recipients r
JOIN announcements a ON a.card_id = r.card_id
JOIN cards c ON c.id = r.card_id
JOIN boards b ON b.id = c.board_id
WHERE r.member_id = $1 AND r.acknowledged_at IS NULL AND c.archived_at IS NULL
ORDER BY a.created_at
LIMIT 50

-- Cards that start or are due within the window, on boards the member follows (directly, or
-- through their space) and has not muted.
-- name: coming_events
SELECT c.board_id, c.id, c.title, b.name, c.start_at, c.due_at, c.location
FROM cards c JOIN boards b ON b.id = c.board_id
WHERE c.archived_at IS NULL AND b.archived_at IS NULL
  AND ((c.start_at >= $2 AND c.start_at < $3) OR (c.due_at >= $2 AND c.due_at < $3))
  AND (EXISTS (SELECT 1 FROM follows f WHERE f.member_id = $1 AND f.target_type = 'board'
                 AND f.target_id = c.board_id AND f.level <> 'muted')
       OR (b.space_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM follows f WHERE f.member_id = $1 AND f.target_type = 'space'
                         AND f.target_id = b.space_id AND f.level <> 'muted')
           AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.member_id = $1
                             AND f.target_type = 'board' AND f.target_id = c.board_id
                             AND f.level = 'muted')))
ORDER BY COALESCE(c.start_at, c.due_at), c.id
LIMIT 50
