"""Understanding-quality report (make eval).

1. The held-out NLU test set (tests/nlu/test_nlu.yml, never in training), answered by the trained
   model (full pipeline, rule layer included; counted as in scripts/nlu_heldout.py) and by the
   baseline a sceptic would build instead (TF-IDF over character n-grams, nearest training
   example wins), side by side: accuracy, macro F1, FAQ answers, the costliest confusions, and an
   exact McNemar test on the paired results.
2. The story tests (scripts/story_tests.py).
3. 5-fold cross-validation on the training data (`rasa test nlu --cross-validation`) with a copy
   of config.yml whose classifiers train for fewer epochs, so it runs in a few minutes on 2 cores.
4. The Flesch-Kincaid grade of every response the assistant can send (bot/readability.py).

Writes results/eval.json and the "eval" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml
from _noise import noisy
from _report import load_average, machine, machine_line, model_facts, table, update_section
from _services import MODEL, RASA, REPO, env, use_repo_root
from nlu_heldout import ACCURACY_FLOORS, TEST_SETS, baseline_predict, load_examples, resolved_intent, score

RESULTS = REPO / "results"
OUT = RESULTS / "eval.json"
CV_OUT = RESULTS / "cv"
STORY_OUT = RESULTS / "stories"
CV_EPOCHS = 40
CV_FOLDS = 5
# "Clearly better" than the baseline: this many accuracy points more, and a paired test that
# says the difference is not luck.
CLEAR_MARGIN_POINTS = 5.0
SIGNIFICANCE = 0.05
HARDEST = 10


# --- 1. held-out set -----------------------------------------------------------------------------
async def parse_all(text_sets: list[list[str]]) -> list[list[dict]]:
    """Parse every text with the trained model (loaded once)."""
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    # Rasa's debug log of every parse would otherwise fill the report's output.
    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)

    agent = Agent.load(MODEL)
    parsed_sets = []
    for texts in text_sets:
        parsed_sets.append([await agent.parse_message(text) for text in texts])
    return parsed_sets


def selector_choice(parsed: dict) -> str | None:
    """The response selector's own pick, whatever the intent classifier said."""
    from bot.faq_selection import faq_topic

    chosen = faq_topic(parsed)
    return chosen.topic if chosen else None


def mcnemar_p(ours_right: list[bool], base_right: list[bool]) -> tuple[int, int, float]:
    """Exact two-sided McNemar test on paired right/wrong results."""
    only_ours = sum(o and not b for o, b in zip(ours_right, base_right))
    only_base = sum(b and not o for o, b in zip(ours_right, base_right))
    n = only_ours + only_base
    if n == 0:
        return only_ours, only_base, 1.0
    tail = sum(math.comb(n, k) for k in range(min(only_ours, only_base) + 1)) / 2**n
    return only_ours, only_base, min(1.0, 2 * tail)


def held_out() -> dict:
    """Every held-out set in scripts/nlu_heldout.py, assistant and baseline side by side."""
    sets = {name: load_examples(path) for name, path in TEST_SETS.items() if path.exists()}
    started = time.perf_counter()
    clean = [[t for t, _ in examples] for examples in sets.values()]
    parsed_sets = asyncio.run(parse_all(clean + [[noisy(t) for t in texts] for texts in clean]))
    seconds = time.perf_counter() - started
    report: dict = {"parse_seconds": round(seconds, 1), "sets": {}}
    for (name, examples), parsed, parsed_noisy in zip(sets.items(), parsed_sets, parsed_sets[len(sets) :]):
        report["sets"][name] = score_set(examples, parsed, parsed_noisy, blind=name == "blind")
    # not even the blind set's confusion labels: which topics it misses would steer the data
    every = [miss for name, result in report["sets"].items() if name != "blind" for miss in result["misses"]]
    costly = Counter((m["gold"], m["predicted"]) for m in every)
    report["top_confusions"] = [
        {"gold": g, "predicted": p, "count": n} for (g, p), n in costly.most_common(10)
    ]
    return report


def score_set(
    examples: list[tuple[str, str]], parsed: list[dict], parsed_noisy: list[dict], blind: bool
) -> dict:
    texts = [t for t, _ in examples]
    gold = [g for _, g in examples]
    ours = [resolved_intent(p) for p in parsed]
    base = baseline_predict(texts)

    report: dict = {"examples": len(gold), "intents": len(set(gold))}
    for name, predicted in (("assistant", ours), ("baseline", base)):
        result = score(gold, predicted)
        faq = [(g, p) for g, p in zip(gold, predicted) if g.startswith("faq/")]
        result["faq_answer_accuracy"] = round(sum(g == p for g, p in faq) / max(1, len(faq)), 4)
        result["faq_examples"] = len(faq)
        report[name] = result
    noisy_result = score(gold, [resolved_intent(p) for p in parsed_noisy])
    report["assistant"]["noisy_accuracy"] = noisy_result["accuracy"]
    report["assistant"]["noisy_confident_wrong_rate"] = noisy_result["confident_wrong_rate"]
    # The response selector alone, on every FAQ question (even those the intent classifier missed).
    faq_rows = [(g, selector_choice(p)) for g, p in zip(gold, parsed) if g.startswith("faq/")]
    report["assistant"]["selector_accuracy"] = round(
        sum(g == s for g, s in faq_rows) / max(1, len(faq_rows)), 4
    )
    # A wrong answer shown with high confidence is worse than a "Did you mean...?".
    wrong_shown = [
        p["intent"].get("confidence") or 0.0
        for g, o, p in zip(gold, ours, parsed)
        if g != o and o != "nlu_fallback"
    ]
    report["assistant"]["wrong_answers_shown"] = len(wrong_shown)
    report["assistant"]["confident_wrong_answers"] = sum(c >= 0.9 for c in wrong_shown)

    ours_right = [g == p for g, p in zip(gold, ours)]
    base_right = [g == p for g, p in zip(gold, base)]
    only_ours, only_base, p_value = mcnemar_p(ours_right, base_right)
    margin = (report["assistant"]["accuracy"] - report["baseline"]["accuracy"]) * 100
    base_errors = 1 - report["baseline"]["accuracy"]
    report["comparison"] = {
        "accuracy_points": round(margin, 1),
        "macro_f1_points": round((report["assistant"]["macro_f1"] - report["baseline"]["macro_f1"]) * 100, 1),
        "error_reduction": round((base_errors - (1 - report["assistant"]["accuracy"])) / base_errors, 3)
        if base_errors
        else 0.0,
        "only_assistant_right": only_ours,
        "only_baseline_right": only_base,
        "mcnemar_p": round(p_value, 5),
        "clearly_better": margin >= CLEAR_MARGIN_POINTS and p_value < SIGNIFICANCE,
    }
    # A blind set's misses are never written down with their text: read, it becomes a training set.
    report["misses"] = [
        {"gold": g, "predicted": p} | ({} if blind else {"text": t})
        for t, g, p in zip(texts, gold, ours)
        if g != p
    ]
    return report


# --- 2. story tests ------------------------------------------------------------------------------
def stories() -> dict:
    for stale in ("story_report.json", "failed_test_stories.yml"):
        (STORY_OUT / stale).unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "story_tests.py")], cwd=REPO, env=env())
    seconds = time.perf_counter() - started
    report_file = STORY_OUT / "story_report.json"
    result: dict = {"passed": proc.returncode == 0, "seconds": round(seconds, 1)}
    if report_file.exists():
        data = json.loads(report_file.read_text())
        conversations = data.get("conversation_accuracy", {})
        result.update(
            stories=conversations.get("total"),
            stories_correct=conversations.get("correct"),
            action_accuracy=data.get("accuracy"),
            actions=data.get("micro avg", {}).get("support"),
        )
    failed = STORY_OUT / "failed_test_stories.yml"
    if failed.exists():
        result["failed_stories"] = re.findall(r"^- story: (.*)$", failed.read_text(), re.M)
    return result


# --- 3. cross-validation -------------------------------------------------------------------------
def reduced_config(epochs: int) -> dict:
    """config.yml with the trainable classifiers capped at ``epochs`` (policies are not needed)."""
    config = yaml.safe_load((REPO / "config.yml").read_text())
    config.pop("policies", None)
    for component in config.get("pipeline", []):
        if "epochs" in component or component.get("name") in ("DIETClassifier", "ResponseSelector"):
            component["epochs"] = min(int(component.get("epochs", 300)), epochs)
    return config


_CV_LINE = re.compile(r"(train|test) (Accuracy|F1-score|Precision): ([0-9.]+) \(([0-9.]+)\)")


def parse_cv_log(log: str) -> dict:
    """Mean and spread over the folds, per section (intents, response selection)."""
    sections: dict[str, dict] = {}
    current = None
    for line in log.splitlines():
        if "Intent evaluation results" in line and "Accumulated" not in line:
            current = "intent"
        elif "Response Selection evaluation results" in line and "Accumulated" not in line:
            current = "response_selection"
        elif "Entity evaluation results" in line and "Accumulated" not in line:
            current = None
        match = _CV_LINE.search(line)
        if match and current:
            split, metric, mean, std = match.groups()
            sections.setdefault(current, {})[f"{split}_{metric.lower()}"] = {
                "mean": float(mean),
                "std": float(std),
            }
    return sections


def cross_validation(epochs: int, folds: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="smile-cv-") as tmp:
        config = Path(tmp) / "config.yml"
        config.write_text(yaml.safe_dump(reduced_config(epochs), sort_keys=False))
        if CV_OUT.exists():
            shutil.rmtree(CV_OUT)
        started = time.perf_counter()
        proc = subprocess.run(
            [
                RASA,
                "test",
                "nlu",
                "--cross-validation",
                "--folds",
                str(folds),
                "--config",
                str(config),
                "--nlu",
                "data/nlu",
                "--out",
                str(CV_OUT),
                "--no-plot",
            ],
            cwd=REPO,
            # a cache of its own: the folds must not fill (or read) the project's .rasa/cache;
            # INFO: the per-fold figures are read from the log
            env=env(RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache"), LOG_LEVEL="INFO"),
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
    log = proc.stdout + proc.stderr
    (RESULTS / "cv.log").write_text(log)
    if proc.returncode != 0:
        return {"ok": False, "seconds": round(seconds, 1), "error": log[-2000:]}
    result = {"ok": True, "seconds": round(seconds, 1), "folds": folds, "epochs": epochs}
    result.update(parse_cv_log(log))
    for name, file in (
        ("intent", "intent_report.json"),
        ("response_selection", "response_selection_report.json"),
    ):
        path = CV_OUT / file
        if path.exists():
            data = json.loads(path.read_text())
            result.setdefault(name, {})["pooled_macro_f1"] = round(data["macro avg"]["f1-score"], 4)
            result[name]["pooled_accuracy"] = round(data.get("accuracy", data["micro avg"]["f1-score"]), 4)
    return result


# --- 4. readability ------------------------------------------------------------------------------
def all_responses() -> dict[str, list[dict]]:
    from bot.responses import load_responses

    return dict(load_responses())


def readability() -> dict:
    import textstat

    from bot.readability import MIN_WORDS, TARGET_GRADE, average_grade, grade_responses

    graded = grade_responses(all_responses())
    gradable = [g for g in graded if g.words >= MIN_WORDS]
    # The same figure tests/unit/data/test_responses.py checks: raw text minus the Source line.
    raw = []
    for variants in all_responses().values():
        for variant in variants:
            body = "\n".join(
                line for line in variant.get("text", "").splitlines() if not line.startswith("Source:")
            )
            if len(body.split()) >= MIN_WORDS:
                raw.append(textstat.flesch_kincaid_grade(body))
    return {
        "texts": len(graded),
        "graded": len(gradable),
        "average_grade": round(average_grade(graded), 2),
        "average_grade_test_content_method": round(sum(raw) / len(raw), 2),
        "above_target": sum(g.grade > TARGET_GRADE for g in gradable),
        "target": TARGET_GRADE,
        "hardest": [{"response": g.label, "grade": g.grade, "words": g.words} for g in gradable[:HARDEST]],
    }


# --- report --------------------------------------------------------------------------------------
def pct(value: float) -> str:
    return f"{value * 100:.1f}%"


SET_NOTES = {
    "main": "written first; its misses were looked at while the training data grew",
    "fresh": "written later by someone who never saw the training data; only scores were looked at",
    "blind": "issue 12's blind set, written before the training data grew; only scores are looked at",
}


def held_out_markdown(h: dict) -> list[str]:
    sets = h["sets"]
    header = [""]
    rows: list[list[str]] = [
        ["intent accuracy"],
        ["macro F1"],
        ["FAQ answer accuracy"],
        ["response selector alone, FAQ questions"],
        ['"Did you mean...?" rate'],
        ["confident-wrong (a wrong answer shown without asking)"],
        ["wrong answers shown >= 0.9 confident"],
        ["noisy copy: accuracy (confident-wrong)"],
    ]
    for name, result in sets.items():
        a, b = result["assistant"], result["baseline"]
        header += [f"{name}: assistant", f"{name}: baseline"]
        rows[0] += [pct(a["accuracy"]), pct(b["accuracy"])]
        rows[1] += [f"{a['macro_f1']:.3f}", f"{b['macro_f1']:.3f}"]
        rows[2] += [pct(a["faq_answer_accuracy"]), pct(b["faq_answer_accuracy"])]
        rows[3] += [pct(a["selector_accuracy"]), "n/a"]
        rows[4] += [pct(a["fallback_rate"]), "n/a (always answers)"]
        rows[5] += [pct(a["confident_wrong_rate"]), pct(b["confident_wrong_rate"])]
        rows[6] += [str(a["confident_wrong_answers"]), "n/a"]
        rows[7] += [f"{pct(a['noisy_accuracy'])} ({pct(a['noisy_confident_wrong_rate'])})", "n/a"]
    lines = [
        "",
        "### Held-out test sets (never in training) against the baseline",
        "",
        "Assistant: the trained model with the rule layer. Baseline: TF-IDF over character 2-5-grams of "
        "the training examples, nearest example wins. A FAQ question counts as right only when the "
        'answer shown is the right topic (`faq/<topic>`); a "Did you mean...?" (`nlu_fallback`) counts '
        "as wrong.",
        "",
    ]
    for name, result in sets.items():
        note = SET_NOTES.get(name, "")
        lines.append(
            f"- `{name}`: {result['examples']} messages, {result['intents']} intents and FAQ topics "
            f"({result['assistant']['faq_examples']} FAQ questions){'; ' + note if note else ''}."
        )
    lines += ["", table(header, rows), ""]
    for name, result in sets.items():
        c = result["comparison"]
        verdict = "clearly better" if c["clearly_better"] else "NOT clearly better"
        lines.append(
            f"- `{name}`: the assistant is **{verdict}** than the baseline: {c['accuracy_points']:+.1f} "
            f"accuracy points, {c['macro_f1_points']:+.1f} macro-F1 points, "
            f"{abs(c['error_reduction']) * 100:.0f}% {'fewer' if c['error_reduction'] >= 0 else 'more'} "
            "errors; right where the baseline is wrong "
            f"{c['only_assistant_right']} times, the reverse "
            f"{c['only_baseline_right']} times (exact McNemar p = {c['mcnemar_p']:.2g})."
        )
    lines += [
        "",
        f'"Clearly" means at least {CLEAR_MARGIN_POINTS:.0f} accuracy points and p < {SIGNIFICANCE}. '
        "`make test` fails below these accuracy floors: "
        + ", ".join(f"`{name}` {floor:.0%}" for name, floor in ACCURACY_FLOORS.items())
        + ".",
        "",
        "Confusions that cost the most (assistant, every set but the blind one together):",
        "",
        table(
            ["expected", "predicted", "count"],
            [[x["gold"], x["predicted"], x["count"]] for x in h["top_confusions"][:8]],
        ),
    ]
    return lines


def markdown(report: dict) -> str:
    parts = [
        "## Understanding quality (`make eval`)",
        "",
        f"Machine: {machine_line(report['machine'])}. Load average at start: "
        f"{report['load_average_start']}. Model: `{Path(report['model']['path']).name}`, "
        f"{report['model']['size_mb']} MB, modified {report['model']['modified']}, "
        f"sha256 {report['model']['sha256']}. Run took {report['seconds']:.0f} s.",
    ]
    h = report.get("held_out")
    if h:
        parts += held_out_markdown(h)
    s = report.get("stories")
    if s:
        state = "all passed" if s["passed"] else "FAILED: " + ", ".join(s.get("failed_stories", []))
        parts += [
            "",
            "### Story tests",
            "",
            f"{s.get('stories_correct')}/{s.get('stories')} test stories right ({state}); "
            f"action accuracy {pct(s.get('action_accuracy') or 0)} over {s.get('actions')} "
            "predicted actions.",
        ]
    cv = report.get("cross_validation")
    if cv:
        if cv.get("ok"):
            rows = []
            for key, label in (
                ("intent", "intent (FAQ topics pooled as `faq`)"),
                ("response_selection", "FAQ topic (response selector)"),
            ):
                section = cv.get(key, {})
                acc, f1 = section.get("test_accuracy"), section.get("test_f1-score")
                rows.append(
                    [
                        label,
                        f"{acc['mean']:.3f} ± {acc['std']:.3f}" if acc else "n/a",
                        f"{f1['mean']:.3f} ± {f1['std']:.3f}" if f1 else "n/a",
                        f"{section.get('pooled_macro_f1', 'n/a')}",
                    ]
                )
            parts += [
                "",
                f"### {cv['folds']}-fold cross-validation on the training data",
                "",
                f"`rasa test nlu --cross-validation` with a copy of config.yml whose DIET and "
                f"ResponseSelector train {cv['epochs']} epochs instead of 100 (so it fits in a few minutes; "
                f"figures are a little below a full-epoch run). Took {cv['seconds']:.0f} s.",
                "",
                table(["", "test accuracy (mean ± sd over folds)", "weighted F1", "macro F1 (pooled)"], rows),
            ]
        else:
            parts += ["", "### Cross-validation", "", "FAILED; see results/cv.log."]
    r = report.get("readability")
    if r:
        parts += [
            "",
            "### Readability of the responses",
            "",
            f"{r['texts']} response texts (every variant in responses/), "
            f"{r['graded']} long enough to grade (>= 12 words). Flesch-Kincaid grade of what a patient "
            f"reads (Source line left out, each line or list item a sentence): **average "
            f"{r['average_grade']:.1f}** (target <= {r['target']:.0f}); {r['above_target']} above grade "
            f"{r['target']:.0f}. Graded as tests/unit/data/test_responses.py does (whole text, lists as "
            "one sentence): "
            f"{r['average_grade_test_content_method']:.1f}.",
            "",
            "The ten hardest:",
            "",
            table(
                ["response", "grade", "words"],
                [[f"`{x['response']}`", f"{x['grade']:.1f}", x["words"]] for x in r["hardest"]],
            ),
        ]
    return "\n".join(parts)


def main() -> int:
    use_repo_root()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-stories", action="store_true")
    parser.add_argument("--skip-cv", action="store_true")
    parser.add_argument("--cv-epochs", type=int, default=CV_EPOCHS)
    parser.add_argument("--folds", type=int, default=CV_FOLDS)
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a quality goal is missed")
    args = parser.parse_args()

    RESULTS.mkdir(exist_ok=True)
    started = time.perf_counter()
    report: dict = {
        "machine": machine(),
        "load_average_start": " / ".join(f"{x:.2f}" for x in load_average()),
        "model": model_facts(Path(MODEL)),
    }
    print("Held-out test set and baseline ...", flush=True)
    report["held_out"] = held_out()
    print("Readability ...", flush=True)
    report["readability"] = readability()
    if not args.skip_stories:
        print("Story tests ...", flush=True)
        report["stories"] = stories()
    if not args.skip_cv:
        print(f"{args.folds}-fold cross-validation ({args.cv_epochs} epochs) ...", flush=True)
        report["cross_validation"] = cross_validation(args.cv_epochs, args.folds)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["load_average_end"] = " / ".join(f"{x:.2f}" for x in load_average())

    RESULTS.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2))
    text = markdown(report)
    if not args.no_write:
        update_section("eval", text)
    print(text)

    failures = []
    for name, result in report["held_out"]["sets"].items():
        if not result["comparison"]["clearly_better"]:
            failures.append(f"on '{name}' the assistant is not clearly better than the baseline")
        if result["assistant"]["accuracy"] < ACCURACY_FLOORS[name]:
            failures.append(f"accuracy on '{name}' is below {ACCURACY_FLOORS[name]:.0%}")
    if report.get("stories") and not report["stories"]["passed"]:
        failures.append("story tests failed")
    if report.get("cross_validation") and not report["cross_validation"].get("ok"):
        failures.append("cross-validation failed")
    for failure in failures:
        print(f"NOTE: {failure}", file=sys.stderr)
    return 1 if failures and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
