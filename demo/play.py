"""Play the demo: sandbox + the real bot on a fresh database, a scripted cast, a transcript."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from bot.app import build_application, running
from bot.config import Settings
from demo import grievance_scenes, round_scenes, scenes, summary_scenes, survey_scenes
from demo.cast import assemble
from demo.timeline import DemoClock, wire
from sandbox import BotApiSandbox

SCENES = (
    scenes.FOUNDATION
    + round_scenes.SCENES
    + scenes.MIDWAY
    + grievance_scenes.SCENES
    + survey_scenes.FIRST
    + round_scenes.FOLLOW_UP
    + survey_scenes.LATER
    + summary_scenes.SCENES
    + scenes.FAREWELL
)
TOKEN = "424242:DEMO-token-for-the-local-sandbox"
BOT = "palabre_demo_bot"


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
            wire(cast, app, clock, show)
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
