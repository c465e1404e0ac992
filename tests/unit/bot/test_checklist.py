"""The consultation checklist is built from the page's questions and photo list."""

from bot.checklist import build_checklist, is_for_child, list_items
from bot.responses import load_responses
from tests.support.content import response_text

QUESTIONS = response_text("utter_faq/consultation_prep")
PHOTOS = response_text("utter_faq/photos")
RESPONSES = load_responses()
FOR_CHILD = {"checklist_for": "child"}
FOR_SELF = {"checklist_for": "self"}


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
        questions_text=QUESTIONS,
        photos_text=PHOTOS,
    )
    text = checklist.reply(RESPONSES, FOR_CHILD).to_text()
    lines = text.splitlines()
    assert lines[:2] == [
        "**Checklist for your child's consultation call**",
        "Call 919-684-4114 to make the appointment.",
    ]
    assert lines[3] == "Your answers:" and lines[9] == "Photos or videos to bring:"
    assert lines[4] == f"- {list_items(QUESTIONS)[0]} Moebius syndrome"
    assert "Moebius syndrome" in text and "MRI in 2024" in text
    assert text.count("(skipped: you can talk about this on the call)") == 2
    assert "pucker" in text


def test_the_title_follows_who_it_is_for() -> None:
    checklist = build_checklist({}, QUESTIONS, PHOTOS)
    assert checklist.reply(RESPONSES, FOR_SELF).title == "Checklist for your consultation call"
    assert checklist.reply(RESPONSES, {}).title == "Checklist for your consultation call"
    assert checklist.reply(RESPONSES, FOR_CHILD).title == "Checklist for your child's consultation call"


def test_the_checklist_never_judges() -> None:
    text = build_checklist({}, QUESTIONS, PHOTOS).reply(RESPONSES, FOR_SELF).to_text().lower()
    for verdict in ("candidate", "too late", "eligible", "should have surgery"):
        assert verdict not in text


def test_payload_for_the_widget() -> None:
    reply = build_checklist({}, QUESTIONS, PHOTOS).reply(RESPONSES, FOR_SELF)
    payload = reply.to_payload()
    assert payload["type"] == "checklist"
    assert payload["title"] == reply.title
    assert payload["tel"] == "tel:+19196844114"
    assert [s["heading"] for s in payload["sections"]] == ["Your answers", "Photos or videos to bring"]
    assert len(payload["sections"][0]["items"]) == 4 and len(payload["sections"][1]["items"]) == 6


def test_who_it_is_for() -> None:
    assert is_for_child("For my child")
    assert is_for_child("it's for my son")
    assert not is_for_child("For me")


def test_the_spanish_checklist_has_the_same_questions_and_movements_in_spanish() -> None:
    questions = response_text("utter_faq/consultation_prep", "es")
    photos = response_text("utter_faq/photos", "es")
    assert len(list_items(questions)) == 4 and len(list_items(photos)) == 6
    checklist = build_checklist(
        {"checklist_cause": "síndrome de Moebius", "checklist_onset": "skipped"},
        questions_text=questions,
        photos_text=photos,
    )
    text = checklist.reply(RESPONSES, {**FOR_CHILD, "language": "es"}).to_text()
    assert list_items(questions)[0] in text and "síndrome de Moebius" in text
    assert "919-684-4114" in text and "Photos" not in text
