-- Members: the people with an account. Columns of member_columns are read by members.cpp.

-- name: insert_member
INSERT INTO members (email, email_key, display_name, role, grade, site, interests,
                     password_hash, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
RETURNING id

-- name: member_by_id
SELECT id, email, display_name, role, grade, site, interests, password_hash IS NOT NULL,
       created_at, updated_at, last_seen_at, deactivated_at
FROM members
WHERE id = $1

-- name: member_by_email_key
SELECT id, email, display_name, role, grade, site, interests, password_hash IS NOT NULL,
       created_at, updated_at, last_seen_at, deactivated_at
FROM members
WHERE email_key = $1

-- name: password_hash_by_email_key
SELECT id, password_hash, deactivated_at
FROM members
WHERE email_key = $1

-- name: password_hash_by_id
SELECT password_hash
FROM members
WHERE id = $1

-- name: list_members
SELECT id, email, display_name, role, grade, site, interests, password_hash IS NOT NULL,
       created_at, updated_at, last_seen_at, deactivated_at
FROM members
WHERE id < $1
  AND ($2 = 1 OR deactivated_at IS NULL)
  AND ($3 = '' OR lower(display_name) LIKE $3 ESCAPE '\')
ORDER BY id DESC
LIMIT $4

-- name: update_profile
UPDATE members
SET display_name = $2, grade = $3, site = $4, interests = $5, updated_at = $6
WHERE id = $1

-- name: update_role_and_status
UPDATE members
SET role = $2, deactivated_at = $3, updated_at = $4
WHERE id = $1

-- name: set_password_hash
UPDATE members
SET password_hash = $2, updated_at = $3
WHERE id = $1

-- name: count_members
SELECT COUNT(*) FROM members

-- name: count_other_active_admins
SELECT COUNT(*)
FROM members
WHERE role = 'admin' AND deactivated_at IS NULL AND id <> $1

-- name: touch_member_seen
UPDATE members SET last_seen_at = $2 WHERE id = $1
