-- Links attached to cards, and assignees kept by name from an import (boards/attachments.cpp).

-- name: card_attachments
SELECT id, name, url, note FROM card_attachments WHERE card_id = $1 ORDER BY position, id

-- name: card_imported_assignees
SELECT name FROM card_imported_assignees WHERE card_id = $1 ORDER BY name
