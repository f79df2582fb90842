-- Immediate notification mail. For members whose notify is 'immediately', mail_preferences'
-- next_digest_at is when the owed mail goes (NULL: none owed) and mailed_through the last
-- notification id a mail has covered.

-- A notification was recorded: a mail is owed at $2 unless one already is (its window stands,
-- so a steady stream of notifications cannot put the mail off for ever).
-- name: owe_mail
UPDATE mail_preferences SET next_digest_at = $2
WHERE member_id = $1 AND notify = 'immediately' AND next_digest_at IS NULL

-- One member whose mail is due, held until its transaction ends; other processes skip it.
-- name: claim_due
SELECT member_id, mailed_through FROM mail_preferences
WHERE notify = 'immediately' AND next_digest_at IS NOT NULL AND next_digest_at <= $1
ORDER BY next_digest_at, member_id
LIMIT 1
FOR UPDATE SKIP LOCKED

-- name: postpone
UPDATE mail_preferences SET next_digest_at = $2 WHERE member_id = $1

-- name: mailed
UPDATE mail_preferences SET next_digest_at = $2, mailed_through = $3 WHERE member_id = $1

-- The member's notifications after the last mail, oldest first (read ones too, to move past).
-- name: unmailed
SELECT n.id, n.kind, n.board_id, n.card_id, COALESCE(c.title, ''), COALESCE(b.name, ''),
       COALESCE(m.display_name, ''), n.read_at, c.archived_at
FROM notifications n
LEFT JOIN cards c ON c.id = n.card_id
LEFT JOIN boards b ON b.id = n.board_id
LEFT JOIN members m ON m.id = n.actor_id
WHERE n.member_id = $1 AND n.id > $2
ORDER BY n.id
LIMIT $3
