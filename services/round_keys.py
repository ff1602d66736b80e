"""Each round's vote key: it keys the round's votes, and it dies when the round closes.

A vote is stored under HMAC(round key, "vote", statement, Telegram id), so a second press
changes the vote instead of adding one, and /forgetme followed by a new profile cannot vote
twice. The key sits in its own file in ``Settings.key_path`` (owner-only) while the round is
open; when the round closes the file is overwritten and deleted, and from then on nobody, this
bot included, can tell whose vote a row is. The key is made when collecting ends, since the
authors' own agrees are the round's first votes (:mod:`flows.rounds.moves`). The key directory
may be a RAM disk: a restart then loses the keys of open rounds; before voting opens that
costs the authors' agrees (they vote on their statements like anyone else), once voting is open
a person who voted before it cannot change those votes (the number of cards they voted on keeps
them from voting twice, see :mod:`services.voting`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
from pathlib import Path

from services.keys import keyed
from services.runtime import Runtime

KEY_BYTES = 32


def _path(rt: Runtime, round_id: str) -> Path:
    return rt.settings.key_path / f"round-{round_id}.key"


def vote_key(rt: Runtime, round_id: str) -> bytes:
    """The round's key: remembered, read from its file, or made (and written) now."""
    key = rt.round_keys.get(round_id)
    if key is not None:
        return key
    path = _path(rt, round_id)
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = None
    if key is None or len(key) != KEY_BYTES:
        key = rt.random_bytes(KEY_BYTES)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, path)
        rt.fresh_round_keys.add(round_id)
    rt.round_keys[round_id] = key
    return key


def vote_row_key(rt: Runtime, round_id: str, statement_id: str, telegram_id: int) -> str:
    return keyed(vote_key(rt, round_id), "vote", statement_id, telegram_id)


def vote_row_keys(
    rt: Runtime, round_id: str, statement_ids: list[str], telegram_id: int
) -> list[str]:
    """:func:`vote_row_key` for each of ``statement_ids`` (a voter's whole deck): the same
    hashes, the key's setup done once."""
    base = hmac.new(vote_key(rt, round_id), b"vote\x1f", hashlib.sha256)
    keys = []
    for statement_id in statement_ids:
        h = base.copy()
        h.update(f"{statement_id}\x1f{telegram_id}".encode())
        keys.append(h.hexdigest())
    return keys


def key_was_lost(rt: Runtime, round_id: str) -> bool:
    """Whether this process had to make the round's key anew (a RAM-disk key directory after a
    restart): votes cast under the old key can no longer be found, so they cannot be changed."""
    return round_id in rt.fresh_round_keys


def made_anew(rt: Runtime, round_id: str) -> None:
    """The key of a round that has no vote yet (collecting ends: the authors' agrees are the
    first votes) is new by design, not lost."""
    vote_key(rt, round_id)
    rt.fresh_round_keys.discard(round_id)


def destroy(rt: Runtime, round_id: str) -> None:
    """The round closed: overwrite and delete its key, and forget it."""
    rt.round_keys.pop(round_id, None)
    rt.fresh_round_keys.discard(round_id)
    path = _path(rt, round_id)
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as fh:
            fh.write(bytes(size))
            fh.flush()
            os.fsync(fh.fileno())
        path.unlink()
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
