-- The shared signing key.

-- name: insert_signing_key
INSERT INTO signing_keys (name, secret, created_at) VALUES ($1, $2, $3)
ON CONFLICT (name) DO NOTHING

-- name: signing_key
SELECT secret FROM signing_keys WHERE name = $1
