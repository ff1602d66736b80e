"""Palabre's use cases: open a round, file a grievance, answer a survey question, close a wave.

Each use case loads what it needs in one unit of work, lets the domain (``flows``) decide, and
writes the new state together with the notices it causes (``flows.notices``) to the outbox in
the same transaction; the Telegram edge renders and sends them after the commit. Nothing here
imports Telegram, charts, translations or file formats (``tests/test_floors.py``), so every use
case is tested without a bot. Storage (``storage``) is the only way to the database.
"""
