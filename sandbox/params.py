"""Method parameters as Telegram reads them, whatever encoding the client chose.

A form or multipart body gives strings (``"42"``, ``"true"``, JSON text for objects); a JSON
body gives native values. Every method reads its parameters through ``Params`` so both work,
and so a malformed value fails with a Bot API style 400 rather than a Python exception.
"""

from __future__ import annotations

import json
from typing import Any

from sandbox.errors import bad_request

#: An uploaded file part: (filename, bytes).
Upload = tuple[str, bytes]
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


class Params:
    """The parameters of one call, plus its uploaded files."""

    def __init__(self, values: dict[str, Any], files: dict[str, Upload] | None = None) -> None:
        self.values = values
        self.files = files or {}

    def __contains__(self, key: str) -> bool:
        return self.values.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def text(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self else None

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.values.get(key)
        if value is None or value == "":
            if default is None:
                raise bad_request(f'parameter "{key}" is required')
            return default
        if isinstance(value, bool):
            raise bad_request(f'field "{key}" must be of type Integer')
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f'field "{key}" must be of type Integer') from None

    def flag(self, key: str) -> bool:
        value = self.values.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        lowered = str(value).strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise bad_request(f'field "{key}" must be of type Boolean')

    def json(self, key: str, what: str = "object") -> Any:
        """A parameter that is JSON-serialized in forms (objects, arrays) or native in JSON."""
        value = self.values.get(key)
        if value is None or isinstance(value, dict | list):
            return value
        try:
            return json.loads(value)
        except (TypeError, ValueError):
            raise bad_request(f"can't parse {key} JSON {what}") from None

    def chat_id(self) -> int:
        """The target chat; a ``@username`` never matches a sandbox chat."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
