"""The daily grievance limit and the keyed, daily pseudonym it is counted under."""

import re
from datetime import date

import pytest

from flows.grievances.limits import DAILY_LIMIT, LimitDecision, check_daily_limit, pseudonym

SECRET = bytes(range(32))
DAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("count", "decision"),
    [
        (0, LimitDecision(True, 4)),
        (3, LimitDecision(True, 1)),
        (4, LimitDecision(True, 0)),
        (5, LimitDecision(False, 0)),
        (9, LimitDecision(False, 0)),
    ],
)
def test_five_a_day(count: int, decision: LimitDecision) -> None:
    assert DAILY_LIMIT == 5
    assert check_daily_limit(count) == decision


def test_the_limit_is_a_parameter() -> None:
    assert check_daily_limit(1, limit=2) == LimitDecision(True, 0)
    assert check_daily_limit(2, limit=2) == LimitDecision(False, 0)
    with pytest.raises(ValueError):
        check_daily_limit(0, limit=0)
    with pytest.raises(ValueError):
        check_daily_limit(-1)


def test_pseudonyms_are_stable_within_a_day_and_unlinkable_across() -> None:
    p = pseudonym(SECRET, 123456789, DAY)
    assert re.fullmatch(r"[0-9a-f]{64}", p)
    assert pseudonym(SECRET, 123456789, DAY) == p
    assert pseudonym(SECRET, 123456789, date(2026, 11, 22)) != p
    assert pseudonym(SECRET, 123456780, DAY) != p
    assert pseudonym(bytes(32), 123456789, DAY) != p
    assert "123456789" not in p


def test_pseudonyms_are_not_a_plain_hash_of_the_id() -> None:
    import hashlib

    p = pseudonym(SECRET, 42, DAY)
    for guess in ("42", f"{DAY.isoformat()}:42", f"palabre/grievance-limit/v1\x1f{DAY}\x1f42"):
        assert hashlib.sha256(guess.encode()).hexdigest() != p


def test_short_secrets_are_refused() -> None:
    with pytest.raises(ValueError):
        pseudonym(b"too short", 1, DAY)
