-- Invitations: an admin invites a person by mail; accepting creates the member.

-- name: insert_invitation
INSERT INTO invitations (email, email_key, display_name, role, grade, site, group_ids,
                         token_hash, invited_by, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING id

-- name: member_with_email_key
SELECT 1 FROM members WHERE email_key = $1

-- Accepting and checking are one statement, so two clicks racing cannot both win.
-- name: accept_invitation
UPDATE invitations SET accepted_at = $2
WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2
RETURNING id, email, display_name, role, grade, site, group_ids

-- name: set_invitation_member
UPDATE invitations SET member_id = $2 WHERE id = $1

-- name: open_invitation
SELECT email, display_name, role, grade, site, expires_at
FROM invitations
WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2

-- name: list_invitations
SELECT i.id, i.email, i.display_name, i.role, i.grade, i.site, i.group_ids, i.created_at,
       i.expires_at, i.accepted_at, i.member_id, i.invited_by, m.display_name
FROM invitations i LEFT JOIN members m ON m.id = i.invited_by
WHERE i.id < $1
ORDER BY i.id DESC
LIMIT $2
