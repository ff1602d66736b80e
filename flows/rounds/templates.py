"""Round templates as data, loaded from TOML and validated, plus custom prompts."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from flows.languages import SHIPPED_LANGUAGES
from flows.roles import STAKEHOLDER_ROLES, Role

SPEC_VERSION = 1
MAX_PROMPT = 500


class TemplateError(ValueError):
    """A template file that cannot be used, with what is wrong in it."""


@dataclass(frozen=True)
class Template:
    id: str
    title: dict[str, str]
    prompts: dict[Role, dict[str, str]]

    def prompt(self, role: Role, language: str) -> str:
        return self.prompts[role][language]


@dataclass(frozen=True)
class Prompt:
    """What a round asks: a template's wording, or a facilitator's own text per language."""

    template_id: str | None = None
    custom: tuple[tuple[str, str], ...] = ()  # (language, text), the first is the original

    def text_for(self, role: Role, language: str) -> tuple[str, str]:
        """(text, language of that text): the reader's language when there is one."""
        if self.template_id is not None:
            template = templates()[self.template_id]
            return template.prompt(role, language), language
        texts = dict(self.custom)
        if language in texts:
            return texts[language], language
        original_language, original = self.custom[0]
        return original, original_language


def parse_templates(
    text: str, languages: tuple[str, ...] = SHIPPED_LANGUAGES
) -> dict[str, Template]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"not valid TOML: {exc}") from None
    if data.get("spec_version") != SPEC_VERSION:
        raise TemplateError(f"unknown spec_version {data.get('spec_version')!r}")
    found: dict[str, Template] = {}
    for raw in data.get("template", []):
        template_id = raw.get("id")
        if not template_id or not isinstance(template_id, str):
            raise TemplateError("a template has no id")
        if template_id in found:
            raise TemplateError(f"duplicate template id {template_id!r}")
        title = raw.get("title", {})
        _check_texts(title, languages, f"{template_id}: title")
        prompts: dict[Role, dict[str, str]] = {}
        for role in STAKEHOLDER_ROLES:
            texts = raw.get("prompt", {}).get(role.value)
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
        if len(value) > MAX_PROMPT:
            raise TemplateError(f"{where}: {language!r} longer than {MAX_PROMPT} characters")


@cache
def templates() -> dict[str, Template]:
    """The shipped templates, in file order."""
    text = (
        resources.files("flows.definitions.rounds")
        .joinpath("templates.toml")
        .read_text(encoding="utf-8")
    )
    return parse_templates(text)
