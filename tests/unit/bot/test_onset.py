"""The time-expression parser: is the onset now, sudden, or long ago?"""

import pytest

from bot.onset import Cue, find_cues, fold, kinds


@pytest.mark.parametrize(
    "text",
    [
        "it started at dinner",
        "since breakfast",
        "an hour ago",
        "about 20 minutes ago",
        "this morning",
        "at school today",
        "right now",
        "just now",
        "last night",
        "for the last hour",
        "since 3pm",
        "hace una hora",
        "desde esta mañana",
        "ahorita",
        "hace un rato",
        "hace como 20 minutos",
        "desde las 3 de la tarde",
    ],
)
def test_times_that_are_now(text: str) -> None:
    assert Cue.RECENT in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "suddenly",
        "all of a sudden",
        "woke up with it",
        "when she woke up",
        "it started while I was watching TV",
        "de repente",
        "al despertar",
    ],
)
def test_sudden_onset_without_a_clock(text: str) -> None:
    assert Cue.SUDDEN in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "when he was 3",
        "in 2019",
        "in March of last year",
        "for 8 months",
        "since birth",
        "3 years ago",
        "for years",
        "his whole life",
        "de nacimiento",
        "hace 3 años",
        "desde hace años",
        "in the fall",
        "ya llevo 2 meses",
        "a 6-year-old paralysis",
    ],
)
def test_dates_and_durations_in_the_past(text: str) -> None:
    assert Cue.PAST in kinds(text)


@pytest.mark.parametrize("text", ["since the accident", "she had a stroke", "desde la cirugía"])
def test_after_an_undated_event(text: str) -> None:
    assert Cue.AFTER_EVENT in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "my eye doctor referred me today",
        "I just found your page",
        "my appointment is tonight",
        "I was diagnosed today",
        "the neurologist said today",
    ],
)
def test_a_time_that_belongs_to_something_else_is_dropped(text: str) -> None:
    assert Cue.RECENT not in kinds(text)


def test_waking_up_from_surgery_is_not_a_sudden_onset() -> None:
    assert Cue.SUDDEN not in kinds("I woke up from surgery with that side paralyzed")


def test_being_somewhere_is_not_a_date_in_the_past() -> None:
    assert Cue.PAST not in kinds("it started when I was at the gym about an hour ago")
    assert Cue.PAST in kinds("it started when I was in high school")


def test_new_patients_is_not_a_new_symptom() -> None:
    assert Cue.SUDDEN not in kinds("do you take new patients?")


def test_an_age_now_is_not_a_time_of_onset() -> None:
    assert Cue.RECENT not in kinds("he's 12 now")


def test_cues_come_in_reading_order_with_their_words() -> None:
    cues = find_cues("Bell's palsy 2 years ago, but this morning it got worse")
    assert [(c.kind, c.text) for c in cues] == [(Cue.PAST, "2 years ago"), (Cue.RECENT, "this morning")]


def test_fold_removes_accents_case_and_curly_apostrophes() -> None:
    assert fold("  Mi CARA se cayó \u2019 ") == "mi cara se cayo '"
