"""Anonymous grievances: categories and places, the intake, filing, receipts, the daily limit,
the facilitators' digest, the agenda and early warning.

A grievance is stored with no link to the person who filed it; everything here is shaped by
that, and by police sitting in the same dialogues that collect complaints about them.
"""
