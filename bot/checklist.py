"""The consultation checklist: the visitor's own answers plus the page's photo list.

The page's questions and photo list live in the FAQ responses (one source), and the checklist's
own words (title, headings, the "skipped" mark) in the utter_checklist_* responses; the action
passes those in, and this module only arranges them. Answers are never judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from bot.responses import Responses, Utterance, fill
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
    """The page's questions with the visitor's answers (None when skipped), and the photo list."""

    answers: list[tuple[str, Optional[str]]]
    photos: list[str]

    def reply(self, responses: Responses, slots: Optional[Mapping[str, Any]] = None) -> ChecklistReply:
        """The checklist in words; ``slots`` choose the variations (checklist_for: "child")."""
        skipped = fill(responses, "utter_checklist_skipped", slots)
        answers = [
            fill(
                responses,
                Utterance("utter_checklist_answer", {"question": question, "answer": answer or skipped}),
                slots,
            )
            for question, answer in self.answers
        ]
        return ChecklistReply(
            title=fill(responses, "utter_checklist_title", slots),
            call=fill(responses, "utter_checklist_call", slots),
            sections=(
                (fill(responses, "utter_checklist_answers_heading", slots), answers),
                (fill(responses, "utter_checklist_photos_heading", slots), list(self.photos)),
            ),
        )


@dataclass(frozen=True)
class ChecklistReply:
    """A checklist in words: text for rasa shell and REST, a printable card for the web widget."""

    title: str
    call: str
    sections: tuple[tuple[str, list[str]], ...]
    phone: str = APPOINTMENT_PHONE
    tel: str = APPOINTMENT_TEL

    def to_text(self) -> str:
        """Plain text for rasa shell, REST clients, copying and printing."""
        lines = [f"**{self.title}**", self.call]
        for heading, items in self.sections:
            lines += ["", f"{heading}:", *(f"- {item}" for item in items)]
        return "\n".join(lines)

    def to_payload(self) -> dict:
        """Structured form for the web widget (rendered as a printable card)."""
        return {
            "type": "checklist",
            "title": self.title,
            "sections": [{"heading": heading, "items": list(items)} for heading, items in self.sections],
            "phone": self.phone,
            "tel": self.tel,
        }


def build_checklist(answers: Mapping[str, Optional[str]], questions_text: str, photos_text: str) -> Checklist:
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
        rows.append((label, None if not value or value == SKIPPED else value))
    return Checklist(answers=rows, photos=list_items(photos_text))


_CHILD_WORDS = re.compile(
    r"\b(?:child|kid|son|daughter|baby|boy|girl|toddler|teen|grandson|granddaughter|grandchild)\b",
    re.IGNORECASE,
)


def is_for_child(answer: str) -> bool:
    """Whether the visitor said the checklist is for their child ("For my child", "my son")."""
    return bool(_CHILD_WORDS.search(answer or ""))
