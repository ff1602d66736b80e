-- A notice sent as several messages (round results split under Telegram's limit) records how
-- many of its parts have been claimed, so that a failure or a crash part-way resumes at the
-- part that failed instead of sending the whole again or losing the rest.
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
