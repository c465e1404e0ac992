"""Intent accuracy on the held-out sets (never in training): the two NLU test sets and the blind set.

The full pipeline runs, rule layer included, and a FAQ prediction counts only when the response
selector picks the right topic (faq/<topic>). A wrong answer counts as "confident-wrong" when it
is shown without asking (anything but "Did you mean...?"). --noisy scores the set's noisy copy
(scripts/_noise.py). With --baseline it also scores a simple baseline a sceptic would build
instead: TF-IDF over character n-grams of the training examples, nearest example wins. --check
fails when accuracy drops below the set's floor enforced in `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections import Counter
from pathlib import Path

from _noise import noisy
from _services import MODEL, REPO, env, use_repo_root

os.environ.update(env())

TEST_SETS = {
    # written first; its misses were seen while the training data grew
    "main": REPO / "tests" / "nlu" / "test_nlu.yml",
    # written later by someone who never saw the training data; only its scores were looked at
    "fresh": REPO / "tests" / "nlu" / "test_nlu_fresh.yml",
    # issue 12's blind set (sha256 in BENCHMARKS.md): only its scores are ever looked at
    "blind": REPO / "tests" / "blind" / "blind_messages.yml",
    # 22 messages in 8 languages the assistant does not speak: each must get the language reply
    "languages": REPO / "tests" / "nlu" / "test_languages.yml",
    # Spanish (issue 14): the Spanish half of the first languages set, readable; and the Spanish
    # blind set, written before any Spanish training data (sha256 in BENCHMARKS.md)
    "spanish": REPO / "tests" / "nlu" / "test_spanish.yml",
    "blind-es": REPO / "tests" / "blind" / "es" / "blind_messages.yml",
}
BLIND_SETS = {"blind", "blind-es"}
# Training is not bit-for-bit repeatable on CPU (about +-2 points between runs): the floors sit
# a few points under the figures in BENCHMARKS.md, to catch a step back.
ACCURACY_FLOORS = {
    "main": 0.90,
    "fresh": 0.90,
    "blind": 0.83,
    "languages": 1.0,
    # Spanish (2026-12-03, one model for both languages): 72.7% of 22 readable (one message is 4.5
    # points), 87.8% blind
    "spanish": 0.59,
    "blind-es": 0.83,
}
OUT = REPO / "results"
FALLBACK = "nlu_fallback"


def load_examples(path: Path) -> list[tuple[str, str]]:
    """(text, full intent) pairs from a Rasa YAML NLU file or a blind set (messages: text, expect)."""
    import yaml
    from rasa.shared.nlu.training_data.loading import load_data

    raw = yaml.safe_load(path.read_text())
    if "messages" in raw:
        return [(m["text"], m["expect"]) for m in raw["messages"]]

    data = load_data(str(path))
    pairs = []
    for message in data.intent_examples:
        intent = message.get("intent")
        response_key = message.get("intent_response_key")
        pairs.append((message.get("text"), response_key or intent))
    return pairs


def now_spoken_here(text: str, gold: str) -> bool:
    """A message labelled "another language" when only English was spoken, in a language the
    assistant speaks now (LANGUAGES)."""
    from bot.language import written_in
    from bot.settings import Settings

    return gold == "non_english" and written_in(text) in Settings.from_env().languages


def resolved_intent(parsed: dict) -> str:
    """The intent a parse answers with: a FAQ names the topic the response selector chose."""
    from bot.faq_selection import RETRIEVAL_INTENT, faq_topic

    intent = parsed["intent"]["name"]
    if intent == RETRIEVAL_INTENT:
        chosen = faq_topic(parsed)
        intent = chosen.topic if chosen else intent
    return intent


async def predict(texts: list[str]) -> list[tuple[str, float]]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa's structured logger prints every parsed message at debug level otherwise.
    configure_structlog(logging.WARNING)

    agent = Agent.load(MODEL)
    predictions = []
    for text in texts:
        parsed = await agent.parse_message(text)
        confidence = float(parsed["intent"].get("confidence") or 0.0)
        predictions.append((resolved_intent(parsed), confidence))
    return predictions


def baseline_predict(texts: list[str]) -> list[str]:
    """Nearest training example by TF-IDF over character n-grams (scikit-learn)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    train = []
    for path in sorted((REPO / "data" / "nlu").rglob("*.yml")):
        train += load_examples(path)
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, sublinear_tf=True)
    matrix = vectorizer.fit_transform([t for t, _ in train])
    scores = linear_kernel(vectorizer.transform(texts), matrix)
    return [train[row.argmax()][1] for row in scores]


def score(gold: list[str], predicted: list[str]) -> dict:
    from sklearn.metrics import f1_score

    correct = sum(g == p for g, p in zip(gold, predicted))
    asked = sum(p == FALLBACK for p in predicted)
    confusions = Counter((g, p) for g, p in zip(gold, predicted) if g != p)
    faq = [(g, p) for g, p in zip(gold, predicted) if g.startswith("faq/")]
    return {
        "examples": len(gold),
        "accuracy": round(correct / len(gold), 4),
        "macro_f1": round(float(f1_score(gold, predicted, average="macro", zero_division=0)), 4),
        # wrong without asking: the visitor reads an answer to a question they did not ask
        "confident_wrong_rate": round((len(gold) - correct - asked) / len(gold), 4),
        "fallback_rate": round(asked / len(gold), 4),
        "faq_topic_accuracy": round(sum(g == p for g, p in faq) / max(1, len(faq)), 4),
        "top_confusions": [
            {"gold": g, "predicted": p, "count": n} for (g, p), n in confusions.most_common(10)
        ],
    }


def summary(name: str, result: dict) -> str:
    return (
        f"{name}: {result['examples']} messages, right {result['accuracy']:.1%}, "
        f"confident-wrong {result['confident_wrong_rate']:.1%}, "
        f"'did you mean' {result['fallback_rate']:.1%}, macro F1 {result['macro_f1']:.3f}, "
        f"FAQ topics {result['faq_topic_accuracy']:.1%}"
    )


def main() -> int:
    use_repo_root()
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="fail below the set's floor")
    parser.add_argument("--baseline", action="store_true", help="also score the TF-IDF baseline")
    parser.add_argument("--errors", action="store_true", help="list every miss (never for the blind set)")
    parser.add_argument("--noisy", action="store_true", help="also score the noisy copy")
    parser.add_argument("--set", choices=sorted(TEST_SETS), default="main", help="which held-out set")
    args = parser.parse_args()
    if args.errors and args.set in BLIND_SETS:
        parser.error("the blind set's misses are never listed: a set whose misses are read is a training set")

    examples = load_examples(TEST_SETS[args.set])
    spoken = [(t, g) for t, g in examples if now_spoken_here(t, g)]
    if spoken:
        # written when the assistant spoke English only: a Spanish message now gets a Spanish
        # answer, which the Spanish sets score; left out here rather than counted either way
        print(f"{len(spoken)} messages labelled non_english are in a language spoken now: left out")
        examples = [pair for pair in examples if pair not in spoken]
    texts = [t for t, _ in examples]
    gold = [g for _, g in examples]
    variants = {"clean": texts}
    if args.noisy:
        variants["noisy copy"] = [noisy(t) for t in texts]
    # one model load for every variant
    every = [p for p, _ in asyncio.run(predict([t for v in variants.values() for t in v]))]
    predicted = {name: every[i * len(texts) : (i + 1) * len(texts)] for i, name in enumerate(variants)}
    report = {name: score(gold, p) for name, p in predicted.items()}
    if args.baseline:
        report["baseline_tfidf_char_ngrams"] = score(gold, baseline_predict(texts))
    if args.set in BLIND_SETS:
        # scores only: even the labels of the blind set's confusions would steer the training data
        for result in report.values():
            result.pop("top_confusions")
    OUT.mkdir(exist_ok=True)
    (OUT / f"nlu_heldout_{args.set}.json").write_text(json.dumps(report, indent=2))

    for name, result in report.items():
        print(summary(f"Held-out set '{args.set}', {name}", result))
    for item in report["clean"].get("top_confusions", [])[:5]:
        print(f"  {item['count']} x {item['gold']} -> {item['predicted']}")
    if args.errors:
        for text, g, p in zip(texts, gold, predicted["clean"]):
            if g != p:
                print(f"  MISS {g:32} -> {p:32} | {text}")
    floor = ACCURACY_FLOORS[args.set]
    if args.check and report["clean"]["accuracy"] < floor:
        print(f"FAILED: accuracy {report['clean']['accuracy']:.1%} is below the floor {floor:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
