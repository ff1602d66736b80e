"""Play the demo: sandbox + the real bot on a fresh database, a scripted cast, a transcript."""

from __future__ import annotations

import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import grievances, outbox, surveys
from bot.app import build_application, running, runtime_of
from bot.config import Settings
from demo import grievance_scenes, round_scenes, scenes, summary_scenes, survey_scenes
from demo.cast import assemble
from sandbox import BotApiSandbox

SCENES = (
    scenes.FOUNDATION
    + round_scenes.SCENES
    + grievance_scenes.SCENES
    + survey_scenes.SCENES
    + summary_scenes.SCENES
    + scenes.FAREWELL
)
TOKEN = "424242:DEMO-token-for-the-local-sandbox"
BOT = "palabre_demo_bot"


class DemoClock:
    """The real time, plus whatever the scenes let pass (a month between survey waves)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


async def play_demo(out: Path, quiet: bool = False) -> int:
    """Run every scene; leave palabre.db and transcript.txt in ``out``. Returns an exit code."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    started = time.monotonic()
    lines: list[str] = []

    def show(line: str) -> None:
        lines.append(line)
        if not quiet:
            print(line, flush=True)

    async with BotApiSandbox(token=TOKEN, bot_username=BOT, bot_name="Palabre") as sandbox:
        cast = assemble(sandbox)
        settings = Settings(
            token=TOKEN,
            api_root=sandbox.api_root,
            db_path=out / "palabre.db",
            admins=frozenset({cast.staff.user_id}),
            timezone="Africa/Niamey",
        )
        sandbox.on_event(show)
        clock = DemoClock()
        app = build_application(settings, clock=clock)
        sandbox.watch(app)
        failed = None
        async with running(app):
            rt = runtime_of(app)

            async def outbox_empty() -> bool:
                return await outbox.delivered(rt)

            async def check_alerts() -> int:
                show("(the bot's early-warning check runs, as it does every five minutes)")
                return await grievances.raise_alerts(rt)

            async def close_waves() -> None:
                clock.advance(timedelta(hours=rt.settings.wave_hours, minutes=1))
                show("(three days pass: the survey closes)")
                await surveys.remind_and_close(rt)

            async def next_scheduled_wave() -> None:
                (_schedule, due), *_ = await surveys.next_alarms(rt)
                clock.advance(due - rt.now() + timedelta(minutes=1))
                show("(time passes until the scheduled survey is due)")
                await surveys.start_due(rt)

            cast.outbox_empty = outbox_empty
            cast.close_waves = close_waves
            cast.next_scheduled_wave = next_scheduled_wave
            cast.check_alerts = check_alerts
            for number, (title, scene) in enumerate(SCENES, 1):
                show(f"\n=== {number}. {title} ===")
                try:
                    await scene(cast)
                    await cast.delivered()
                except AssertionError as exc:
                    failed = f"scene {number} ({title}): {exc}"
                    break
        (out / "transcript.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        for name, data in cast.outputs.items():
            (out / name).write_bytes(data)
    seconds = time.monotonic() - started
    if failed:
        print(f"\nThe demo stopped: {failed}", file=sys.stderr)
        return 1
    if "summary" in cast.notes:
        print("\n=== The facilitator's summary ===\n" + cast.notes["summary"])
    files = ", ".join(["palabre.db", "transcript.txt", *sorted(cast.outputs)])
    print(f"\nDemo finished in {seconds:.1f} s. In {out}/: {files}")
    return 0
