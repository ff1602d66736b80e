"""Error answers, shaped exactly as the Bot API shapes them.

PTB decides which exception to raise from the HTTP status and, for 429, from
``parameters.retry_after``; the description is what a developer reads in logs. Keeping every
error in one type lets a method fail anywhere with ``raise ApiError(...)`` and still produce the
same JSON body Telegram would.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

#: Descriptions Telegram uses for server-side failures, which error injection imitates.
SERVER_ERRORS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class ApiError(Exception):
    """A failed Bot API call: HTTP status, Telegram's description, optional retry_after."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        """The JSON object Telegram sends with this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body

    @classmethod
    def for_status(cls, status: int, retry_after: int = 1) -> ApiError:
        """An error for an injected status, worded as Telegram words that status."""
        if status in SERVER_ERRORS:
            return cls(status, SERVER_ERRORS[status])
        if status == 429:
            return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        return cls(status, phrase)


def bad_request(detail: str) -> ApiError:
    """A 400 with Telegram's ``Bad Request: `` prefix."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """A 403 with Telegram's ``Forbidden: `` prefix."""
    return ApiError(403, f"Forbidden: {detail}")
