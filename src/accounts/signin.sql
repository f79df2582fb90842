-- Failed sign-ins, counted per account and per address over a sliding window.

-- name: insert_failure
INSERT INTO signin_failures (scope, key, at) VALUES ($1, $2, $3)

-- name: failures_since
SELECT at FROM signin_failures
WHERE scope = $1 AND key = $2 AND at > $3
ORDER BY at

-- name: prune_failures
DELETE FROM signin_failures WHERE scope = $1 AND key = $2 AND at <= $3

-- name: clear_failures
DELETE FROM signin_failures WHERE scope = $1 AND key = $2
