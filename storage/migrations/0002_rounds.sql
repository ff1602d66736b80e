-- Dialogue rounds, anonymous statements and votes, the outbox, action items.

CREATE TABLE rounds (
    id                TEXT PRIMARY KEY,
    dialogue_id       INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    template_id       TEXT,
    custom_prompt     TEXT,                      -- JSON [[language, text], ...], original first
    roles             TEXT NOT NULL,             -- comma-separated roles addressed
    moderation        INTEGER NOT NULL CHECK (moderation IN (0, 1)),
    statement_limit   INTEGER NOT NULL,
    deadlines         TEXT NOT NULL DEFAULT '{}', -- JSON {phase: seconds}
    phase             TEXT NOT NULL CHECK (phase IN ('collecting', 'moderating', 'voting', 'closed')),
    phase_started_at  TEXT NOT NULL,
    opened_on         TEXT NOT NULL,
    closed_on         TEXT
) WITHOUT ROWID;

-- One open round per dialogue, enforced by the database itself.
CREATE UNIQUE INDEX rounds_one_open ON rounds (dialogue_id) WHERE phase <> 'closed';

-- What people said: the author's role and language only. Random keys, no time, no person.
CREATE TABLE statements (
    id            TEXT PRIMARY KEY,
    round_id      TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    author_role   TEXT NOT NULL,
    language      TEXT NOT NULL,
    text          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
    translations  TEXT NOT NULL DEFAULT '{}',
    position      INTEGER                        -- voting order, drawn at random at voting
) WITHOUT ROWID;

CREATE INDEX statements_by_round ON statements (round_id, status, position);

-- Who wrote which statement, kept only while the round collects (to review and withdraw);
-- deleted in the same transaction that ends collecting.
CREATE TABLE statement_authors (
    statement_id  TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Votes: the voter's role only. The key is an HMAC of (voter, statement) under a secret kept
-- outside the database, so a second press replaces the first and nobody holding the database
-- can tell whose vote it is.
CREATE TABLE votes (
    key           TEXT PRIMARY KEY,
    statement_id  TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    voter_role    TEXT NOT NULL,
    vote          TEXT NOT NULL CHECK (vote IN ('agree', 'disagree', 'pass'))
) WITHOUT ROWID;

CREATE INDEX votes_by_statement ON votes (statement_id, voter_role, vote);

-- How far each person got through the statements; deleted when the round closes.
CREATE TABLE voting_progress (
    round_id       TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    next_position  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, person_id)
) WITHOUT ROWID;

-- Messages decided but not yet sent. Written in the same transaction as the decision, sent
-- afterwards; a restart resumes what is left, and the dedupe key queues each message once.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL DEFAULT '{}',
    dedupe      TEXT NOT NULL UNIQUE,
    not_before  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     TEXT
);

CREATE INDEX outbox_due ON outbox (sent_at, not_before);

CREATE TABLE action_items (
    id           TEXT PRIMARY KEY,
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    owner_role   TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    checked_on   TEXT,
    created_on   TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX action_items_due ON action_items (status, due_on);
