"""The assistant's words: the responses and the button titles, read once and filled in.

Every sentence a visitor reads is a response template or a button title, kept per language:
``responses/<lang>/*.yml`` (``responses/en/`` is complete; another language has the same file
names and, once complete, the same response names). ``domain.yml`` is the shared core (intents,
slots, forms, actions) and holds no text. This module is the one place that reads those files:

- :func:`load_responses` merges the languages the way Rasa chooses among them: for each response,
  every other language's variations first, each with the condition ``language == <lang>``, then
  the English ones (no condition, so English is what any other conversation gets);
- :func:`build_domain` writes that merge beside the core as ``build/domain.yml``, the domain Rasa
  trains on (``make train``; Rasa itself cannot merge two files that define the same response);
- :func:`fill` fills a template's ``{placeholders}`` the way Rasa does. The action server fills
  templates from the domain Rasa sends it (``fill(domain["responses"], ...)``); the channels and
  the tests read the same files here.
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Optional

import yaml

from bot.settings import DEFAULT_LANGUAGE, REPO_ROOT

Responses = Mapping[str, list[dict]]

DOMAIN_FILE = "domain.yml"
BUILT_DOMAIN = Path("build") / "domain.yml"
RESPONSES_DIR = Path("responses")

TITLES_NAME = "titles.yml"
# The slot a language's variations are conditioned on (domain.yml; set by the rule layer).
LANGUAGE_SLOT = "language"

# Rasa's own placeholder syntax (rasa.core.nlg.interpolator): "{name}", no format specs.
_PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")


def languages(root: Path = REPO_ROOT) -> list[str]:
    """The languages with responses, English first, then the others by code."""
    found = sorted(path.name for path in (root / RESPONSES_DIR).iterdir() if path.is_dir())
    return [DEFAULT_LANGUAGE] + [code for code in found if code != DEFAULT_LANGUAGE]


def response_files(root: Path = REPO_ROOT, language: str = DEFAULT_LANGUAGE) -> list[Path]:
    """One language's response files, in name order (the titles file holds no responses)."""
    return sorted(p for p in (root / RESPONSES_DIR / language).glob("*.yml") if p.name != TITLES_NAME)


@lru_cache(maxsize=8)
def language_responses(language: str = DEFAULT_LANGUAGE, root: Path = REPO_ROOT) -> Responses:
    """One language's responses by name, as written (a name defined twice is an error)."""
    responses: dict[str, list[dict]] = {}
    for path in response_files(root, language):
        found = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        twice = sorted(set(found) & set(responses))
        if twice:
            raise ValueError(f"{path}: responses defined in another {language} file too: {twice}")
        responses.update(found)
    return MappingProxyType(responses)


@lru_cache(maxsize=4)
def load_responses(root: Path = REPO_ROOT) -> Responses:
    """Every response by name, all languages merged as Rasa gets them (see the module docstring)."""
    merged = {name: list(variants) for name, variants in language_responses(DEFAULT_LANGUAGE, root).items()}
    for language in languages(root)[1:]:
        for name, variants in language_responses(language, root).items():
            if name not in merged:
                raise ValueError(f"responses/{language}: {name} has no English response")
            merged[name] = [_for_language(v, language) for v in variants] + merged[name]
    return MappingProxyType(merged)


def _for_language(variant: dict, language: str) -> dict:
    conditioned = copy.deepcopy(variant)
    condition = {"type": "slot", "name": LANGUAGE_SLOT, "value": language}
    conditioned["condition"] = [condition, *(conditioned.get("condition") or [])]
    return conditioned


def domain_dict(root: Path = REPO_ROOT) -> dict[str, Any]:
    """The domain Rasa trains on: the shared core with every response merged in."""
    core = yaml.safe_load((root / DOMAIN_FILE).read_text(encoding="utf-8"))
    if core.get("responses"):
        raise ValueError(f"{DOMAIN_FILE} holds no responses: they belong in {RESPONSES_DIR}/<lang>/")
    return {**core, "responses": {name: list(v) for name, v in load_responses(root).items()}}


def build_domain(out: Path, root: Path = REPO_ROOT) -> Path:
    """Write :func:`domain_dict` to ``out`` (``make train`` does, as ``build/domain.yml``)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    header = f"# built by `python -m bot.responses` from {DOMAIN_FILE} and {RESPONSES_DIR}/ (do not edit)\n"
    body = yaml.safe_dump(domain_dict(root), sort_keys=False, allow_unicode=True, width=10_000)
    out.write_text(header + body, encoding="utf-8")
    return out


@dataclass(frozen=True)
class Titles:
    """Button titles: FAQ topics ("faq/stages"), other intents ("book_appointment"), and the way out."""

    topics: Mapping[str, str]
    intents: Mapping[str, str]
    none_of_these: str


@lru_cache(maxsize=4)
def load_titles(root: Path = REPO_ROOT, language: str = DEFAULT_LANGUAGE) -> Titles:
    """The "Did you mean ...?" button titles, kept beside the answers."""
    data = yaml.safe_load((root / RESPONSES_DIR / language / TITLES_NAME).read_text(encoding="utf-8"))
    return Titles(
        topics=MappingProxyType(dict(data["topic_titles"])),
        intents=MappingProxyType(dict(data["intent_titles"])),
        none_of_these=str(data["none_of_these"]),
    )


@dataclass(frozen=True)
class Utterance:
    """One response to say, with the values for its placeholders."""

    response: str
    values: Mapping[str, Any] = field(default_factory=dict)


def fill(
    responses: Responses,
    utterance: Utterance | str,
    slots: Optional[Mapping[str, Any]] = None,
    channel: Optional[str] = None,
) -> str:
    """The text of a response with its ``{placeholders}`` filled from the values, then the slots.

    A value may itself be an :class:`Utterance` ("about 5 miles"): it is filled first. The
    variation is chosen as Rasa does, except that the first one wins instead of a random one:
    variations whose slot conditions all hold come first, then those without conditions; a
    variation for another channel is never used. A placeholder without a value is an error.
    """
    if isinstance(utterance, str):
        utterance = Utterance(utterance)
    name = utterance.response
    variants = responses.get(name)
    if not variants:
        raise KeyError(f"no response named {name!r}")
    text = _variation(variants, slots or {}, channel).get("text")
    if not isinstance(text, str):
        raise KeyError(f"response {name!r} has no text")
    wanted = set(placeholders(text))
    known = {**(slots or {}), **utterance.values}
    values = {
        key: fill(responses, value, slots, channel) if isinstance(value, Utterance) else value
        for key, value in known.items()
        if key in wanted
    }
    try:
        return fill_text(text, values)
    except KeyError as missing:
        raise KeyError(f"response {name!r} needs a value for {missing}") from None


def fill_all(
    responses: Responses,
    utterances: Iterable[Utterance | str],
    slots: Optional[Mapping[str, Any]] = None,
    separator: str = " ",
) -> str:
    """Several responses filled and joined, e.g. two sentences on one line."""
    return separator.join(fill(responses, utterance, slots) for utterance in utterances)


def fill_text(text: str, values: Mapping[str, Any]) -> str:
    """A template text with each ``{name}`` replaced by ``str(values[name])`` (KeyError if missing).

    Values are inserted as they are: a "{" typed by the visitor is never read as a placeholder.
    """
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def placeholders(text: str) -> list[str]:
    """The placeholder names in a template text, in order."""
    return _PLACEHOLDER.findall(text)


def _variation(variants: list[dict], slots: Mapping[str, Any], channel: Optional[str]) -> dict:
    usable = [v for v in variants if v.get("channel") in (None, channel)]
    matching = [v for v in usable if v.get("condition") and _conditions_hold(v["condition"], slots)]
    plain = [v for v in usable if not v.get("condition")]
    chosen = matching or plain
    if not chosen:
        raise KeyError("no variation of the response fits")
    return chosen[0]


def _conditions_hold(conditions: list[dict], slots: Mapping[str, Any]) -> bool:
    return all(c.get("type") == "slot" and slots.get(c.get("name")) == c.get("value") for c in conditions)


def template_pattern(responses: Responses) -> re.Pattern[str]:
    """Matches a reply made only of filled templates: one or more joined by a space or a line break.

    The check behind "every line a visitor reads comes from a template": the evaluation scripts
    send real messages through the whole assistant and test each reply against this pattern.
    Rasa's channels send each paragraph of a text as a message of its own, so each paragraph is a
    template piece here. A template with no words of its own ("{question} {answer}", a checklist
    row) would match any text, so it is left out; the checklist's own tests cover it.
    """
    variants = {
        _variant_regex(paragraph)
        for options in responses.values()
        for variant in options
        for paragraph in _paragraphs(variant.get("text") or "")
        if re.search(r"[^\W\d_]", _PLACEHOLDER.sub("", paragraph))
    }
    one = "(?:" + "|".join(sorted(variants, key=len, reverse=True)) + ")"
    return re.compile(rf"{one}(?:[ \n]+{one})*", re.DOTALL)


def from_templates(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` is made only of filled templates (see :func:`template_pattern`)."""
    return pattern.fullmatch(text.strip()) is not None


def _paragraphs(text: str) -> list[str]:
    # as rasa.core.channels.channel.OutputChannel.send_text_message splits a text
    return [part for part in text.strip().split("\n\n") if part.strip()]


def _variant_regex(text: str) -> str:
    # re.split with one group: literal text at even positions, placeholder names at odd ones
    parts = _PLACEHOLDER.split(text.strip())
    return "".join(re.escape(part) if i % 2 == 0 else ".+?" for i, part in enumerate(parts))


if __name__ == "__main__":  # python -m bot.responses [build/domain.yml]
    print(build_domain(REPO_ROOT / (sys.argv[1] if len(sys.argv) > 1 else BUILT_DOMAIN)))
