-- Comments on cards (boards/comments.cpp).

-- name: comment_by_id
SELECT c.id, c.card_id, c.author_id, m.display_name, c.body_md, c.body_html, c.created_at,
       c.updated_at, c.deleted_at, c.imported_author
FROM comments c LEFT JOIN members m ON m.id = c.author_id
WHERE c.id = $1

-- name: comment_page
SELECT c.id, c.card_id, c.author_id, m.display_name, c.body_md, c.body_html, c.created_at,
       c.updated_at, c.deleted_at, c.imported_author
FROM comments c LEFT JOIN members m ON m.id = c.author_id
WHERE c.card_id = $1 AND c.id < $2
ORDER BY c.id DESC
LIMIT $3

-- name: count_comments
SELECT COUNT(*) FROM comments WHERE card_id = $1

-- name: insert_comment
INSERT INTO comments (card_id, author_id, body_md, body_html, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $5)
RETURNING id

-- name: update_comment
UPDATE comments SET body_md = $2, body_html = $3, updated_at = $4 WHERE id = $1

-- name: remove_comment
-- The text goes; the row stays so the thread still reads in order.
UPDATE comments SET body_md = '', body_html = '', deleted_at = $2, deleted_by = $3 WHERE id = $1

-- name: remove_comment_reactions
DELETE FROM comment_reactions WHERE comment_id = $1
