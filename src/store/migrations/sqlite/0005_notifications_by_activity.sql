-- Notifications found by the activity that caused them: the live hub asks, for each batch of new
-- activity, whom it notified (to update their unread count on screen), and deleting an activity
-- cascades to its notifications without scanning the table.
CREATE INDEX notifications_activity ON notifications(activity_id);
