"""The consultation checklist: the visitor's own answers plus the page's photo list.

The page's questions and photo list live in the FAQ responses (one source); the action passes
those texts in, and this module only arranges them. Answers are never judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.settings import APPOINTMENT_PHONE, APPOINTMENT_TEL

# In the order of the page's four consultation questions.
ANSWER_SLOTS: tuple[str, ...] = (
    "checklist_cause",
    "checklist_onset",
    "checklist_prior_treatment",
    "checklist_tests",
)
SKIPPED = "skipped"

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+(.*\S)\s*$")


def list_items(text: str) -> list[str]:
    """The bullet or numbered items of a response text, in order."""
    return [m.group(1) for line in text.splitlines() if (m := _BULLET.match(line))]


@dataclass(frozen=True)
class Checklist:
    for_child: bool
    answers: list[tuple[str, str]]
    photos: list[str]
    phone: str = APPOINTMENT_PHONE
    tel: str = APPOINTMENT_TEL
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        who = "your child's" if self.for_child else "your"
        return f"Checklist for {who} consultation call"

    def to_text(self) -> str:
        """Plain text for rasa shell, REST clients, copying and printing."""
        lines = [f"**{self.title}**", f"Call {self.phone} to make the appointment.", ""]
        lines.append("Your answers:")
        lines += [f"- {question} {answer}" for question, answer in self.answers]
        lines += ["", "Photos or videos to bring:"]
        lines += [f"- {item}" for item in self.photos]
        return "\n".join(lines)

    def to_payload(self) -> dict:
        """Structured form for the web widget (rendered as a printable card)."""
        return {
            "type": "checklist",
            "title": self.title,
            "sections": [
                {"heading": "Your answers", "items": [f"{q} {a}" for q, a in self.answers]},
                {"heading": "Photos or videos to bring", "items": list(self.photos)},
            ],
            "phone": self.phone,
            "tel": self.tel,
        }


def build_checklist(
    answers: dict[str, str | None], for_child: bool, questions_text: str, photos_text: str
) -> Checklist:
    """Arrange the visitor's answers (slot name -> text) under the page's questions.

    ``questions_text`` is the consultation-preparation response (its numbered list holds the four
    questions), ``photos_text`` the photo response (its bullet list holds the movements).
    """
    questions = list_items(questions_text)
    if len(questions) != len(ANSWER_SLOTS):
        raise ValueError(f"expected {len(ANSWER_SLOTS)} questions, found {len(questions)}")
    rows = []
    for slot, label in zip(ANSWER_SLOTS, questions):
        value = (answers.get(slot) or "").strip()
        if not value or value == SKIPPED:
            value = "(skipped: you can talk about this on the call)"
        rows.append((label, value))
    return Checklist(for_child=for_child, answers=rows, photos=list_items(photos_text))


_CHILD_WORDS = re.compile(
    r"\b(?:child|kid|son|daughter|baby|boy|girl|toddler|teen|grandson|granddaughter|grandchild)\b",
    re.IGNORECASE,
)


def is_for_child(answer: str) -> bool:
    """Whether the visitor said the checklist is for their child ("For my child", "my son")."""
    return bool(_CHILD_WORDS.search(answer or ""))
