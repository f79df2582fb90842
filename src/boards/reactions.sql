-- Reactions on cards and comments (boards/reactions.cpp). Inserts let the primary key decide
-- whether the reaction is new, so two requests racing cannot make a duplicate.

-- name: card_reaction_summary
SELECT emoji, COUNT(*), MAX(CASE WHEN member_id = $2 THEN 1 ELSE 0 END), MIN(created_at)
FROM card_reactions
WHERE card_id = $1
GROUP BY emoji
ORDER BY MIN(created_at), emoji

-- name: comment_reaction_summary
SELECT r.comment_id, r.emoji, COUNT(*), MAX(CASE WHEN r.member_id = $4 THEN 1 ELSE 0 END),
       MIN(r.created_at)
FROM comment_reactions r JOIN comments c ON c.id = r.comment_id
WHERE c.card_id = $1 AND r.comment_id BETWEEN $2 AND $3
GROUP BY r.comment_id, r.emoji
ORDER BY r.comment_id, MIN(r.created_at), r.emoji

-- name: add_card_reaction
INSERT INTO card_reactions (card_id, member_id, emoji, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING

-- name: remove_card_reaction
DELETE FROM card_reactions WHERE card_id = $1 AND member_id = $2 AND emoji = $3

-- name: add_comment_reaction
INSERT INTO comment_reactions (comment_id, member_id, emoji, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING

-- name: remove_comment_reaction
DELETE FROM comment_reactions WHERE comment_id = $1 AND member_id = $2 AND emoji = $3

-- name: comment_of_card
SELECT card_id, deleted_at FROM comments WHERE id = $1
