"""What people said cannot be linked to them: checked on the schema and on real rows.

After a round has run end to end, every table holding what people said or voted must carry no
person, chat, message or update id, no time finer than a day, a random key in a WITHOUT ROWID
table (a rowid follows arrival order), and no foreign key to people. The short-lived links that
exist while a round runs (who wrote what while collecting, how far each voter got) must be gone
once it closes. Grievances and survey answers join ANONYMOUS when they exist.
"""

from __future__ import annotations

import re
import sqlite3

from tests.e2e.conftest import World
from tests.e2e.steps import facilitated_dialogue, join, make_invite, settle

ANONYMOUS = ("statements", "votes")
EMPTY_AFTER_CLOSE = ("statement_authors", "voting_progress")
LINKING = re.compile(r"person|telegram|user|chat|message|update|username|phone", re.I)
FINE_TIME = re.compile(r"_at$|time|timestamp", re.I)


async def test_a_closed_round_leaves_nothing_linkable(world: World) -> None:
    sb = world.sandbox
    facilitator, _ = await facilitated_dialogue(sb, world.staff)
    link = await make_invite(sb, facilitator, "community member", "10 people", "7 days")
    members = [sb.participant(f"m{i}", language_code="en") for i in range(3)]
    for member in members:
        await join(sb, member, link, "en")
    await facilitator.send("/round")
    menu = await facilitator.expect()
    await facilitator.press(menu, "What would build trust")
    await settle(sb)
    await facilitator.press(menu, "Moderation on/off")
    await settle(sb)
    await facilitator.press(menu, "Open the round")
    await world.drained()
    for i, member in enumerate(members):
        await member.send(f"Statement number {i} with my own words")
    await settle(sb)
    await facilitator.send("/next")
    await world.drained()
    for member in members:
        cards = [m for m in member.inbox if m.buttons]
        card = cards[-1]
        while card.buttons:
            label = next(t for t, d in card.buttons if d.endswith(":agree"))
            await member.press(card, label)
            card = await member.expect()
    await facilitator.send("/close")
    await world.drained()

    known_ids = {str(p.user_id) for p in [*members, facilitator, world.staff]}
    with sqlite3.connect(world.db_path) as conn:
        person_ids = {str(r[0]) for r in conn.execute("SELECT id FROM people")}
        for table in ANONYMOUS:
            sql = conn.execute(
                "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)
            ).fetchone()[0]
            assert "WITHOUT ROWID" in sql.upper(), table
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            assert not [c for c in columns if LINKING.search(c)], (table, columns)
            assert not [c for c in columns if FINE_TIME.search(c)], (table, columns)
            targets = {row[2] for row in conn.execute(f"PRAGMA foreign_key_list({table})")}
            assert "people" not in targets, table
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            assert rows, f"{table} is empty: the round did not run"
            values = {str(v) for row in rows for v in row}
            assert not values & known_ids, f"{table} holds a Telegram id"
            # Random keys: not the small integers a counter or a person id would give.
            keys = [str(row[0]) for row in rows]
            assert all(len(k) >= 12 and not k.isdigit() for k in keys), (table, keys)
            assert not set(keys) & person_ids
        for table in EMPTY_AFTER_CLOSE:
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table
