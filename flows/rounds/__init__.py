"""Structured dialogue rounds: templates, setup, phases, moves, statements, moderation, votes,
results, action items.

A round asks every stakeholder group about one topic, lets each group read the others'
statements anonymously (labelled by role only), and finds where they agree and where they
are furthest apart. Every rule is decided here, once: the use cases (``services``) load, let
these functions decide and store what they say.
"""
