"""Marking user-visible text for translation without translating it here.

``flows`` has no notion of the reader's language: it hands message ids (English source text)
to the edge, which translates them for each recipient. ``N_`` only marks a string so that
``pybabel extract`` finds it.
"""


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``message`` for extraction; return it unchanged."""
    return message
