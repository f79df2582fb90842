-- The first-visit checklist, derived from what the member has done (notifications/onboarding.cpp).

-- name: profile_facts
SELECT grade, site, interests FROM members WHERE id = $1

-- name: follows_a_space
SELECT 1 FROM follows
WHERE member_id = $1 AND target_type = 'space' AND level <> 'muted'
LIMIT 1

-- name: has_posted
SELECT 1 FROM cards WHERE author_id = $1
UNION ALL
SELECT 1 FROM comments WHERE author_id = $1
LIMIT 1
