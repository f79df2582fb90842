-- Who the command line acts as (importers/cli.cpp).

-- name: cli_member_by_email
SELECT id, role, display_name FROM members WHERE email_key = $1 AND deactivated_at IS NULL

-- name: cli_first_admin
SELECT id, role, display_name FROM members
WHERE role = 'admin' AND deactivated_at IS NULL
ORDER BY id LIMIT 1
