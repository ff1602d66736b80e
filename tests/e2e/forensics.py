"""The attacker who holds every file of the server: the database, its write-ahead log, every key
file. They rebuild the database as of every commit the log still holds (every generation of
it), and recompute every keyed hash with every key file over every person id and Telegram id.

A ``State`` is the database as of one commit, every table's rows as a set; ``history`` yields
them in order, the main file alone first. The tests pair what they see with what they know:
who filed, wrote, voted and answered what.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import sqlite3
import struct
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24
DATABASE_FILES = {"palabre.db", "palabre.db-wal", "palabre.db-shm"}

Row = tuple[object, ...]


@dataclass
class State:
    """The database as of one commit (``commit`` 0: the main file alone)."""

    generation: int
    commit: int
    tables: dict[str, set[Row]] = field(default_factory=dict)
    columns: dict[str, list[str]] = field(default_factory=dict)

    def rows(self, table: str) -> set[Row]:
        return self.tables.get(table, set())


@dataclass(frozen=True)
class Commit:
    """What one commit changed: the rows it added and removed, per table."""

    before: State
    after: State

    def added(self, table: str) -> set[Row]:
        return self.after.rows(table) - self.before.rows(table)

    def removed(self, table: str) -> set[Row]:
        return self.before.rows(table) - self.after.rows(table)

    def touched(self, table: str) -> set[Row]:
        return self.added(table) | self.removed(table)


def _frames(wal: bytes) -> tuple[int, list[tuple[int, int, tuple[int, int], bytes]]]:
    """The page size and every frame of the log: (page number, size after commit, salts, page)."""
    if len(wal) < WAL_HEADER:
        return 0, []
    page_size = struct.unpack(">I", wal[8:12])[0]
    frames = []
    at = WAL_HEADER
    while at + FRAME_HEADER + page_size <= len(wal):
        page, size, salt1, salt2 = struct.unpack(">IIII", wal[at : at + 16])
        body = wal[at + FRAME_HEADER : at + FRAME_HEADER + page_size]
        if page:
            frames.append((page, size, (salt1, salt2), body))
        at += FRAME_HEADER + page_size
    return page_size, frames


def _dump(image: bytes, scratch: Path) -> tuple[dict[str, set[Row]], dict[str, list[str]]] | None:
    # Mark the image as a rollback-journal database so SQLite reads it alone.
    data = bytearray(image)
    if len(data) >= 100:
        data[18] = data[19] = 1
    scratch.write_bytes(bytes(data))
    try:
        with closing(sqlite3.connect(f"file:{scratch}?mode=ro&immutable=1", uri=True)) as conn:
            names = [
                r[0]
                for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if not r[0].startswith("sqlite_")
            ]
            rows = {n: set(conn.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names}
            columns = {n: [c[1] for c in conn.execute(f'PRAGMA table_info("{n}")')] for n in names}
            return rows, columns
    except sqlite3.DatabaseError:
        return None  # a page of an older generation that no longer fits this main file


def history(directory: Path, database: str = "palabre.db") -> Iterator[State]:
    """The database as of the main file, then as of every commit the log holds, generation by
    generation (the current one first; older ones stay beyond it until the log is truncated)."""
    main = (directory / database).read_bytes()
    wal_path = directory / (database + "-wal")
    wal = wal_path.read_bytes() if wal_path.exists() else b""
    page_size, frames = _frames(wal)
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir) / "state.db"
        dumped = _dump(main, scratch)
        assert dumped is not None, "the main database file cannot be read"
        yield State(0, 0, *dumped)
        generations: dict[tuple[int, int], list] = {}
        for frame in frames:
            generations.setdefault(frame[2], []).append(frame)
        for number, gen_frames in enumerate(generations.values(), start=1):
            image = bytearray(main)
            commit = 0
            for page, size, _salts, body in gen_frames:
                end = page * page_size
                if len(image) < end:
                    image.extend(bytes(end - len(image)))
                image[end - page_size : end] = body
                if size:  # the last frame of a commit: the database has ``size`` pages
                    commit += 1
                    del image[size * page_size :]
                    dumped = _dump(bytes(image), scratch)
                    if dumped is not None:
                        yield State(number, commit, *dumped)


def commits(states: Iterable[State]) -> Iterator[Commit]:
    """Every commit the log holds, as the states before and after it (a generation's first
    commit is read against the main file)."""
    base: State | None = None
    previous: State | None = None
    for state in states:
        if state.commit == 0:
            base = state
        elif state.commit == 1 or previous is None or previous.generation != state.generation:
            assert base is not None
            yield Commit(base, state)
        else:
            yield Commit(previous, state)
        previous = state


def key_files(directory: Path) -> list[bytes]:
    """Every file that could be a key: anything that is not the database or its log."""
    found = []
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.name not in DATABASE_FILES and path.suffix != ".log":
            data = path.read_bytes()
            found.append(data)
            text = data.decode("ascii", "replace").strip()
            for word in text.split():  # a key written as hex text, perhaps after a date
                try:
                    found.append(bytes.fromhex(word))
                except ValueError:
                    pass
    return [k for k in found if len(k) >= 16]


#: The labels Palabre's keyed hashes start with (the attacker has read the code).
LABELS = ("vote", "order", "palabre/grievance-limit/v1", "round", "wave", "limit")


def keyed_hashes(
    keys: list[bytes], ids: Iterable[object], others: Iterable[object]
) -> dict[str, object]:
    """Every HMAC-SHA256 an attacker can try, with the id it names: each key over each id,
    alone or with a label and one other known value (statement, round, wave ids, days), in
    every order, joined as Palabre joins the parts it keys."""
    found: dict[str, object] = {}
    others = [None, *others]
    for key, x, label, other in itertools.product(keys, ids, (None, *LABELS), others):
        parts = [str(p) for p in (label, other) if p is not None]
        for order in itertools.permutations([*parts, str(x)]):
            message = "\x1f".join(order).encode("utf-8")
            found[hmac.new(key, message, hashlib.sha256).hexdigest()] = x
    return found


#: Tables whose rows are what people said or chose.
CONTENT = ("grievances", "statements", "votes", "survey_responses", "survey_open_answers")


@dataclass
class Truth:
    """What the test knows: who did what (Telegram ids)."""

    grievances: dict[str, int] = field(default_factory=dict)  # description -> author
    statements: dict[str, int] = field(default_factory=dict)  # text -> author
    voters: set[int] = field(default_factory=set)
    finishers: set[int] = field(default_factory=set)


@dataclass
class Findings:
    commits: int = 0
    generations: int = 0
    #: Commits of the log that wrote a grievance: the attacker had them to work on.
    grievance_commits: int = 0
    #: Keyed hashes recomputed (every key file, every person id and Telegram id).
    hashes: int = 0
    keys: int = 0
    links: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[str]:
        return [link for link in self.links if link.startswith(kind)]


def _people(state: State) -> dict[int, int]:
    return {row[0]: row[1] for row in state.rows("people")}  # (id, telegram_id, ...)


def _persons_in(
    state: State, table: str, rows: Iterable[Row], people: dict[int, int], hashes: dict[str, object]
) -> set[int]:
    """The Telegram ids some rows name: by a person id column, by Telegram id, or by a keyed
    hash the attacker can recompute."""
    telegram = set(people.values())
    columns = state.columns.get(table, [])
    named: set[int] = set()
    for row in rows:
        for column, value in zip(columns, row, strict=False):
            if column == "person_id" and isinstance(value, int) and value in people:
                named.add(people[value])
            elif table == "people" and column == "id" and value in people:
                named.add(people[value])  # type: ignore[index]
            elif isinstance(value, int) and value in telegram:
                named.add(value)
            elif isinstance(value, str) and value in hashes:
                hit = hashes[value]
                named.add(people[hit] if isinstance(hit, int) and hit in people else int(str(hit)))
    return named


def _person_side(state: State) -> list[str]:
    return [t for t in state.tables if t not in CONTENT and t not in _SHARED]


#: Tables that describe the dialogue, not people (their first column is not a person id).
_SHARED = {
    "dialogues",
    "invites",
    "rounds",
    "action_items",
    "grievance_areas",
    "grievance_categories",
    "grievance_alerts",
    "survey_schedules",
    "survey_waves",
    "survey_wave_counts",
    "schema_migrations",
}


def find_links(directory: Path, truth: Truth, *, people: dict[int, int]) -> Findings:
    """Every pairing of content with a person the files allow, as readable lines.

    ``people``: person id -> Telegram id, as the attacker learns it from the people table (of
    any state; the test passes the union it saw while the bot ran).
    """
    keys = key_files(directory)
    states = list(history(directory))
    findings = Findings(generations=len({s.generation for s in states}) - 1)
    others: set[object] = set()
    for state in states:
        for table in ("statements", "rounds", "survey_waves"):
            others |= {row[0] for row in state.rows(table)}
        others |= {v for row in state.rows("grievances") for v in row[2:3]}  # filing days
        others |= {row[3] for row in state.rows("survey_responses")}  # answering days
        people = {**people, **_people(state)}
    hashes = keyed_hashes(keys, [*people, *people.values()], others)
    findings.hashes, findings.keys = len(hashes), len(keys)
    author_of = {**truth.grievances, **truth.statements}
    for state in states:
        for table in CONTENT:
            for row in state.rows(table):
                named = _persons_in(state, table, [row], people, hashes)
                if named:
                    findings.links.append(f"{table}: a row names {sorted(named)} in a state")
        for row in state.rows("statement_authors"):
            findings.links.append(f"statements: an author link {row} in a state")
    for commit in commits(states):
        findings.commits += 1
        findings.grievance_commits += bool(commit.touched("grievances"))
        touched_people = set()
        for table in _person_side(commit.after) + _person_side(commit.before):
            state = commit.after if table in commit.after.columns else commit.before
            touched_people |= _persons_in(state, table, commit.touched(table), people, hashes)
        if not touched_people:
            continue
        for table in CONTENT:
            for row in commit.touched(table):
                texts = [v for v in row if isinstance(v, str)]
                authors = {author_of[t] for t in texts if t in author_of}
                if table == "votes":
                    authors = truth.voters
                elif table in ("survey_responses", "survey_open_answers"):
                    authors = truth.finishers
                paired = authors & touched_people
                if paired:
                    kind = "grievances" if table == "grievances" else table
                    findings.links.append(
                        f"{kind}: commit {commit.after.generation}.{commit.after.commit} "
                        f"pairs a row with {sorted(paired)}"
                    )
    return findings
