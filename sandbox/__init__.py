"""A local Telegram Bot API server with scripted virtual participants.

It speaks the part of the Bot API Palabre uses over real HTTP on 127.0.0.1, validates like
Telegram (HTML entities, lengths, keyboards, blocked users, flood control), and can inject
server errors. ``palabre-demo``, the end-to-end tests and the benchmarks run the real bot
against it; the bot itself never imports it.

Modules, one idea each: ``world`` (state), ``updates`` (the getUpdates queue), ``methods`` and
``messaging`` (the Bot API methods), ``params``/``markup``/``formatting``/``html``/``media``
(validation), ``limits`` (flood control, faults, counters), ``server`` (HTTP),
``participants`` and ``mailbox`` (virtual people and groups, what they read), ``transcript``
(the readable record), ``harness`` (the facade).
"""

from sandbox.harness import BotApiSandbox
from sandbox.messages import BotMessage
from sandbox.participants import VirtualGroup, VirtualParticipant

__all__ = ["BotApiSandbox", "BotMessage", "VirtualGroup", "VirtualParticipant"]
