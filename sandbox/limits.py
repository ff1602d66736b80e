"""Flood control (Telegram's 429s), injected server errors, and the counters tests read.

Telegram allows about one message per second in a chat (with short bursts) and about thirty
per second overall; past that it answers 429 with ``retry_after`` and keeps answering 429
until that time has passed. Token buckets reproduce that, so a test can check that the bot
paces itself and honours ``retry_after`` instead of hammering. Error injection makes the next
matching calls fail with a 5xx, to test that replies are retried, not lost.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sandbox.errors import ApiError

#: Calls that put something on a person's screen; only these count against flood limits.
SENDING = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"}
)
#: Calls that create a new message: their times are kept per chat in ``Stats.sends``.
NEW_MESSAGES = frozenset({"sendMessage", "sendDocument", "sendPhoto"})


class TokenBucket:
    """``rate`` tokens per second, at most ``capacity`` saved up; one token per send."""

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate, self.capacity, self.tokens = rate, max(1.0, capacity), max(1.0, capacity)
        self.stamp = now

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0 if one is)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1


@dataclass
class Stats:
    """What happened, for assertions and benchmarks."""

    requests: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    responses: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))
    rate_limited: int = 0  # 429s sent by flood control
    injected_errors: int = 0
    #: Monotonic times of the new messages each chat received (sendMessage/Document/Photo).
    sends: defaultdict[int, list[float]] = field(default_factory=lambda: defaultdict(list))

    def max_per_second(self, chat_id: int | None = None) -> int:
        """The most new messages in any one-second window, for one chat or (None) overall."""
        if chat_id is not None:
            times = sorted(self.sends.get(chat_id, []))
        else:
            times = sorted(t for chat_times in self.sends.values() for t in chat_times)
        best = start = 0
        for end, moment in enumerate(times):
            while moment - times[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        return best


#: An injected "status" that closes the connection without an answer.
DROPPED = 0


@dataclass
class _Injection:
    status: int
    methods: frozenset[str] | None
    remaining: int
    applied: bool = False


class Limits:
    """Flood control and error injection, both switchable while the sandbox runs."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock  # replaceable, so tests can move time instead of sleeping
        self.stats = Stats()
        self.enabled = False
        self.retry_after = 1
        self._chat_rate, self._chat_burst = 1.0, 3.0
        self._group_per_minute: float | None = None
        self._overall = TokenBucket(30.0, 30.0, clock())
        self._chats: dict[int, TokenBucket] = {}
        self._groups: dict[int, TokenBucket] = {}
        self._penalty: dict[int | None, float] = {}  # chat (None: everything) -> until
        self._injections: list[_Injection] = []

    def flood_control(
        self,
        enabled: bool = True,
        per_chat_per_second: float = 1.0,
        per_chat_burst: float = 3,
        overall_per_second: float = 30.0,
        overall_burst: float = 30,
        retry_after: int = 1,
        per_group_per_minute: float | None = None,
    ) -> None:
        """Switch flood control on (or off) with fresh buckets.

        ``retry_after`` is the least a 429 announces; when a bucket needs longer to give a
        token back, the announced time is that longer wait, as Telegram's would be.
        """
        self.enabled = enabled
        self.retry_after = retry_after
        self._chat_rate, self._chat_burst = per_chat_per_second, per_chat_burst
        self._group_per_minute = per_group_per_minute
        self._overall = TokenBucket(overall_per_second, overall_burst, self.clock())
        self._chats, self._groups, self._penalty = {}, {}, {}

    def inject_errors(
        self,
        count: int,
        status: int = 502,
        methods: Iterable[str] | str | None = None,
        *,
        applied: bool = False,
    ) -> None:
        """Make the next ``count`` calls (of ``methods``, or any) fail with ``status``.

        ``applied``: the call takes effect first (the message is sent, the edit made) and only
        then fails, as when Telegram's front end times out behind a server that did the work.
        ``status`` :data:`DROPPED` closes the connection without any answer instead.
        """
        names = frozenset([methods] if isinstance(methods, str) else methods or ()) or None
        self._injections.append(_Injection(status, names, count, applied))

    def injected(self, method: str, *, applied: bool = False) -> ApiError | None:
        """The error to answer instead of running ``method`` (``applied`` False), or after
        running it (``applied`` True), if one is due."""
        for injection in self._injections:
            if (
                injection.remaining > 0
                and injection.applied is applied
                and (injection.methods is None or method in injection.methods)
            ):
                injection.remaining -= 1
                self.stats.injected_errors += 1
                if injection.status == DROPPED:
                    return ApiError(DROPPED, "connection dropped")
                return ApiError.for_status(injection.status, self.retry_after)
        self._injections = [i for i in self._injections if i.remaining > 0]
        return None

    def _buckets(self, chat_id: int, now: float) -> list[tuple[int | None, TokenBucket]]:
        buckets: list[tuple[int | None, TokenBucket]] = [(None, self._overall)]
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self._chats[chat_id] = TokenBucket(self._chat_rate, self._chat_burst, now)
        buckets.append((chat_id, chat))
        if chat_id < 0 and self._group_per_minute:
            group = self._groups.get(chat_id)
            if group is None:
                rate = self._group_per_minute
                group = self._groups[chat_id] = TokenBucket(rate / 60, rate, now)
            buckets.append((chat_id, group))
        return buckets

    def check(self, method: str, chat_id: int | None) -> None:
        """Raise the 429 Telegram would answer to this send now; consumes nothing."""
        if not self.enabled or method not in SENDING or chat_id is None:
            return
        now = self.clock()
        for key in (None, chat_id):
            until = self._penalty.get(key, 0.0)
            if until > now:
                self._refuse(math.ceil(until - now))
        for key, bucket in self._buckets(chat_id, now):
            wait = bucket.wait(now)
            if wait > 0:
                retry = max(self.retry_after, math.ceil(wait))
                self._penalty[key] = now + retry
                self._refuse(retry)

    def _refuse(self, retry: int) -> None:
        self.stats.rate_limited += 1
        raise ApiError(429, f"Too Many Requests: retry after {retry}", retry)

    def record(self, method: str, chat_id: int | None) -> None:
        """Count a successful call against the buckets and the statistics."""
        if chat_id is None:
            return
        now = self.clock()
        if self.enabled and method in SENDING:
            for _key, bucket in self._buckets(chat_id, now):
                bucket.take(now)
        if method in NEW_MESSAGES:
            self.stats.sends[chat_id].append(now)
