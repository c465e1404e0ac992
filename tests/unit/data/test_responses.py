"""The responses: faithful to the one source page, traceable, safe, and consistent.

"Responses" here means every text a visitor reads: each response template (filled with sample
values where the code fills it), the buttons' titles, and the "Did you mean" titles in
responses/en/titles.yml. The last tests check that code sends response names, not sentences.
"""

import ast
import re

import pytest
import textstat
import yaml

from bot.responses import (
    domain_dict,
    fill_text,
    language_responses,
    languages,
    load_titles,
    placeholders,
    response_files,
)
from bot.settings import APPOINTMENT_PHONE, SOURCE_REVIEWED_ON
from bot.topics import FAQ_TITLES
from tests.support.content import REPO, all_responses, response_text

# The one source of medical content, kept in the repository so these checks always run; the
# shared copy beside the repository (where it exists) must be the same text.
SOURCE_PAGE = REPO / "content" / "facial-reanimation-surgery.txt"
SHARED_SOURCE_PAGE = REPO.parent / "shared" / "source" / "facial-reanimation-surgery.txt"
FAQ = {name: variants for name, variants in all_responses().items() if name.startswith("utter_faq/")}
EMERGENCY_RESPONSES = {"utter_emergency", "utter_emergency_not_a_visit"}
# the calm line before an answer when a symptom has no time: the only other place 911 may appear
RESPONSES_WITH_911 = EMERGENCY_RESPONSES | {"utter_stroke_caution"}


def is_spanish(variant: dict) -> bool:
    return any(c.get("name") == "language" and c.get("value") == "es" for c in variant.get("condition", []))


# A plausible value for each placeholder the code fills (bot/location_search.py, bot/checklist.py,
# bot/inbound.py), so each template is read as a visitor would read it.
SAMPLE_VALUES = {
    "place": "27705 (Durham)",
    "town": "Durham",
    "count": 2,
    "distance": "about 12 miles",
    "miles": 12,
    "number": 1,
    "name": "Duke Raleigh Hospital",
    "street": "3400 Wake Forest Road",
    "city": "Raleigh",
    "state": "NC",
    "zip_code": "27609",
    "map_url": "https://www.google.com/maps/search/?api=1&query=Duke+Raleigh+Hospital",
    "digits": "1234",
    "words": "springfeld",
    "question": "What caused your facial paralysis, if you know?",
    "answer": "Moebius syndrome",
    "max_chars": "1,000",
}


def texts(spanish: bool = False):
    """(where, text) of every English variation (with its buttons' titles and the "Did you mean"
    titles), or of every Spanish variation; placeholders filled with the sample values."""
    for name, variants in all_responses().items():
        for variant in variants:
            if is_spanish(variant) == spanish:
                yield name, fill_text(variant.get("text", ""), SAMPLE_VALUES)
                for button in variant.get("buttons", []):
                    yield f"{name} button", button["title"]
    if not spanish:
        titles = load_titles()
        for key, title in [
            *titles.topics.items(),
            *titles.intents.items(),
            ("none_of_these", titles.none_of_these),
        ]:
            yield f"title {key}", title


def test_every_faq_topic_has_an_answer_and_a_title() -> None:
    assert {name.removeprefix("utter_") for name in FAQ} == set(FAQ_TITLES)


@pytest.mark.parametrize("name", sorted(FAQ))
def test_every_faq_answer_names_its_source_section(name: str) -> None:
    text = response_text(name)
    source = text.strip().splitlines()[-1]
    assert source.startswith("Source: Duke Health page")
    assert f"medically reviewed {SOURCE_REVIEWED_ON}" in source


@pytest.mark.parametrize("name", sorted(FAQ))
def test_every_spanish_faq_answer_names_its_source_says_translated_keeps_the_date(name: str) -> None:
    source = response_text(name, "es").strip().splitlines()[-1]
    assert source.startswith("Fuente: página de Duke Health (en inglés)")
    assert f"revisada médicamente el {SOURCE_REVIEWED_ON}" in source
    assert source.endswith("Traducido de la página en inglés.")
    page = SOURCE_PAGE.read_text().replace("\u2019", "'").replace("\xa0", " ")
    # the English section title, quoted in brackets, is the one the English answer cites
    for quoted in re.findall(r'\("([^"]+)"\)', source):
        assert quoted.lower() in page.lower(), quoted


def test_spanish_texts_claim_no_spanish_speaking_staff_or_interpreters() -> None:
    claims = re.compile(r"int[eé]rprete|hablamos español|personal (?:que habla|bilingüe)", re.I)
    assert [name for name, text in texts(spanish=True) if claims.search(text)] == []


@pytest.mark.parametrize("name", sorted(FAQ))
def test_quoted_section_titles_exist_on_the_page(name: str) -> None:
    page = SOURCE_PAGE.read_text().replace("\u2019", "'").replace("\xa0", " ")
    source_line = response_text(name).strip().splitlines()[-1]
    for quoted in re.findall(r'"([^"]+)"', source_line):
        assert quoted in page, f"{name} cites a section that is not on the page: {quoted}"


def test_the_repository_copy_of_the_source_page_is_current() -> None:
    if not SHARED_SOURCE_PAGE.exists():
        pytest.skip(f"no shared copy at {SHARED_SOURCE_PAGE} to compare with")
    assert SOURCE_PAGE.read_text() == SHARED_SOURCE_PAGE.read_text()


def test_one_phone_number_everywhere() -> None:
    for name, text in texts():
        for number in re.findall(r"\d{3}[-.\s]\d{3}[-.\s]\d{4}", text):
            assert number == APPOINTMENT_PHONE, name


def test_no_prices_or_promises() -> None:
    for name, text in texts():
        lowered = text.lower()
        assert "$" not in text, name
        assert not re.search(r"\bfree\b", lowered), name
        for promise in ("we'll call", "we will call", "callback requested", "i've booked", "i have booked"):
            assert promise not in lowered, name


def test_911_only_in_emergency_responses() -> None:
    for name, text in [*texts(), *texts(spanish=True)]:
        if name in RESPONSES_WITH_911:
            assert "911" in text.split(".")[0], f"{name} must lead with 911"
        else:
            assert "911" not in text, f"{name} must not mention 911"


@pytest.mark.parametrize("name", sorted(EMERGENCY_RESPONSES))
def test_emergency_replies_end_with_a_tap_to_call_link(name: str) -> None:
    for variant in all_responses()[name]:
        assert re.fullmatch(r"\[[^\]]*911[^\]]*\]\(tel:911\)", variant["text"].strip().splitlines()[-1]), name


@pytest.mark.parametrize("name", sorted(RESPONSES_WITH_911))
def test_911_lines_have_a_spanish_variation_that_leads_in_spanish_and_keeps_english(name: str) -> None:
    spanish = [v["text"] for v in all_responses()[name] if is_spanish(v)]
    assert len(spanish) == 1, name
    assert re.match(r"\W*(?:Llame al 911|Si esto es nuevo)", spanish[0]), name
    assert "call 911 now" in spanish[0].lower(), name


def test_the_caution_line_is_one_calm_sentence() -> None:
    text = response_text("utter_stroke_caution")
    assert len(text.splitlines()) == 1 and "**" not in text
    assert "if this is new" in text.lower()


# Fernández-Huerta (textstat's Spanish reading ease): 60-70 is plain language for most adults and
# 80+ easy; the Spanish texts average about 84. A list or an address row scores lower than prose.
SPANISH_EASE_AVERAGE = 70
SPANISH_EASE_EACH = 40


def test_spanish_texts_are_easy_to_read() -> None:
    textstat.set_lang("es")
    try:
        scores = {}
        for name, text in texts(spanish=True):
            body = re.sub(r"\[[^\]]*\]\([^)]*\)|\*\*", "", text)
            body = "\n".join(line for line in body.splitlines() if not line.startswith("Fuente:"))
            if len(body.split()) >= 12:
                scores[name] = textstat.fernandez_huerta(body)
    finally:
        textstat.set_lang("en")
    assert len(scores) > 50
    assert sum(scores.values()) / len(scores) >= SPANISH_EASE_AVERAGE
    assert {name: s for name, s in scores.items() if s < SPANISH_EASE_EACH} == {}


def test_the_greeting_says_it_is_automated_and_not_medical_advice() -> None:
    greeting = response_text("utter_greet")
    assert "automated assistant" in greeting
    assert "medical advice" in greeting
    assert APPOINTMENT_PHONE in greeting


def test_bot_challenge_never_claims_to_be_a_person() -> None:
    text = response_text("utter_bot_challenge")
    assert "automated assistant" in text and "not a person" in text


def test_average_reading_level_is_8th_grade_or_below() -> None:
    grades = []
    for _, text in texts():
        body = "\n".join(line for line in text.splitlines() if not line.startswith("Source:"))
        if len(body.split()) >= 12:
            grades.append(textstat.flesch_kincaid_grade(body))
    assert sum(grades) / len(grades) <= 8.0, sorted(grades)[-5:]


@pytest.mark.parametrize(
    "name,facts",
    [
        ("utter_faq/stages", ["one or two stages", "9 to 12 months"]),
        ("utter_faq/stage_gap", ["9 to 12 months"]),
        ("utter_faq/causes", ["Moebius syndrome", "injury", "tumor", "facial nerve"]),
        ("utter_faq/types", ["Muscle transfer", "Nerve transfers or grafts", "born without"]),
        ("utter_faq/approach_factors", ["age", "caused", "one side", "both sides"]),
        ("utter_faq/vs_facelift", ["do not bring back movement"]),
        ("utter_faq/outcomes", ["perfectly even", "blink"]),
        ("utter_faq/results_timeline", ["a year or more", "rehabilitation therapy"]),
        ("utter_faq/not_candidate", ["elderly", "long surgery", "partial", "nonsurgical"]),
        (
            "utter_faq/team",
            ["neuro-ophthalmologists", "skull-base surgeons", "occupational therapist", "speech pathologist"],
        ),
        ("utter_faq/eyes", ["upper eyelid"]),
        ("utter_faq/rehabilitation", ["biofeedback", "chewing", "speak clearly"]),
        ("utter_faq/ranking", ["best hospital in North Carolina", "11 adult", "10 pediatric", "2024–2025"]),
        ("utter_faq/early_evaluation", ["sooner you are seen"]),
    ],
)
def test_answers_hold_the_page_facts(name: str, facts: list[str]) -> None:
    text = response_text(name)
    for fact in facts:
        assert fact in text, f"{name} lost the fact {fact!r}"


def test_photo_list_has_the_six_movements() -> None:
    text = response_text("utter_faq/photos").lower()
    for movement in ("rest", "eyebrows", "closing the eyes", "no teeth", "teeth showing", "pucker"):
        assert movement in text


def test_every_placeholder_has_a_sample_value() -> None:
    for name, variants in all_responses().items():
        for variant in variants:
            missing = set(placeholders(variant.get("text", ""))) - set(SAMPLE_VALUES)
            assert not missing, f"{name}: add a sample value for {sorted(missing)} above"


def test_titles_are_short_distinct_phrases() -> None:
    titles = [title for where, title in texts() if where.startswith("title ")]
    assert len(titles) == len(set(titles))
    for title in titles:
        assert 1 <= len(title.split()) <= 6 and not title.endswith("."), title


# --- no visitor sentences in code ----------------------------------------------------------------
CODE_DIRS = ("bot", "actions", "components")
# Modules whose sentences are read by operators or by other programs, never by a visitor.
NOT_FOR_VISITORS = {
    "components/action_server.py": "HTTP errors answering Rasa's calls to the action server",
    "bot/review.py": "the operators' review report and its draft NLU file",
}
# Calls whose string arguments are logs, operator output, argparse help or regular expressions.
QUIET_CALLS = {
    *("debug", "info", "warning", "warn", "error", "exception", "critical", "log"),
    *("print", "print_error_and_exit", "add_argument", "ArgumentParser", "add_parser"),
    *("compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"),
}
_TITLE_LIKE = re.compile(r"[A-Z][a-z']*(?: [A-Za-z']+){2,}\??")


def _string_literals(tree: ast.AST):
    """(line, text) of each string literal outside docstrings, raise statements and QUIET_CALLS;
    an f-string counts as one literal, each replacement field read as "X"."""
    quiet: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                quiet.add(id(first.value))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            quiet.update(id(inner) for inner in ast.walk(node.exc))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in QUIET_CALLS:
                quiet.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in quiet:
            continue
        if isinstance(node, ast.JoinedStr):
            quiet.update(id(value) for value in node.values)
            parts = [v.value if isinstance(v, ast.Constant) else "X" for v in node.values]
            yield node.lineno, "".join(str(part) for part in parts)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def looks_like_visitor_text(text: str) -> bool:
    """A heuristic: a sentence of 4+ words ending in . ? or !, or a capitalised phrase of 3+ plain
    words (a button title). Identifiers, URLs and regular expressions are not text."""
    if "://" in text or "\\" in text or "_" in text:
        return False
    if len(re.findall(r"[A-Za-z']{2,}", text)) < 3:
        return False
    stripped = text.strip().rstrip("\"')*: ")
    if len(text.split()) >= 4 and stripped[-1:] in (".", "?", "!"):
        return True
    return bool(_TITLE_LIKE.fullmatch(text.strip())) and len(re.findall(r"[a-z]{2,}", text)) >= 2


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Sorry, I couldn't find that in North Carolina.", True),
        ('Please try a 5-digit ZIP code, like "27705".', True),
        ("Your message was long, so I read only its first X characters. ", True),
        ("Surgery for paralysis since birth", True),
        ("Am I talking to a person?", True),
        ("utter_location_call", False),
        ("https://www.google.com/maps/search/?", False),
        ("X X X", False),
        (r"\b(?:es|sera) un derrame\?", False),
    ],
)
def test_the_visitor_text_heuristic(text: str, expected: bool) -> None:
    assert looks_like_visitor_text(text) is expected


def test_code_sends_response_names_not_sentences() -> None:
    found = []
    for folder in CODE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            module = path.relative_to(REPO).as_posix()
            if module in NOT_FOR_VISITORS:
                continue
            for line, text in _string_literals(ast.parse(path.read_text(encoding="utf-8"))):
                if looks_like_visitor_text(text):
                    found.append(f"{module}:{line}: {text[:70]!r}")
    assert not found, "Visitor text belongs in a response or titles.yml (responses/<lang>/):\n" + "\n".join(
        found
    )


def test_every_response_the_code_names_exists() -> None:
    responses = all_responses()
    named = set()
    for folder in CODE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if (
                        re.fullmatch(r"utter_[a-z0-9_]+(?:/[a-z0-9_]+)?", node.value)
                        and node.value != "utter_action"
                    ):
                        named.add(node.value)
    assert named, "the scan found no response names"
    assert sorted(named - set(responses)) == []


# A language still being written, and what it has so far; every other language must be complete.
PARTIAL_LANGUAGES: dict[str, set[str]] = {}


@pytest.mark.parametrize("language", languages()[1:])
def test_every_language_has_the_same_files_and_response_names_as_english(language: str) -> None:
    english = language_responses("en")
    theirs = language_responses(language)
    assert {p.name for p in response_files(language=language)} <= {p.name for p in response_files()}
    assert set(theirs) == PARTIAL_LANGUAGES.get(language, set(english))
    for name, variants in theirs.items():
        wanted = {tuple(sorted(placeholders(v.get("text") or ""))) for v in english[name]}
        for variant in variants:
            assert tuple(sorted(placeholders(variant.get("text") or ""))) in wanted, name


def test_the_built_domain_holds_every_response_and_no_text_lives_in_the_core() -> None:
    core = yaml.safe_load((REPO / "domain.yml").read_text(encoding="utf-8"))
    assert "responses" not in core
    assert set(domain_dict()["responses"]) == set(language_responses("en"))
