"""Run the sandbox on its own: ``python -m sandbox --port 8081``."""

from __future__ import annotations

import argparse
import asyncio

from sandbox.server import BotApiSandbox


async def _serve(args: argparse.Namespace) -> None:
    sandbox = BotApiSandbox(token=args.token, bot_username=args.username, port=args.port)
    await sandbox.start()
    sandbox.on_event(print)
    print(f"Bot API sandbox at {sandbox.api_root} (token {args.token}); Ctrl-C stops it.")
    print(f"Run the bot with PALABRE_API_ROOT={sandbox.api_root} PALABRE_BOT_TOKEN={args.token}")
    try:
        await asyncio.Event().wait()
    finally:
        await sandbox.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:SANDBOX-token")
    parser.add_argument("--username", default="palabre_bot")
    try:
        asyncio.run(_serve(parser.parse_args()))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
