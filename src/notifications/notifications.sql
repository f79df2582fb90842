-- Notifications: one row per member and activity that concerns them (notifications/*.cpp).

-- name: insert_notification
INSERT INTO notifications (member_id, activity_id, kind, board_id, card_id, comment_id,
                           actor_id, created_at, push)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (member_id, activity_id) DO NOTHING

-- name: notification_page
-- A member's notifications below the cursor, newest first; $3 = 1 for unread ones only.
-- The card's board is read as it is now, to check the member may still see it.
SELECT n.id, n.kind, n.activity_id, c.board_id, b.name, n.card_id, c.title, n.comment_id,
       n.actor_id, m.display_name, n.created_at, n.read_at, n.push
FROM notifications n
LEFT JOIN cards c ON c.id = n.card_id
LEFT JOIN boards b ON b.id = c.board_id
LEFT JOIN members m ON m.id = n.actor_id
WHERE n.member_id = $1 AND n.id < $2 AND ($3 = 0 OR n.read_at IS NULL)
ORDER BY n.id DESC
LIMIT $4

-- name: notifications_since
-- For digests: a member's notifications created after $2 (epoch ms), oldest first.
SELECT n.id, n.kind, n.activity_id, c.board_id, b.name, n.card_id, c.title, n.comment_id,
       n.actor_id, m.display_name, n.created_at, n.read_at, n.push
FROM notifications n
LEFT JOIN cards c ON c.id = n.card_id
LEFT JOIN boards b ON b.id = c.board_id
LEFT JOIN members m ON m.id = n.actor_id
WHERE n.member_id = $1 AND n.created_at > $2
ORDER BY n.id
LIMIT $3

-- name: notification_by_id
SELECT n.id, n.kind, n.activity_id, c.board_id, b.name, n.card_id, c.title, n.comment_id,
       n.actor_id, m.display_name, n.created_at, n.read_at, n.push
FROM notifications n
LEFT JOIN cards c ON c.id = n.card_id
LEFT JOIN boards b ON b.id = c.board_id
LEFT JOIN members m ON m.id = n.actor_id
WHERE n.id = $1 AND n.member_id = $2

-- name: mark_read
UPDATE notifications SET read_at = $3 WHERE id = $1 AND member_id = $2 AND read_at IS NULL

-- name: mark_all_read
UPDATE notifications SET read_at = $3
WHERE member_id = $1 AND id <= $2 AND read_at IS NULL

-- name: unread_count
-- By board, and whether about a card: those about a card whose board the member can no longer
-- see are not shown, so not counted.
SELECT board_id, card_id IS NOT NULL, COUNT(*) FROM notifications
WHERE member_id = $1 AND read_at IS NULL
GROUP BY board_id, card_id IS NOT NULL

-- name: mentioned_before
-- Whether the member was already told of a mention in this card's body (not its comments).
SELECT 1 FROM notifications
WHERE member_id = $1 AND card_id = $2 AND kind = 'mention' AND comment_id IS NULL
LIMIT 1

-- name: delete_card_notifications
DELETE FROM notifications WHERE card_id = $1

-- name: member_for_notice
-- Who a member is, to decide what they may see; deactivated members hear nothing.
SELECT role, display_name FROM members WHERE id = $1 AND deactivated_at IS NULL

-- name: comment_body
SELECT body_md FROM comments WHERE id = $1

-- name: card_body
SELECT body_md FROM cards WHERE id = $1

-- name: notified_between
-- The members notified by the activities after $1 up to $2, and whether any may alert them.
SELECT member_id, MAX(push) FROM notifications
WHERE activity_id > $1 AND activity_id <= $2
GROUP BY member_id
