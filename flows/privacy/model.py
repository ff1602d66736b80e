"""The shape of the threat model: a title, an introduction, chapters of sections."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Section:
    """One topic: ``key`` names it in buttons (a short word, never translated)."""

    key: str
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Chapter:
    heading: str
    sections: tuple[Section, ...]


@dataclass(frozen=True, slots=True)
class ThreatModel:
    title: str
    intro: tuple[str, ...]
    chapters: tuple[Chapter, ...]

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for chapter in self.chapters for s in chapter.sections)

    def find(self, key: str) -> tuple[Chapter, Section] | None:
        """The section named ``key`` with its chapter; None for a key that is not one."""
        for chapter in self.chapters:
            for section in chapter.sections:
                if section.key == key:
                    return chapter, section
        return None

    def message_ids(self) -> tuple[str, ...]:
        """Every message id of the model, in reading order."""
        found = [self.title, *self.intro]
        for chapter in self.chapters:
            found.append(chapter.heading)
            for section in chapter.sections:
                found += [section.heading, *section.paragraphs]
        return tuple(found)
