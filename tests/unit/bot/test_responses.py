"""bot/responses.py: the check that a reply is made only of the response templates."""

from __future__ import annotations

from bot.responses import Utterance, fill, from_templates, load_responses, template_pattern

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
