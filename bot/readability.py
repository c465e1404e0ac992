"""How hard the assistant's replies are to read: Flesch-Kincaid grade of each response.

Patients read these answers, so the aim is grade 8 or below on average. The "Source:" line is
left out (it names the page section, patients need not read it), markdown marks are dropped, and
every line or list item counts as a sentence of its own: a bullet list is read item by item, so
it must not be scored as one endless sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TARGET_GRADE = 8.0
# Below this many words a grade formula says little (one short sentence can score anything).
MIN_WORDS = 12

_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+\.)\s+")
_SENTENCE_END = ".!?:;"


def readable_body(text: str) -> str:
    """The words a patient reads, one sentence per line or list item."""
    sentences = []
    for line in text.splitlines():
        if line.strip().startswith("Source:"):
            continue
        line = _LIST_MARK.sub("", line).replace("**", "").strip()
        if not line:
            continue
        sentences.append(line if line[-1] in _SENTENCE_END else line + ".")
    return " ".join(sentences)


def word_count(text: str) -> int:
    return len(readable_body(text).split())


def grade(text: str) -> float:
    """Flesch-Kincaid grade of what a patient reads in ``text`` (textstat 0.7.3, pyphen)."""
    import textstat  # imported here: only reports and tests need it

    body = readable_body(text)
    return float(textstat.flesch_kincaid_grade(body)) if body else 0.0


@dataclass(frozen=True)
class GradedResponse:
    name: str
    variant: int
    words: int
    grade: float

    @property
    def label(self) -> str:
        return self.name if self.variant == 0 else f"{self.name} (variant {self.variant + 1})"


def grade_responses(responses: Mapping[str, Iterable[Mapping[str, object]]]) -> list[GradedResponse]:
    """Every text variant of every response, hardest first (``responses`` as in a domain file)."""
    graded = []
    for name, variants in responses.items():
        for index, variant in enumerate(variants):
            text = variant.get("text")
            if isinstance(text, str) and text.strip():
                graded.append(GradedResponse(name, index, word_count(text), grade(text)))
    return sorted(graded, key=lambda g: (-g.grade, g.name, g.variant))


def average_grade(graded: Iterable[GradedResponse], min_words: int = MIN_WORDS) -> float:
    """Mean grade of the responses long enough to grade."""
    grades = [g.grade for g in graded if g.words >= min_words]
    return sum(grades) / len(grades) if grades else 0.0
