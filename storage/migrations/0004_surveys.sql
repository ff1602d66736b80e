-- Trust surveys: schedules, waves, who is taking part in an open wave, anonymous responses.
--
-- survey_participation links people to an open wave only to prevent double answers, resume a
-- half-finished survey and target reminders; its rows are deleted when the wave closes (a
-- half-finished survey is then stored anonymously if complete enough, or discarded).
-- survey_responses and survey_open_answers hold no person, the day only, random keys, and are
-- WITHOUT ROWID so that storage order does not follow arrival.

CREATE TABLE survey_schedules (
    id           TEXT PRIMARY KEY,
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    spec         TEXT NOT NULL,              -- canonical schedule text, e.g. "weekly mon 09:00"
    roles        TEXT NOT NULL,              -- comma-separated roles addressed
    instrument   TEXT NOT NULL,
    last_fired   TEXT NOT NULL,              -- the due time of the last wave (or the creation)
    created_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE survey_waves (
    id              TEXT PRIMARY KEY,
    dialogue_id     INTEGER NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
    schedule_id     TEXT,                    -- NULL for a wave started with /surveynow
    due_at          TEXT NOT NULL,           -- the schedule's due time (or the start)
    instrument      TEXT NOT NULL,
    roles           TEXT NOT NULL,
    opened_at       TEXT NOT NULL,
    closes_at       TEXT NOT NULL,
    reminders_sent  INTEGER NOT NULL DEFAULT 0,
    closed          INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    UNIQUE (schedule_id, due_at)             -- a due time starts one wave, whatever happens
) WITHOUT ROWID;

CREATE INDEX survey_waves_by_dialogue ON survey_waves (dialogue_id, opened_at);

-- Per wave and role, frozen when the wave closes: the denominators of the trends.
CREATE TABLE survey_wave_counts (
    wave_id   TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    invited   INTEGER NOT NULL,
    blocked   INTEGER NOT NULL,
    answered  INTEGER NOT NULL,
    PRIMARY KEY (wave_id, role)
) WITHOUT ROWID;

CREATE TABLE survey_participation (
    wave_id    TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    state      TEXT,                         -- the session so far (never open text)
    finished   INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
    PRIMARY KEY (wave_id, person_id)
) WITHOUT ROWID;

CREATE TABLE survey_responses (
    key          TEXT PRIMARY KEY,           -- 128 random bits, hex
    wave_id      TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
    role         TEXT NOT NULL,
    answered_on  TEXT NOT NULL,              -- the day only
    answers      TEXT NOT NULL               -- JSON: item id → choice id (or skipped)
) WITHOUT ROWID;

CREATE INDEX survey_responses_by_wave ON survey_responses (wave_id, role);

-- Answers to open questions, apart from the rest of the survey they came with.
CREATE TABLE survey_open_answers (
    key       TEXT PRIMARY KEY,
    wave_id   TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    item      TEXT NOT NULL,
    text      TEXT NOT NULL
) WITHOUT ROWID;
