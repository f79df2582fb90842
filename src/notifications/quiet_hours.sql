-- Quiet hours: one row per member who set them (notifications/quiet_hours.cpp).

-- name: quiet_hours_of
SELECT time_zone, start_minute, end_minute, days_off FROM quiet_hours WHERE member_id = $1

-- name: upsert_quiet_hours
INSERT INTO quiet_hours (member_id, time_zone, start_minute, end_minute, days_off, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (member_id) DO UPDATE SET time_zone = excluded.time_zone,
    start_minute = excluded.start_minute, end_minute = excluded.end_minute,
    days_off = excluded.days_off, updated_at = excluded.updated_at

-- name: delete_quiet_hours
DELETE FROM quiet_hours WHERE member_id = $1
