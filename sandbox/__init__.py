"""A local Telegram Bot API server with scripted virtual participants.

It speaks the part of the Bot API Palabre uses over real HTTP on 127.0.0.1, validates like
Telegram, and can switch on flood control and inject server errors. ``palabre demo``, the
end-to-end tests and the benchmarks all run the real bot against it; nothing here is imported
by the bot itself.
"""

from sandbox.messages import BotMessage
from sandbox.participants import VirtualGroup, VirtualParticipant
from sandbox.server import BotApiSandbox

__all__ = ["BotApiSandbox", "BotMessage", "VirtualGroup", "VirtualParticipant"]
