from flows.commands import COMMANDS, Audience, commands_for
from flows.dialogues import Membership, clean_dialogue_name, current_membership
from flows.languages import negotiate
from flows.roles import Role, parse_role


def test_language_negotiation_follows_telegram_tags() -> None:
    assert negotiate("fr") == "fr"
    assert negotiate("fr-CA") == "fr"
    assert negotiate("ar_EG") == "ar"
    assert negotiate("AR") == "ar"
    assert negotiate("pt-br") == "en"
    assert negotiate(None) == "en"
    assert negotiate("", ("fr", "ar")) == "fr"


def test_parse_role_refuses_forged_values() -> None:
    assert parse_role("police") is Role.POLICE
    assert parse_role("admin") is None
    assert parse_role("") is None


def test_commands_are_role_aware() -> None:
    names = lambda cs: {c.name for c in cs}  # noqa: E731
    newcomer = names(commands_for(is_staff=False, roles=frozenset()))
    member = names(commands_for(is_staff=False, roles=frozenset({Role.COMMUNITY})))
    facilitator = names(commands_for(is_staff=False, roles=frozenset({Role.FACILITATOR})))
    staff = names(commands_for(is_staff=True, roles=frozenset()))
    assert {"start", "help", "cancel", "privacy", "forgetme", "language"} <= newcomer
    assert "invite" not in member and "newdialogue" not in member
    assert "dialogue" in member and "dialogue" not in newcomer
    assert "invite" in facilitator and "newdialogue" not in facilitator
    assert {"invite", "newdialogue"} <= staff


def test_every_command_name_fits_telegram() -> None:
    assert len({c.name for c in COMMANDS}) == len(COMMANDS)
    for c in COMMANDS:
        assert 1 <= len(c.name) <= 32 and c.name.islower()
        assert c.audience in set(Audience)


def test_dialogue_names_are_cleaned() -> None:
    assert clean_dialogue_name("  Niamey   Quartier  Nord ") == "Niamey Quartier Nord"
    assert clean_dialogue_name("   ") is None
    assert clean_dialogue_name("x" * 80) == "x" * 80
    assert clean_dialogue_name("x" * 81) is None


def test_current_membership() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, tzinfo=UTC)
    a = Membership(1, 10, Role.COMMUNITY, now)
    b = Membership(1, 20, Role.FACILITATOR, now)
    assert current_membership([a], None) is a
    assert current_membership([a, b], None) is None
    assert current_membership([a, b], 20) is b
    assert current_membership([a, b], 99) is None
    assert current_membership([], None) is None
