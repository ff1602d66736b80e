"""Keep the English catalog identical to the source text.

English is the source language: its catalog exists so that every shipped language goes through
the same machinery and the same completeness test. Run by ``make i18n`` after ``pybabel update``.
"""

from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from locales import DIRECTORY, DOMAIN


def fill_english() -> int:
    path = DIRECTORY / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="en")
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id
            if tuple(message.string) != (singular, plural):
                message.string = (singular, plural)
                filled += 1
        elif message.string != message.id:
            message.string = message.id
            filled += 1
        message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
    return filled


if __name__ == "__main__":
    print(f"English catalog: {fill_english()} entries set to the source text")
