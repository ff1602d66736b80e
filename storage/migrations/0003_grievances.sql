-- Anonymous grievances, the areas a dialogue offers, the daily limit and early-warning alerts.
--
-- A grievance row holds nothing about who filed it: no person, Telegram id, chat, message or
-- update id, and only the day. Its key is random and the table is WITHOUT ROWID, so neither
-- the key nor the storage order follows arrival. The receipt code is kept only as an HMAC under
-- a secret outside the database. The daily limit lives in its own table under pseudonyms
-- keyed with a secret that changes every day, and shares no column with grievances.

CREATE TABLE grievances (
    key          TEXT PRIMARY KEY,          -- 128 random bits, hex
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    filed_on     TEXT NOT NULL,             -- the day only, in the dialogue's time zone
    category     TEXT NOT NULL,
    area         TEXT NOT NULL,
    happened     TEXT NOT NULL,             -- this_week / this_month / earlier
    description  TEXT NOT NULL,
    receipt_key  TEXT NOT NULL UNIQUE,      -- HMAC of the receipt code
    status       TEXT NOT NULL DEFAULT 'received'
                 CHECK (status IN ('received', 'on_agenda', 'action_taken', 'closed')),
    on_agenda    INTEGER NOT NULL DEFAULT 0 CHECK (on_agenda IN (0, 1)),
    reply        TEXT
) WITHOUT ROWID;

CREATE INDEX grievances_by_day ON grievances (dialogue_id, filed_on, category, area);

-- The places a dialogue's grievances can be filed under; never GPS. Retired areas stay so that
-- older grievances keep their name.
CREATE TABLE grievance_areas (
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    PRIMARY KEY (dialogue_id, id)
) WITHOUT ROWID;

-- A dialogue's own category list (TOML, validated), replacing the shipped defaults.
CREATE TABLE grievance_categories (
    dialogue_id  INTEGER PRIMARY KEY REFERENCES dialogues(id) ON DELETE CASCADE,
    definition   TEXT NOT NULL
);

-- Grievances filed today per daily pseudonym (HMAC under a secret rotated every day). Rows of
-- earlier days are deleted.
CREATE TABLE grievance_limits (
    day        TEXT NOT NULL,
    pseudonym  TEXT NOT NULL,
    filed      INTEGER NOT NULL CHECK (filed > 0),
    PRIMARY KEY (day, pseudonym)
) WITHOUT ROWID;

-- Early-warning alerts raised, at most one per dialogue, category, area and day.
CREATE TABLE grievance_alerts (
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    category     TEXT NOT NULL,
    area         TEXT NOT NULL,
    reasons      TEXT NOT NULL,             -- comma-separated: surge, urgent
    seen         INTEGER NOT NULL DEFAULT 0, -- reports of that category and area alerted about
    PRIMARY KEY (dialogue_id, day, category, area)
) WITHOUT ROWID;
