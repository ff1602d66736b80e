"""Logging that never writes the token or what people said.

httpx logs every request URL at INFO, and the URL holds the token (``/bot<token>/method``);
exceptions can carry it too. A filter on every handler rewrites any token-shaped text, and the
chatty HTTP loggers are held at WARNING. Palabre's own log lines carry ids and counts, never
message texts.
"""

from __future__ import annotations

import logging
import re

_TOKEN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{20,}")
_BOT_PATH = re.compile(r"/bot[^/\s]+/")
REDACTED = "<token>"


def redact(text: str) -> str:
    text = _BOT_PATH.sub(f"/bot{REDACTED}/", text)
    return _TOKEN.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Format the record once, redact it, and freeze the result into the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, redacted, so no formatter prints the raw one later.
            formatter = logging.Formatter()
            clean += "\n" + redact(formatter.formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = clean, None
        return True


def configure_logging(level: str = "INFO", stream: object | None = None) -> None:
    handler = logging.StreamHandler(stream)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    hold_libraries(root.level)


def hold_libraries(level: int) -> None:
    """Keep the libraries that log people's words or the token above the levels where they do.

    httpx logs URLs (with the token) at INFO; aiosqlite logs SQL parameters (people's words)
    at DEBUG; PTB logs request parameters (message texts) at DEBUG. They are held above that,
    whatever level Palabre itself runs at.
    """
    for noisy in ("httpx", "httpcore", "apscheduler", "aiohttp.access", "aiosqlite"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, level))
    logging.getLogger("telegram").setLevel(max(logging.INFO, level))
