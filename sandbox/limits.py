"""Flood control (Telegram's 429s) and injected server errors, both switchable at run time."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

#: Methods that count as sending for flood control.
SENDING = {
    "sendMessage",
    "sendDocument",
    "sendPhoto",
    "editMessageText",
    "editMessageReplyMarkup",
    "deleteMessage",
}


class _Bucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.capacity, self.tokens = rate, burst, burst
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rate_limited: int = 0
    injected_errors: int = 0
    #: Monotonic times of successful sends, per chat: to check the pacing of a wave.
    sends: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))

    def max_per_second(self, chat_id: int | None = None) -> int:
        """The most sends seen in any one-second window (one chat, or all chats)."""
        times = sorted(
            self.sends.get(chat_id, [])
            if chat_id is not None
            else [t for ts in self.sends.values() for t in ts]
        )
        best, start = 0, 0
        for end, t in enumerate(times):
            while t - times[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best


class Limits:
    def __init__(self) -> None:
        self.stats = Stats()
        self.flood_enabled = False
        self.retry_after = 1
        self._per_chat_rate, self._per_chat_burst = 1.0, 3.0
        self._overall: _Bucket | None = None
        self._chats: dict[int, _Bucket] = {}
        self._errors: list[tuple[int, set[str] | None]] = []

    def flood_control(
        self,
        enabled: bool = True,
        per_chat_per_second: float = 1.0,
        per_chat_burst: float = 3,
        overall_per_second: float = 30.0,
        overall_burst: float = 30,
        retry_after: int = 1,
    ) -> None:
        self.flood_enabled = enabled
        self.retry_after = retry_after
        self._per_chat_rate, self._per_chat_burst = per_chat_per_second, per_chat_burst
        self._overall = _Bucket(overall_per_second, overall_burst)
        self._chats = {}

    def inject_errors(self, count: int, status: int = 502, methods: set[str] | None = None) -> None:
        self._errors.extend([(status, methods)] * count)

    def injected(self, method: str) -> int | None:
        for index, (status, methods) in enumerate(self._errors):
            if methods is None or method in methods:
                del self._errors[index]
                self.stats.injected_errors += 1
                return status
        return None

    def flooded(self, method: str, chat_id: int | None) -> bool:
        if not self.flood_enabled or method not in SENDING or chat_id is None:
            return False
        chat = self._chats.setdefault(chat_id, _Bucket(self._per_chat_rate, self._per_chat_burst))
        overall = self._overall
        if not chat.take() or (overall is not None and not overall.take()):
            self.stats.rate_limited += 1
            return True
        return False

    def sent(self, chat_id: int) -> None:
        self.stats.sends[chat_id].append(time.monotonic())
