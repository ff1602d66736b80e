"""The one command table: every command in flows.commands.COMMANDS is answered by exactly one
handler, and a handler cannot answer a command the table does not list."""

import pytest
from telegram.ext import Application, CommandHandler

from bot.handlers import command as binding
from bot.handlers.registry import register_handlers
from flows.commands import COMMANDS


def test_every_command_of_the_table_is_answered_once_in_the_tables_order() -> None:
    pairs = binding.bound()
    assert [c.name for c, _ in pairs] == [c.name for c in COMMANDS]
    assert len({id(fn) for _, fn in pairs}) == len(COMMANDS)


def test_the_application_registers_each_command_once() -> None:
    app = Application.builder().token("1:registry-test").build()
    register_handlers(app)
    names = [
        name
        for group in app.handlers.values()
        for handler in group
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    ]
    assert sorted(names) == sorted(c.name for c in COMMANDS)


def test_a_command_outside_the_table_or_answered_twice_fails_at_import() -> None:
    with pytest.raises(LookupError, match="not in"):
        binding.command("sing")
    with pytest.raises(LookupError, match="twice"):

        @binding.command("help")
        async def another_help(update: object, context: object) -> None: ...


def test_a_command_nobody_answers_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(binding._BOUND, "trends")
    with pytest.raises(LookupError, match="/trends"):
        binding.bound()
