"""Run the sandbox on its own, e.g. for ``palabre run`` in another terminal.

``python -m sandbox --port 8081 --token 123:ABC --username palabre_bot`` prints the API root to
give the bot as PALABRE_API_ROOT, then the transcript as things happen, until Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio

from sandbox.harness import BotApiSandbox


async def serve(args: argparse.Namespace) -> None:
    sandbox = BotApiSandbox(
        token=args.token,
        bot_username=args.username,
        bot_name=args.name,
        host=args.host,
        port=args.port,
    )
    await sandbox.start()
    sandbox.on_event(lambda line: print(line, flush=True))
    print(sandbox.api_root, flush=True)
    print(
        f"# Bot API sandbox for @{args.username}; run the bot with "
        f"PALABRE_API_ROOT={sandbox.api_root} PALABRE_BOT_TOKEN={args.token}. Ctrl-C stops.",
        flush=True,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await sandbox.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default="123456:SANDBOX-token")
    parser.add_argument("--username", default="palabre_bot")
    parser.add_argument("--name", default="Palabre", help="the bot's first_name")
    args = parser.parse_args(argv)
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
