"""The README's privacy section, generated in English from the threat model (``flows.privacy``),
the same source /privacy renders in every language.

    python -m bot.privacy_doc            rewrite the section between the two markers
    python -m bot.privacy_doc --check    exit 1 when the README differs from the source

``make privacy-doc`` runs the first; a test runs the check.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from flows.privacy import THREAT_MODEL

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN = "<!-- privacy:begin — generated from flows/privacy by `make privacy-doc`: edit there -->"
END = "<!-- privacy:end -->"
WIDTH = 100
#: The k the README is written with: PALABRE_MIN_GROUP_SIZE's default.
DEFAULT_K = 5


def _paragraph(text: str, k: int) -> str:
    return textwrap.fill(
        text.format(k=k), width=WIDTH, break_long_words=False, break_on_hyphens=False
    )


def markdown(k: int = DEFAULT_K) -> str:
    """The section as Markdown: the introduction, then a heading per chapter and section."""
    blocks = [_paragraph(p, k) for p in THREAT_MODEL.intro]
    for chapter in THREAT_MODEL.chapters:
        blocks.append(f"### {chapter.heading}")
        for section in chapter.sections:
            blocks.append(f"#### {section.heading}")
            blocks += [_paragraph(p, k) for p in section.paragraphs]
    return "\n\n".join(blocks) + "\n"


def section_in(readme: str) -> str | None:
    """What the README holds between the markers; None when they are missing."""
    if readme.count(BEGIN) != 1 or readme.count(END) != 1:
        return None
    inside = readme.split(BEGIN, 1)[1].split(END, 1)[0]
    return inside.strip("\n") + "\n"


def with_section(readme: str, k: int = DEFAULT_K) -> str:
    before, rest = readme.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    return f"{before}{BEGIN}\n\n{markdown(k)}\n{END}{after}"


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    if section_in(readme) is None:
        print(f"{README}: the markers {BEGIN!r} and {END!r} must each appear once")
        return 2
    if "--check" in argv:
        if section_in(readme) != markdown():
            print(f"{README}: the privacy section differs from flows/privacy: make privacy-doc")
            return 1
        return 0
    README.write_text(with_section(readme), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
