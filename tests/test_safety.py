"""The emergency rule layer: 911 first for sudden new symptoms, never for longstanding paralysis."""

import pytest

from bot.safety import Verdict, assess, mentions_symptoms

EMERGENCIES = [
    "my face suddenly started drooping",
    "my dad's face just started drooping and he's slurring his words",
    "woke up and half my face is numb and won't move",
    "I think I'm having a stroke",
    "my mom's face is drooping and her arm feels weak",
    "Mi cara se cayó de repente",
    "left side of my face went numb an hour ago",
    "my husband can't smile on one side since this morning",
    "I've had paralysis since birth but today the other side started drooping",
    "his speech is slurred and his face looks crooked",
    "sudden facial weakness",
    "my face is drooping right now what do I do",
    "is this a stroke? my lip is drooping",
    "my arm is numb and my face feels weird",
    "All of a sudden I can\u2019t close my eye",
    "grandpa can't lift his arm and his mouth looks funny",
]

NOT_EMERGENCIES = [
    "I've had facial paralysis since birth",
    "my son was born with moebius syndrome",
    "my face has been paralyzed for 6 years",
    "I had Bell's palsy 2 years ago and my smile never came back",
    "after Bell's palsy 2 years ago my face never recovered",
    "what is facial reanimation surgery",
    "how long is recovery",
    "my face droops on one side, can this surgery help?",
    "will a speech pathologist help with slurred speech?",
    "can a stroke cause facial paralysis?",
    "my face suddenly became paralyzed 3 years ago after surgery",
    "I lost movement after tumor surgery last year",
    "i was in a car crash in march and half my face hasnt moved since",
    "my daughter has had weakness on her left side of the face her whole life",
    "hi",
    "",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_sudden_new_symptoms_are_emergencies(text: str) -> None:
    assert assess(text).verdict is Verdict.EMERGENCY


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_longstanding_or_general_questions_are_not(text: str) -> None:
    assert assess(text).verdict is not Verdict.EMERGENCY


@pytest.mark.parametrize(
    "text",
    ["my face has been paralyzed for 6 years", "since birth", "Bell's palsy 2 years ago"],
)
def test_longstanding_is_recognised(text: str) -> None:
    assert assess(text).verdict is Verdict.LONGSTANDING


def test_symptom_mentions() -> None:
    assert mentions_symptoms("my face droops")
    assert not mentions_symptoms("how much does it cost")
