"""Round templates as data, loaded from TOML and validated, plus custom prompts.

Why data and not code: the questions a JSD asks are programme content. Facilitators and
translators review and extend them (``flows/definitions/rounds/templates.toml``) without
touching Python, and a deployment can add its own. Why one prompt per role: the same topic is
asked differently of each side ("what would make you trust the police?" to residents, "what
would make the community trust you?" to officers), which is the point of a JSD.

The file is checked whole when loaded: a broken file fails loudly at start-up with a message
saying what and where, rather than a participant meeting a missing prompt mid-round.
Template ids are stored with each round: never rename or remove a shipped id.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from flows.languages import SHIPPED_LANGUAGES
from flows.roles import STAKEHOLDER_ROLES, Role

SPEC_VERSION = 1
#: Longest prompt or title, in characters: a prompt is one short question in a chat message.
MAX_PROMPT = 500


class TemplateError(ValueError):
    """A template file (or custom prompt) that cannot be used, with what is wrong in it."""


@dataclass(frozen=True)
class Template:
    """One topic: a title and a prompt per stakeholder role and language."""

    id: str
    title: dict[str, str]
    prompts: dict[Role, dict[str, str]]

    def prompt(self, role: Role, language: str) -> str:
        """The question as worded for ``role`` in ``language`` (both checked at load time)."""
        return self.prompts[role][language]


@dataclass(frozen=True)
class CustomPrompt:
    """A facilitator's own question, the same for every role, in one or more languages.

    ``texts`` is ((language, text), ...); the first is the original, shown (marked with its
    language) to readers of a language it has not been translated into. A tuple rather than a
    dict so that the value is hashable and the original's position is explicit.
    """

    texts: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        if not self.texts:
            raise TemplateError("custom prompt: needs a text in at least one language")
        seen: set[str] = set()
        for language, text in self.texts:
            if language not in SHIPPED_LANGUAGES:
                raise TemplateError(f"custom prompt: unknown language {language!r}")
            if language in seen:
                raise TemplateError(f"custom prompt: two texts for {language!r}")
            seen.add(language)
            if not isinstance(text, str) or not text.strip():
                raise TemplateError(f"custom prompt: empty text for {language!r}")
            _check_length(text, f"custom prompt: {language!r}")

    @classmethod
    def of(cls, texts: Mapping[str, str], original: str | None = None) -> CustomPrompt:
        """From {language: text}; ``original`` (default: the first key) goes first."""
        pairs = [(language, text.strip()) for language, text in texts.items()]
        if original is not None:
            if original not in texts:
                raise TemplateError(f"custom prompt: no text in its original {original!r}")
            pairs.sort(key=lambda pair: pair[0] != original)
        return cls(tuple(pairs))

    @property
    def original_language(self) -> str:
        return self.texts[0][0]

    def text_for(self, language: str) -> tuple[str, str]:
        """(text, language of that text): the reader's language when there is one."""
        for text_language, text in self.texts:
            if text_language == language:
                return text, language
        return self.texts[0][1], self.texts[0][0]


@dataclass(frozen=True)
class Prompt:
    """What a round asks: a template's wording, or a facilitator's own text per language.

    This is what a stored round carries (a template id, or the custom pairs as stored).
    """

    template_id: str | None = None
    custom: tuple[tuple[str, str], ...] = ()  # (language, text), the first is the original

    @classmethod
    def of_custom(cls, custom: CustomPrompt) -> Prompt:
        return cls(custom=custom.texts)

    def text_for(self, role: Role, language: str) -> tuple[str, str]:
        """(text, language of that text): the reader's language when there is one."""
        if self.template_id is not None:
            template = load_templates()[self.template_id]
            return template.prompt(role, language), language
        texts = dict(self.custom)
        if language in texts:
            return texts[language], language
        original_language, original = self.custom[0]
        return original, original_language


def parse_templates(
    text: str, languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> dict[str, Template]:
    """Every template in a TOML document, in file order, or a TemplateError saying why not."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"not valid TOML: {exc}") from None
    version = data.get("spec_version")
    if type(version) is not int or version != SPEC_VERSION:
        raise TemplateError(f"unknown spec_version {version!r}")
    entries = data.get("template", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TemplateError("templates must be an array of tables: write [[template]]")
    found: dict[str, Template] = {}
    for raw in entries:
        template_id = raw.get("id")
        if not template_id or not isinstance(template_id, str):
            raise TemplateError("a template has no id")
        if template_id in found:
            raise TemplateError(f"duplicate template id {template_id!r}")
        title = raw.get("title", {})
        _check_texts(title, languages, f"{template_id}: title")
        prompts: dict[Role, dict[str, str]] = {}
        prompt_table = raw.get("prompt", {})
        if not isinstance(prompt_table, dict):
            raise TemplateError(f"{template_id}: prompt: expected a table of roles")
        for role in STAKEHOLDER_ROLES:
            texts = prompt_table.get(role.value)
            if texts is None:
                raise TemplateError(f"{template_id}: no prompt for {role.value}")
            _check_texts(texts, languages, f"{template_id}: {role.value} prompt")
            prompts[role] = dict(texts)
        found[template_id] = Template(template_id, dict(title), prompts)
    if not found:
        raise TemplateError("no templates")
    return found


def _check_texts(texts: object, languages: tuple[str, ...], where: str) -> None:
    if not isinstance(texts, dict):
        raise TemplateError(f"{where}: expected a table of languages")
    for language in languages:
        value = texts.get(language)
        if not isinstance(value, str) or not value.strip():
            raise TemplateError(f"{where}: missing or empty {language!r}")
        _check_length(value, f"{where}: {language!r}")


def _check_length(value: str, where: str) -> None:
    if len(value) > MAX_PROMPT:
        raise TemplateError(f"{where} longer than {MAX_PROMPT} characters")


@cache
def load_templates() -> dict[str, Template]:
    """The shipped templates, in file order; read and validated once per process."""
    text = (
        resources.files("flows.definitions.rounds")
        .joinpath("templates.toml")
        .read_text(encoding="utf-8")
    )
    return parse_templates(text)


def templates() -> dict[str, Template]:
    """Same as :func:`load_templates` (the name the bot layer uses)."""
    return load_templates()
