-- The personal feed: new cards and comments in what a member follows (notifications/feed.cpp).

-- name: insert_feed_item
INSERT INTO feed_items (member_id, activity_id, board_id, card_id) VALUES ($1, $2, $3, $4)
ON CONFLICT (member_id, activity_id) DO NOTHING

-- name: feed_page
-- Newest first below the cursor; the card's board as it is now. Removed comments and archived
-- cards drop out. Walks the (member_id, activity_id) key: a page costs what it shows.
SELECT f.activity_id, a.type, a.at, c.board_id, b.name, f.card_id, c.title, a.comment_id,
       a.actor_id, m.display_name
FROM feed_items f
JOIN activity a ON a.id = f.activity_id
JOIN cards c ON c.id = f.card_id
JOIN boards b ON b.id = c.board_id
LEFT JOIN comments co ON co.id = a.comment_id
LEFT JOIN members m ON m.id = a.actor_id
WHERE f.member_id = $1 AND f.activity_id < $2
  AND c.archived_at IS NULL AND b.archived_at IS NULL AND co.deleted_at IS NULL
ORDER BY f.activity_id DESC
LIMIT $3

-- name: feed_since
-- For digests: feed items after activity $2, oldest first.
SELECT f.activity_id, a.type, a.at, c.board_id, b.name, f.card_id, c.title, a.comment_id,
       a.actor_id, m.display_name
FROM feed_items f
JOIN activity a ON a.id = f.activity_id
JOIN cards c ON c.id = f.card_id
JOIN boards b ON b.id = c.board_id
LEFT JOIN comments co ON co.id = a.comment_id
LEFT JOIN members m ON m.id = a.actor_id
WHERE f.member_id = $1 AND f.activity_id > $2
  AND c.archived_at IS NULL AND b.archived_at IS NULL AND co.deleted_at IS NULL
ORDER BY f.activity_id
LIMIT $3

-- name: feed_mark
SELECT seen_activity_id FROM feed_marks WHERE member_id = $1

-- name: newest_feed_item
SELECT MAX(activity_id) FROM feed_items WHERE member_id = $1

-- name: set_feed_mark
-- The mark only moves forward: a stale "mark all seen" cannot unsee newer items.
INSERT INTO feed_marks (member_id, seen_activity_id, seen_at) VALUES ($1, $2, $3)
ON CONFLICT (member_id) DO UPDATE
SET seen_activity_id = excluded.seen_activity_id, seen_at = excluded.seen_at
WHERE feed_marks.seen_activity_id < excluded.seen_activity_id

-- name: unseen_feed_count
-- Counts at most $3 unseen items, so the count costs no more than that.
SELECT COUNT(*) FROM (
    SELECT 1 FROM feed_items WHERE member_id = $1 AND activity_id > $2 LIMIT $3
) unseen

-- name: delete_card_feed_items
DELETE FROM feed_items WHERE card_id = $1
