"""``palabre-demo`` (``make demo``): a scripted cast plays Palabre end to end on the local Bot
API sandbox.

No token and no network: the sandbox speaks the Bot API on 127.0.0.1 and the real bot talks to
it exactly as it would to Telegram. Each feature adds its scene to ``demo.scenes``.
"""
