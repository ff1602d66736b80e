"""Palabre's pure domain: dialogues, roles, invites, rounds, grievances, surveys and their maths.

Plain dataclasses and functions. Nothing here imports ``telegram``, ``aiosqlite`` or
``sqlite3``, reads the clock or does I/O at run time beyond loading its own definitions:
``now`` and randomness are passed in. A test walks this package and enforces it.
"""
