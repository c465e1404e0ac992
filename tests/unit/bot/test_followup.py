"""Follow-ups that lean on the previous answer (bot/followup.py)."""

from __future__ import annotations

import pytest

from bot.followup import Kind, followup_topic, kind, related_topics
from bot.topics import FAQ_TITLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who does that?", Kind.WHO),
        ("what kind of doctor does that", Kind.WHO),
        ("and how long does that take?", Kind.HOW_LONG),
        ("how many months is that", Kind.HOW_LONG),
        ("tell me more about the second one", Kind.SECOND),
        ("what about the other one", Kind.SECOND),
        ("the 1st one pls", Kind.FIRST),
        ("who does the second one", Kind.SECOND),
        ("tell me more", Kind.MORE),
        ("what does that mean", Kind.MORE),
        ("and who isn't?", Kind.WHO_NOT),
        ("who cant have it then", Kind.WHO_NOT),
        ("why?", Kind.WHY),
        ("how come", Kind.WHY),
    ],
)
def test_what_a_followup_asks(text: str, expected: Kind) -> None:
    assert kind(text) is expected


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        # the examples
        ("faq/types", "tell me more about the second one", "faq/nerve_transfer"),
        ("faq/types", "and the first one?", "faq/muscle_transfer"),
        ("faq/eyes", "who does that?", "faq/team"),
        ("faq/rehabilitation", "and how long does that take?", "faq/results_timeline"),
        # a topic with its own "how long"
        ("faq/stages", "how long is that", "faq/stage_gap"),
        # "more" moves on to the next topic, never repeats the answer just read
        ("faq/outcomes", "tell me more", "faq/results_timeline"),
        # the other side of who is a candidate
        ("faq/candidate", "and who isn't?", "faq/not_candidate"),
        # "why?" asks for the reason in the answer just read; "why two?" after the stages is
        # answered by what decides the plan
        ("faq/early_evaluation", "why?", "faq/early_evaluation"),
        ("faq/stages", "why would it be two", "faq/approach_factors"),
        # after one of the two kinds, the ordinals still name the pair
        ("faq/nerve_transfer", "and the first one?", "faq/muscle_transfer"),
        ("faq/muscle_transfer", "what about the second one", "faq/nerve_transfer"),
    ],
)
def test_followup_topic(previous: str, text: str, expected: str) -> None:
    assert followup_topic(previous, text) == expected


def test_no_previous_topic_means_no_guess() -> None:
    assert followup_topic(None, "who does that?") is None


@pytest.mark.parametrize(
    "text", ["tell me more", "who does that", "how long", "the second one", "the first one"]
)
def test_every_topic_leads_to_a_real_topic_other_than_itself_for_more(text: str) -> None:
    for topic in FAQ_TITLES:
        answer = followup_topic(topic, text)
        assert answer in FAQ_TITLES
        if kind(text) is Kind.MORE:
            assert answer != topic


def test_related_topics_hold_the_topic_and_its_links_both_ways() -> None:
    assert "faq/not_candidate" in related_topics("faq/candidate")
    assert "faq/candidate" in related_topics("faq/not_candidate")
    # linked from "the first one" after the two kinds, so the two kinds lead back to it
    assert "faq/types" in related_topics("faq/muscle_transfer")
    assert "faq/photos" not in related_topics("faq/types")
    for topic in FAQ_TITLES:
        assert topic in related_topics(topic)
        assert related_topics(topic) <= set(FAQ_TITLES)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("¿y quién hace eso?", Kind.WHO),
        ("cuanto tarda eso", Kind.HOW_LONG),
        ("y la segunda?", Kind.SECOND),
        ("¿por qué?", Kind.WHY),
        ("¿quiénes no pueden?", Kind.WHO_NOT),
        ("porque mi hijo nació así", Kind.MORE),
    ],
)
def test_spanish_follow_ups_are_read_too(text: str, expected: Kind) -> None:
    assert kind(text) == expected
