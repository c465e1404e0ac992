"""bot/responses.py: the languages merged as Rasa gets them, the built domain, and the check that
a reply is made only of the response templates."""

from __future__ import annotations

import pytest
import yaml

from bot.responses import (
    Utterance,
    build_domain,
    domain_dict,
    fill,
    from_templates,
    language_responses,
    load_responses,
    template_pattern,
)

RESPONSES = load_responses()
PATTERN = template_pattern(RESPONSES)


def test_filled_and_joined_templates_are_recognised() -> None:
    answer = fill(RESPONSES, "utter_faq/stages")
    assert from_templates(answer, PATTERN)
    taken = fill(RESPONSES, Utterance("utter_location_taken_as", {"place": "27705 (Durham)"}))
    nearest = fill(RESPONSES, Utterance("utter_location_nearest_to_place", {"place": "27705 (Durham)"}))
    call = fill(RESPONSES, "utter_location_call")
    assert from_templates(f"{taken} {nearest}\n{call}", PATTERN)


def test_a_sentence_written_anywhere_else_is_not() -> None:
    assert not from_templates("Hello, I am a nurse and I can book you in.", PATTERN)
    answer = fill(RESPONSES, "utter_faq/stages")
    assert not from_templates(answer + " Call us any time, we are open 24 hours.", PATTERN)


def test_a_template_with_no_words_of_its_own_does_not_match_everything() -> None:
    # "{question} {answer}" (a checklist row) is left out of the pattern
    assert not from_templates("anything at all", PATTERN)


def write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def small_project(tmp_path):
    """A domain core and two languages, the second with one response so far."""
    write(tmp_path / "domain.yml", "version: '3.1'\nintents: [greet]\n")
    write(tmp_path / "responses/en/conversation.yml", "responses:\n  utter_greet:\n  - text: Hello\n")
    write(tmp_path / "responses/en/safety.yml", "responses:\n  utter_emergency:\n  - text: Call 911 now.\n")
    write(
        tmp_path / "responses/es/safety.yml",
        "responses:\n  utter_emergency:\n  - text: Llame al 911 ahora.\n",
    )
    return tmp_path


def test_another_language_comes_first_under_its_condition_and_english_is_the_default(tmp_path) -> None:
    root = small_project(tmp_path)
    merged = load_responses(root)
    assert merged["utter_emergency"] == [
        {"text": "Llame al 911 ahora.", "condition": [{"type": "slot", "name": "language", "value": "es"}]},
        {"text": "Call 911 now."},
    ]
    assert merged["utter_greet"] == [{"text": "Hello"}]
    assert fill(merged, "utter_emergency", {"language": "es"}) == "Llame al 911 ahora."
    assert fill(merged, "utter_emergency", {"language": "en"}) == "Call 911 now."
    assert fill(merged, "utter_greet", {"language": "es"}) == "Hello"  # not written in Spanish yet


def test_the_built_domain_is_the_core_with_every_response(tmp_path) -> None:
    root = small_project(tmp_path)
    built = yaml.safe_load(build_domain(tmp_path / "build" / "domain.yml", root).read_text(encoding="utf-8"))
    assert built["intents"] == ["greet"]
    assert set(built["responses"]) == {"utter_greet", "utter_emergency"}
    assert len(built["responses"]["utter_emergency"]) == 2


def test_a_response_with_no_english_text_is_refused(tmp_path) -> None:
    root = small_project(tmp_path)
    write(root / "responses/es/conversation.yml", "responses:\n  utter_hola:\n  - text: Hola\n")
    with pytest.raises(ValueError, match="utter_hola has no English response"):
        load_responses(root)


def test_a_response_written_in_two_files_of_one_language_is_refused(tmp_path) -> None:
    root = small_project(tmp_path)
    write(root / "responses/en/more.yml", "responses:\n  utter_greet:\n  - text: Hi\n")
    with pytest.raises(ValueError, match="utter_greet"):
        language_responses("en", root)


def test_text_in_the_domain_core_is_refused(tmp_path) -> None:
    root = small_project(tmp_path)
    write(root / "domain.yml", "version: '3.1'\nresponses:\n  utter_greet:\n  - text: Hi\n")
    with pytest.raises(ValueError, match="holds no responses"):
        domain_dict(root)
