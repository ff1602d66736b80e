"""What a deployment of Palabre is set to: the values every floor reads.

``bot.config`` reads them from the environment and an optional TOML file and checks them; the
use cases only read the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.languages import SHIPPED_LANGUAGES

DEFAULT_API_ROOT = "https://api.telegram.org"


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    token: str | None = None
    api_root: str = DEFAULT_API_ROOT
    db_path: Path = Path("palabre.db")
    admins: frozenset[int] = frozenset()
    timezone: str = "UTC"
    languages: tuple[str, ...] = SHIPPED_LANGUAGES
    min_group_size: int = 5
    statement_limit: int = 500
    statements_per_round: int = 10  # per person, so that one person cannot flood every deck
    grievance_length: int = 1000
    grievances_per_day: int = 5
    #: The share of the digest's lines that hide one more count by a secret draw (decoys, see
    #: ``flows.grievances.digest``); not a deployment setting: tests that read exact digests
    #: set it to 0.
    digest_decoys: float = 0.25
    instruments_file: Path | None = None
    wave_hours: int = 72
    reminder_hours: tuple[int, ...] = (24, 48)
    wave_spread_minutes: int = 0
    log_level: str = "INFO"
    secret_file: Path | None = None
    key_dir: Path | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return self.api_root + "/bot"

    @property
    def base_file_url(self) -> str:
        return self.api_root + "/file/bot"

    @property
    def secret_path(self) -> Path:
        """Where the key for anonymous records lives: beside the database unless set."""
        return self.secret_file or self.db_path.with_name(self.db_path.name + ".key")

    @property
    def key_path(self) -> Path:
        """The directory of the keys that die with their purpose (each open round's vote key):
        beside the database unless set; it may be a RAM disk (see the README's threat model)."""
        return self.key_dir or self.db_path.with_name(self.db_path.name + ".keys")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def require_token(self) -> str:
        if not self.token:
            raise ConfigError("PALABRE_BOT_TOKEN is required: the token @BotFather gave the bot")
        return self.token
