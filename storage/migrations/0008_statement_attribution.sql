-- A statement keeps only what it may say about its author (flows.rounds.attribution): its
-- group, or nothing when fewer than k members share the group and the statement's language
-- (author_role NULL), and whether its language may be named (language_named).
--
-- SQLite cannot drop a NOT NULL constraint, so the table is rebuilt. The tables that refer
-- to it are copied aside and dropped first, so that dropping it deletes (and cascades) nothing;
-- then all three are made again as they were, with their indexes. secure_delete is on: the
-- pages freed on the way are overwritten.
CREATE TEMP TABLE statements_kept AS SELECT * FROM statements;
CREATE TEMP TABLE statement_authors_kept AS SELECT * FROM statement_authors;
CREATE TEMP TABLE votes_kept AS SELECT * FROM votes;
DROP TABLE votes;
DROP TABLE statement_authors;
DROP TABLE statements;

CREATE TABLE statements (
    id              TEXT PRIMARY KEY,
    round_id        TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    author_role     TEXT,                      -- NULL: the group is not shown
    language        TEXT NOT NULL,
    language_named  INTEGER NOT NULL DEFAULT 1 CHECK (language_named IN (0, 1)),
    text            TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    translations    TEXT NOT NULL DEFAULT '{}',
    position        INTEGER                    -- voting order, drawn at random at voting
) WITHOUT ROWID;

CREATE INDEX statements_by_round ON statements (round_id, status, position);

-- Who wrote which statement, kept only while the round collects (to review and withdraw);
-- deleted in the same transaction that ends collecting.
CREATE TABLE statement_authors (
    statement_id  TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Votes: the voter's role only, under an HMAC of (statement, voter) with the round's key. Keyed
-- and WITHOUT ROWID, so the rows are stored in the order of their keys, never of their writing:
-- an author's own agree (written as collecting ends) looks like any other agree.
CREATE TABLE votes (
    key           TEXT PRIMARY KEY,
    statement_id  TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    voter_role    TEXT NOT NULL,
    vote          TEXT NOT NULL CHECK (vote IN ('agree', 'disagree', 'pass'))
) WITHOUT ROWID;

CREATE INDEX votes_by_statement ON votes (statement_id, voter_role, vote);

INSERT INTO statements (id, round_id, author_role, language, text, status, translations, position)
SELECT id, round_id, author_role, language, text, status, translations, position
FROM statements_kept;
INSERT INTO statement_authors (statement_id, person_id)
SELECT statement_id, person_id FROM statement_authors_kept;
INSERT INTO votes (key, statement_id, voter_role, vote)
SELECT key, statement_id, voter_role, vote FROM votes_kept;
DROP TABLE statements_kept;
DROP TABLE statement_authors_kept;
DROP TABLE votes_kept;
