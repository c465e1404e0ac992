"""bot.readability: what a patient reads, graded the same way in reports and tests."""

from __future__ import annotations

import pytest

from bot.readability import (
    MIN_WORDS,
    TARGET_GRADE,
    average_grade,
    grade,
    grade_responses,
    readable_body,
)
from tests.support.content import all_responses

LIST_ANSWER = """Facial paralysis can come from:
- a condition present at birth
- an injury to the face

Source: Duke Health page, "About Facial Reanimation Surgery" (medically reviewed 05/05/2020)"""


def test_source_line_and_markdown_are_left_out_and_list_items_are_sentences() -> None:
    assert readable_body(LIST_ANSWER) == (
        "Facial paralysis can come from: a condition present at birth. an injury to the face."
    )
    assert readable_body("**Call 911 now.** Then wait.") == "Call 911 now. Then wait."


def test_a_list_is_not_graded_as_one_long_sentence() -> None:
    items = "\n".join(f"- item number {n} of the list" for n in range(12))
    assert grade(items) < grade(items.replace("\n", " "))


def test_empty_text_has_grade_zero() -> None:
    assert grade("Source: Duke Health page") == 0.0


def test_short_responses_do_not_count_towards_the_average() -> None:
    graded = grade_responses(
        {
            "short": [{"text": "Incomprehensibility notwithstanding."}],
            "long": [{"text": "The cat sat on the mat. " * 4}],
        }
    )
    assert graded[0].name == "short"  # hardest first
    assert graded[0].words < MIN_WORDS
    assert average_grade(graded) == pytest.approx(graded[1].grade)


def test_conditional_variants_are_graded_separately() -> None:
    graded = grade_responses({"utter_ask": [{"text": "For your child?"}, {"text": "For you?"}]})
    assert {g.label for g in graded} == {"utter_ask", "utter_ask (variant 2)"}


def test_the_assistant_reads_at_grade_8_or_below_on_average() -> None:
    assert average_grade(grade_responses(all_responses())) <= TARGET_GRADE
