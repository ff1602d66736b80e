"""Files only the account that runs Palabre can read.

Every command runs with umask 077, so what it creates (the database, its -wal and -shm, key
files, backups, exports) is 0600 and its directories 0700. Files an older Palabre made with
looser modes are tightened when the bot starts, and a key file it no longer uses is destroyed.
"""

from __future__ import annotations

import contextlib
import os
import stat

from services.settings import Settings

OWNER_ONLY = 0o077


def owner_only() -> None:
    """From now on, this process creates files for its owner alone."""
    os.umask(OWNER_ONLY)


def tighten(settings: Settings) -> None:
    """Bring the bot's existing files and key directory down to owner-only modes."""
    db = settings.db_path
    files = [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    files.append(settings.secret_path)
    keys = settings.key_path
    if keys.is_dir():
        with contextlib.suppress(OSError):
            os.chmod(keys, 0o700)
        files += [p for p in keys.iterdir() if p.is_file()]
    # An older Palabre kept the day's grievance-limit secret in a file: it is in memory now.
    old_daily = settings.secret_path.with_name(settings.secret_path.name + ".daily")
    with contextlib.suppress(FileNotFoundError):
        old_daily.write_bytes(bytes(old_daily.stat().st_size))
        old_daily.unlink()
    for path in files:
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(path.stat().st_mode) & OWNER_ONLY:
                os.chmod(path, 0o600)
