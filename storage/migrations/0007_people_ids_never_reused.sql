-- A person id is never given twice: a newcomer must not inherit a departed person's steps,
-- progress or anything else keyed by their id. SQLite reuses the highest rowid once its row is
-- deleted, so profiles take their id from this counter (the highest ever given). A profile
-- deleted before this migration may still have its id given once more.
CREATE TABLE id_counters (
    name  TEXT PRIMARY KEY,
    last  INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO id_counters (name, last) VALUES ('people', COALESCE((SELECT MAX(id) FROM people), 0));
