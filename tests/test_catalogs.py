"""Every shipped catalog is complete, current, and keeps its placeholders."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import locales
from bot.i18n import Catalogs
from flows.languages import SHIPPED_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}


def _catalog(language: str):
    path = locales.DIRECTORY / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def _source_messages() -> set[str]:
    found = set()
    for package in ("bot", "flows"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_catalog_is_complete_and_not_fuzzy(language: str) -> None:
    catalog = _catalog(language)
    assert not catalog.fuzzy, "the catalog header is marked fuzzy"
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if message.pluralizable else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_placeholders_match_the_source(language: str) -> None:
    problems = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        expected = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        strings = message.string if message.pluralizable else (message.string,)
        for s in strings:
            if s and set(PLACEHOLDER.findall(s)) != expected:
                problems.append(f"{message.id!r}: {sorted(PLACEHOLDER.findall(s))}")
    assert problems == []


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_catalog_covers_every_message_in_the_code(language: str) -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(language) if m.id}
    missing = sorted(_source_messages() - ids)
    assert missing == [], "run `make i18n` and translate the new messages"


@pytest.mark.parametrize("language", [lang for lang in SHIPPED_LANGUAGES if lang != "en"])
def test_translations_are_marked_as_drafts(language: str) -> None:
    header = (locales.DIRECTORY / language / "LC_MESSAGES" / "messages.po").read_text("utf-8")
    assert "DRAFT" in header.split('msgid ""')[0]


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_msgfmt_check_passes(language: str) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed for this check"
    path = locales.DIRECTORY / language / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_translators_really_translate() -> None:
    catalogs = Catalogs()
    english = "Send /help to see what you can do."
    assert catalogs.translator("en")._(english) == english
    assert catalogs.translator("fr")._(english) != english
    assert catalogs.translator("ar")._(english) != english
    assert catalogs.translator("ar").right_to_left
    assert catalogs.translator("xx").language == "en"


def test_locale_aware_numbers_and_dates() -> None:
    from datetime import date

    catalogs = Catalogs()
    assert catalogs.translator("en").number(1234.5, 1) == "1,234.5"
    assert catalogs.translator("fr").number(1234.5, 1).replace("\u202f", " ") == "1 234,5"
    assert catalogs.translator("fr").date(date(2026, 3, 5), "long") == "5 mars 2026"
    assert "مارس" in catalogs.translator("ar").date(date(2026, 3, 5), "long")


def test_no_message_is_written_inside_an_f_string() -> None:
    """Extraction does not look inside f-strings: a message written there is never translated."""
    import ast

    hidden = []
    for package in ("bot", "flows", "demo"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.JoinedStr):
                    continue
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and getattr(call.func, "attr", getattr(call.func, "id", None)) in KEYWORDS
                        and call.args
                        and isinstance(call.args[0], ast.Constant)
                    ):
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []
