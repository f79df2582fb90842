-- The outbox: mails waiting to be sent, claimed by one worker at a time.

-- name: insert_mail
INSERT INTO mail_outbox (message_id, kind, member_id, to_address, subject, message, created_at,
                         due_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id

-- The worker's claim: due mails nobody holds, each handed to one process (row locks skip the
-- ones another process is claiming), held until $2 while it is being sent.
-- name: claim_due
UPDATE mail_outbox SET claimed_until = $2, attempts = attempts + 1
WHERE id IN (SELECT id FROM mail_outbox
             WHERE sent_at IS NULL AND due_at <= $1
               AND (claimed_until IS NULL OR claimed_until <= $1)
             ORDER BY due_at, id
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
RETURNING id, message_id, kind, to_address, subject, message, attempts

-- name: mark_sent
UPDATE mail_outbox SET sent_at = $2, claimed_until = NULL, last_error = NULL
WHERE id = $1 AND sent_at IS NULL

-- name: mark_failed
UPDATE mail_outbox SET claimed_until = NULL, due_at = $2, last_error = $3
WHERE id = $1 AND sent_at IS NULL

-- name: release_claim
UPDATE mail_outbox SET claimed_until = NULL, attempts = attempts - 1
WHERE id = $1 AND sent_at IS NULL

-- name: queue_counts
SELECT COUNT(*) FILTER (WHERE sent_at IS NULL), COUNT(*) FILTER (WHERE sent_at IS NOT NULL)
FROM mail_outbox
