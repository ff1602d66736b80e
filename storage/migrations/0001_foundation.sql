-- Dialogues, the people who talk to the bot, their memberships, invites and open steps.

CREATE TABLE dialogues (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    timezone    TEXT NOT NULL DEFAULT 'UTC',
    created_at  TEXT NOT NULL
);

-- A profile exists only while the person uses the bot; /forgetme deletes it and, through
-- ON DELETE CASCADE, everything linkable to them.
CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
    telegram_id         INTEGER NOT NULL UNIQUE,
    language            TEXT,
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    active_dialogue_id  INTEGER REFERENCES dialogues(id) ON DELETE SET NULL,
    created_on          TEXT NOT NULL
);

CREATE TABLE memberships (
    person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('community', 'police', 'official', 'facilitator')),
    joined_at    TEXT NOT NULL,
    PRIMARY KEY (person_id, dialogue_id)
) WITHOUT ROWID;

CREATE INDEX memberships_by_dialogue ON memberships (dialogue_id, role);

CREATE TABLE invites (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('community', 'police', 'official', 'facilitator')),
    max_uses     INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses         INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    expires_at   TEXT,
    revoked      INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    created_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX invites_by_dialogue ON invites (dialogue_id, created_at);

-- The step a person is in (waiting for a dialogue name, a statement, a description...), so a
-- restart resumes it and /cancel can leave it. Deleted with the person.
CREATE TABLE conversations (
    person_id   INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    flow        TEXT NOT NULL,
    step        TEXT NOT NULL,
    payload     TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL
);
