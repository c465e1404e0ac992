"""The consultation checklist is built from the page's questions and photo list."""

from bot.checklist import build_checklist, is_for_child, list_items
from tests.helpers import response_text

QUESTIONS = response_text("utter_faq/consultation_prep")
PHOTOS = response_text("utter_faq/photos")


def test_the_page_lists_four_questions_and_six_movements() -> None:
    assert len(list_items(QUESTIONS)) == 4
    assert len(list_items(PHOTOS)) == 6


def test_answers_appear_under_the_questions_and_skips_are_marked() -> None:
    checklist = build_checklist(
        {
            "checklist_cause": "Moebius syndrome",
            "checklist_onset": "skipped",
            "checklist_prior_treatment": None,
            "checklist_tests": "MRI in 2024",
        },
        for_child=True,
        questions_text=QUESTIONS,
        photos_text=PHOTOS,
    )
    text = checklist.to_text()
    assert "your child's consultation" in text
    assert "Moebius syndrome" in text and "MRI in 2024" in text
    assert text.count("(skipped") == 2
    assert "919-684-4114" in text
    assert "pucker" in text


def test_the_checklist_never_judges() -> None:
    text = build_checklist({}, False, QUESTIONS, PHOTOS).to_text().lower()
    for verdict in ("candidate", "too late", "eligible", "should have surgery"):
        assert verdict not in text


def test_payload_for_the_widget() -> None:
    payload = build_checklist({}, False, QUESTIONS, PHOTOS).to_payload()
    assert payload["type"] == "checklist"
    assert payload["tel"] == "tel:+19196844114"
    assert [s["heading"] for s in payload["sections"]] == ["Your answers", "Photos or videos to bring"]


def test_who_it_is_for() -> None:
    assert is_for_child("For my child")
    assert is_for_child("it's for my son")
    assert not is_for_child("For me")
