-- Nothing on disk may tell who did what, or when to the second.
-- The daily grievance counts are kept in memory now: their table goes (secure_delete is on, so
-- its pages are overwritten as they are freed).
DROP TABLE grievance_limits;

-- Memberships are kept to the day they began.
ALTER TABLE memberships RENAME COLUMN joined_at TO joined_on;
UPDATE memberships SET joined_on = substr(joined_on, 1, 10);

-- Sent messages' records go, and so does whatever was queued for a wave already closed (its
-- reminders went only to those who had not finished).
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DELETE FROM outbox
WHERE kind IN ('survey_invite', 'survey_reminder')
  AND json_extract(payload, '$.wave_id') IN (SELECT id FROM survey_waves WHERE closed = 1);

-- A step records the day it was last entered, not the moment.
ALTER TABLE conversations RENAME COLUMN updated_at TO updated_on;
UPDATE conversations SET updated_on = substr(updated_on, 1, 10);
