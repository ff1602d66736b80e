"""Structured dialogue rounds: templates, phases, statements, votes, results, action items.

A round asks every stakeholder group about one topic, lets each group read the others'
statements anonymously (labelled by role only), and finds where they agree and where they
are furthest apart.
"""
