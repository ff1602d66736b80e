from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from flows.invites import (
    CODE_BYTES,
    Invite,
    InviteProblem,
    deep_link,
    encode_code,
    expiry,
    looks_like_code,
    roles_invitable_by,
)
from flows.roles import STAKEHOLDER_ROLES, Role

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def invite(**kw) -> Invite:
    base = dict(id="ab12cd34", code="x" * 22, dialogue_id=1, role=Role.COMMUNITY, created_at=NOW)
    base.update(kw)
    return Invite(**base)


@given(st.binary(min_size=CODE_BYTES, max_size=CODE_BYTES))
def test_codes_fit_telegram_start_parameters_and_keep_128_bits(raw: bytes) -> None:
    code = encode_code(raw)
    assert looks_like_code(code)
    assert len(code) <= 64
    # Decoding gives the bytes back: no entropy is lost in the encoding.
    import base64

    assert base64.urlsafe_b64decode(code + "==") == raw
    assert len(raw) * 8 >= 96


def test_short_randomness_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        encode_code(b"\x00" * (CODE_BYTES - 1))


def test_a_fresh_invite_has_no_problem() -> None:
    assert invite().problem(NOW) is None


def test_revoked_wins_over_everything() -> None:
    i = invite(revoked=True, uses=5, max_uses=1, expires_at=NOW - timedelta(days=1))
    assert i.problem(NOW) is InviteProblem.REVOKED


def test_expiry_is_exclusive_at_the_instant() -> None:
    i = invite(expires_at=NOW + timedelta(seconds=1))
    assert i.problem(NOW) is None
    assert i.problem(NOW + timedelta(seconds=1)) is InviteProblem.EXPIRED


def test_used_up_at_max_uses() -> None:
    assert invite(max_uses=2, uses=1).problem(NOW) is None
    assert invite(max_uses=2, uses=2).problem(NOW) is InviteProblem.USED_UP
    assert invite(max_uses=2, uses=1).remaining_uses() == 1
    assert invite().remaining_uses() is None


def test_expiry_helper() -> None:
    assert expiry(NOW, None) is None
    assert expiry(NOW, 7) == NOW + timedelta(days=7)


def test_who_may_invite_whom() -> None:
    assert roles_invitable_by(is_staff=False, is_facilitator=False) == ()
    assert roles_invitable_by(is_staff=False, is_facilitator=True) == STAKEHOLDER_ROLES
    assert roles_invitable_by(is_staff=True, is_facilitator=False)[0] is Role.FACILITATOR
    assert Role.FACILITATOR not in roles_invitable_by(is_staff=False, is_facilitator=True)


def test_deep_link_and_its_guard() -> None:
    import pytest

    assert deep_link("palabre_bot", "abc_DEF-123") == "https://t.me/palabre_bot?start=abc_DEF-123"
    for bad in ["", "a b", "a" * 65, "é", "abc/def"]:
        assert not looks_like_code(bad)
        with pytest.raises(ValueError):
            deep_link("palabre_bot", bad)
