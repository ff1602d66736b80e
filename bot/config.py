"""Settings from environment variables, optionally from a TOML file given with --config.

Environment variables win over the file, so a deployment can keep a shared file and override
one value. Every problem names the variable it concerns, so the CLI can print one line.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.disclosure import MIN_K
from flows.languages import SHIPPED_LANGUAGES
from services.settings import DEFAULT_API_ROOT, ConfigError, Settings

__all__ = ["ConfigError", "Settings", "load_settings"]

_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")


# TOML keys and the variables they stand for.
_KEYS = {
    "bot_token": "PALABRE_BOT_TOKEN",
    "api_root": "PALABRE_API_ROOT",
    "db": "PALABRE_DB",
    "admins": "PALABRE_ADMINS",
    "timezone": "PALABRE_TIMEZONE",
    "languages": "PALABRE_LANGUAGES",
    "min_group_size": "PALABRE_MIN_GROUP_SIZE",
    "log_level": "PALABRE_LOG_LEVEL",
    "statement_limit": "PALABRE_STATEMENT_LIMIT",
    "statements_per_round": "PALABRE_STATEMENTS_PER_ROUND",
    "secret_file": "PALABRE_SECRET_FILE",
    "key_dir": "PALABRE_KEY_DIR",
    "grievance_length": "PALABRE_GRIEVANCE_LENGTH",
    "grievances_per_day": "PALABRE_GRIEVANCES_PER_DAY",
    "instruments": "PALABRE_INSTRUMENTS",
    "wave_hours": "PALABRE_WAVE_HOURS",
    "reminder_hours": "PALABRE_REMINDER_HOURS",
    "wave_spread_minutes": "PALABRE_WAVE_SPREAD_MINUTES",
}


def _from_file(path: Path) -> dict[str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"--config: no such file: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"--config: {path} is not valid TOML ({exc})") from None
    values: dict[str, str] = {}
    for key, raw in data.items():
        variable = _KEYS.get(key) or (key if key in _KEYS.values() else None)
        if variable is None:
            raise ConfigError(f"--config: unknown setting {key!r} (known: {', '.join(_KEYS)})")
        if isinstance(raw, list):
            raw = ",".join(str(v) for v in raw)
        values[variable] = str(raw)
    return values


def _admins(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError(
                f"PALABRE_ADMINS: {part!r} is not a Telegram user id "
                "(expected comma-separated numbers)"
            )
        ids.add(int(part))
    return frozenset(ids)


def _languages(raw: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(p.strip() for p in raw.split(",") if p.strip()))
    unknown = [lang for lang in langs if lang not in SHIPPED_LANGUAGES]
    if not langs or unknown:
        raise ConfigError(
            f"PALABRE_LANGUAGES: {', '.join(unknown) or 'empty'} not shipped "
            f"(choose among {', '.join(SHIPPED_LANGUAGES)})"
        )
    return langs


def _timezone(raw: str) -> str:
    try:
        ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"PALABRE_TIMEZONE: unknown time zone {raw!r} (use an IANA name like Africa/Niamey)"
        ) from None
    return raw


def _api_root(raw: str) -> str:
    if not re.match(r"^https?://[^\s/]+", raw):
        raise ConfigError(f"PALABRE_API_ROOT: {raw!r} is not an http(s) URL")
    return raw.rstrip("/")


def _min_group_size(raw: str) -> int:
    if not raw.strip().isdigit() or not MIN_K <= int(raw) <= 100:
        raise ConfigError(
            f"PALABRE_MIN_GROUP_SIZE: {raw!r} is not a whole number from {MIN_K} to 100 "
            f"(every published figure protects groups of at least {MIN_K})"
        )
    return int(raw)


def _statement_limit(raw: str) -> int:
    if not raw.strip().isdigit() or not 50 <= int(raw) <= 3500:
        raise ConfigError(
            f"PALABRE_STATEMENT_LIMIT: {raw!r} is not a number of characters from 50 to 3500"
        )
    return int(raw)


def _whole_number(name: str, raw: str, low: int, high: int, what: str) -> int:
    if not raw.strip().isdigit() or not low <= int(raw) <= high:
        raise ConfigError(f"{name}: {raw!r} is not {what} from {low} to {high}")
    return int(raw)


def _reminders(raw: str, window: int) -> tuple[int, ...]:
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if len(parts) > 2 or not all(p.isdigit() for p in parts):
        raise ConfigError(f"PALABRE_REMINDER_HOURS: {raw!r} is not up to two numbers of hours")
    hours = tuple(int(p) for p in parts)
    if list(hours) != sorted(set(hours)) or any(not 0 < h < window for h in hours):
        raise ConfigError(
            f"PALABRE_REMINDER_HOURS: {raw!r} must rise and fall within the wave's {window} hours"
        )
    return hours


def _log_level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ConfigError(f"PALABRE_LOG_LEVEL: {raw!r} is not DEBUG, INFO, WARNING or ERROR")
    return level


def load_settings(
    environ: Mapping[str, str] | None = None, config_file: str | Path | None = None
) -> Settings:
    """Read settings; raise ConfigError naming the first malformed variable."""
    env = dict(os.environ if environ is None else environ)
    values = _from_file(Path(config_file)) if config_file else {}
    values.update({k: v for k, v in env.items() if k.startswith("PALABRE_")})

    token = values.get("PALABRE_BOT_TOKEN") or None
    if token is not None and not _TOKEN.match(token.strip()):
        raise ConfigError("PALABRE_BOT_TOKEN: malformed (expected digits, a colon and the secret)")
    return Settings(
        token=token.strip() if token else None,
        api_root=_api_root(values.get("PALABRE_API_ROOT", DEFAULT_API_ROOT)),
        db_path=Path(values.get("PALABRE_DB", "palabre.db")),
        admins=_admins(values.get("PALABRE_ADMINS", "")),
        timezone=_timezone(values.get("PALABRE_TIMEZONE", "UTC")),
        languages=_languages(values.get("PALABRE_LANGUAGES", ",".join(SHIPPED_LANGUAGES))),
        min_group_size=_min_group_size(values.get("PALABRE_MIN_GROUP_SIZE", "5")),
        log_level=_log_level(values.get("PALABRE_LOG_LEVEL", "INFO")),
        statement_limit=_statement_limit(values.get("PALABRE_STATEMENT_LIMIT", "500")),
        grievance_length=_whole_number(
            "PALABRE_GRIEVANCE_LENGTH",
            values.get("PALABRE_GRIEVANCE_LENGTH", "1000"),
            100,
            4000,
            "a number of characters",
        ),
        statements_per_round=_whole_number(
            "PALABRE_STATEMENTS_PER_ROUND",
            values.get("PALABRE_STATEMENTS_PER_ROUND", "10"),
            1,
            100,
            "a number of statements",
        ),
        grievances_per_day=_whole_number(
            "PALABRE_GRIEVANCES_PER_DAY",
            values.get("PALABRE_GRIEVANCES_PER_DAY", "5"),
            1,
            100,
            "a whole number",
        ),
        instruments_file=Path(values["PALABRE_INSTRUMENTS"])
        if values.get("PALABRE_INSTRUMENTS")
        else None,
        wave_hours=(
            wave_hours := _whole_number(
                "PALABRE_WAVE_HOURS",
                values.get("PALABRE_WAVE_HOURS", "72"),
                1,
                24 * 31,
                "a number of hours",
            )
        ),
        reminder_hours=_reminders(values.get("PALABRE_REMINDER_HOURS", "24,48"), wave_hours),
        wave_spread_minutes=_whole_number(
            "PALABRE_WAVE_SPREAD_MINUTES",
            values.get("PALABRE_WAVE_SPREAD_MINUTES", "0"),
            0,
            24 * 60,
            "a number of minutes",
        ),
        secret_file=Path(values["PALABRE_SECRET_FILE"])
        if values.get("PALABRE_SECRET_FILE")
        else None,
        key_dir=Path(values["PALABRE_KEY_DIR"]) if values.get("PALABRE_KEY_DIR") else None,
    )
