"""``palabre-demo`` (or ``python -m demo``): play the demo and leave what it made in a folder."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from demo.play import play_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="palabre-demo",
        description="Start a local Bot API sandbox and the real bot on a fresh database, play a "
        "scripted cast through everything Palabre does, and leave the database, a transcript, "
        "the summary, the charts and the exports in the output folder. No token, no network.",
    )
    parser.add_argument(
        "--out",
        default="demo-output",
        metavar="DIR",
        help="where to leave what the demo made (default: demo-output)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the conversation")
    args = parser.parse_args(argv)
    return asyncio.run(play_demo(Path(args.out), quiet=args.quiet))


if __name__ == "__main__":
    raise SystemExit(main())
