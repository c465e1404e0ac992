"""Model settings by measurement (make ablation): train each variant, score it on every set.

Each variant is config.yml with a few settings changed, optionally trained on the training data
of an earlier commit. For each: training time (empty cache, as on a fresh clone), then every
held-out set and the blind set, clean and as the noisy copy: right answers, confident-wrong
(wrong without asking), "did you mean" rate; and the sequential NLU latency (p50/p95 of
parsing one message, the part of a turn that the settings change). Only scores are shown for the
blind set. Writes results/ablation.json and the "ablation" section of BENCHMARKS.md.

A full run trains every variant: about 10-15 minutes each on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import yaml
from _noise import noisy
from _report import load_average, machine, machine_line, table, update_section
from _services import DOMAIN, RASA, REPO, env, use_repo_root
from nlu_heldout import TEST_SETS, load_examples, resolved_intent, score

OUT = REPO / "results" / "ablation.json"
# Training data as it was before issue 12 (the same examples as before, only regrouped by topic).
DATA_BEFORE_ISSUE_12 = "7d74385"

Pipeline = list[dict[str, Any]]


def _set(component: str, **settings: Any) -> Callable[[Pipeline], None]:
    def change(pipeline: Pipeline) -> None:
        for step in pipeline:
            if step["name"] == component:
                step.update(settings)

    return change


def _both(*changes: Callable[[Pipeline], None]) -> Callable[[Pipeline], None]:
    def change(pipeline: Pipeline) -> None:
        for one in changes:
            one(pipeline)

    return change


# name -> (what it tests, change to the pipeline, commit whose training data to use or None)
VARIANTS: dict[str, tuple[str, Callable[[Pipeline], None], str | None]] = {
    "before": ("config.yml, training data before issue 12", lambda p: None, DATA_BEFORE_ISSUE_12),
    "current": ("config.yml as committed", lambda p: None, None),
    "fewer-epochs": (
        "DIET and ResponseSelector 50 epochs instead of 100",
        _both(_set("DIETClassifier", epochs=50), _set("ResponseSelector", epochs=50)),
        None,
    ),
    "wider-ngrams": (
        "character n-grams 1-5 instead of 2-4",
        lambda p: [s.update(min_ngram=1, max_ngram=5) for s in p if s.get("analyzer") == "char_wb"],
        None,
    ),
    "bigger-transformer": (
        "DIET with 2 transformer layers of 256 instead of 1 of 128",
        _set("DIETClassifier", number_of_transformer_layers=2, transformer_size=256),
        None,
    ),
}


def variant_config(change: Callable[[Pipeline], None]) -> dict:
    config = yaml.safe_load((REPO / "config.yml").read_text())
    change(config["pipeline"])
    return config


def train(
    name: str, change: Callable[[Pipeline], None], data_commit: str | None, tmp: Path
) -> tuple[Path, float]:
    config = tmp / f"{name}.yml"
    config.write_text(yaml.safe_dump(variant_config(change), sort_keys=False))
    data = REPO / "data"
    if data_commit:
        archive = subprocess.run(
            ["git", "archive", data_commit, "data"], cwd=REPO, capture_output=True, check=True
        ).stdout
        target = tmp / f"data-{data_commit}"
        target.mkdir()
        archive_path = tmp / f"{data_commit}.tar"
        archive_path.write_bytes(archive)
        with tarfile.open(archive_path) as tar:
            tar.extractall(target, filter="data")
        data = target / "data"
    started = time.perf_counter()
    subprocess.run(
        [
            RASA,
            "train",
            "--domain",
            str(DOMAIN),
            "--config",
            str(config),
            "--data",
            str(data),
            "--out",
            str(tmp),
            "--fixed-model-name",
            name,
            "--quiet",
        ],
        cwd=REPO,
        # an empty cache of its own: the time a fresh clone takes
        env=env(RASA_CACHE_DIRECTORY=str(tmp / f"cache-{name}")),
        check=True,
        capture_output=True,
    )
    return tmp / f"{name}.tar.gz", time.perf_counter() - started


async def parse_timed(model: Path, texts: list[str]) -> tuple[list[str], list[float]]:
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    labels, seconds = [], []
    for text in texts:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        seconds.append(time.perf_counter() - started)
        labels.append(resolved_intent(parsed))
    return labels, seconds


def measure(model: Path) -> dict:
    sets = {name: load_examples(path) for name, path in TEST_SETS.items()}
    texts = [t for examples in sets.values() for t, _ in examples]
    labels, seconds = asyncio.run(parse_timed(model, texts + [noisy(t) for t in texts]))
    result: dict = {"sets": {}}
    start = 0
    for name, examples in sets.items():
        gold = [g for _, g in examples]
        clean = labels[start : start + len(gold)]
        dirty = labels[len(texts) + start : len(texts) + start + len(gold)]
        start += len(gold)
        clean_score, noisy_score = score(gold, clean), score(gold, dirty)
        result["sets"][name] = {
            "accuracy": clean_score["accuracy"],
            "confident_wrong_rate": clean_score["confident_wrong_rate"],
            "fallback_rate": clean_score["fallback_rate"],
            "noisy_accuracy": noisy_score["accuracy"],
        }
    ms = sorted(s * 1000 for s in seconds)
    result["parse_ms_p50"] = round(statistics.median(ms), 1)
    result["parse_ms_p95"] = round(ms[int(0.95 * (len(ms) - 1))], 1)
    return result


def markdown(report: dict) -> str:
    header = ["variant", "what changes", "training", "parse p50 / p95 ms"]
    names = list(TEST_SETS)
    for name in names:
        header += [f"{name}: right / confident-wrong / did you mean", f"{name}: noisy copy"]
    rows = []
    for variant, r in report["variants"].items():
        row = [
            f"`{variant}`",
            r["description"],
            f"{r['train_seconds']:.0f} s",
            f"{r['parse_ms_p50']} / {r['parse_ms_p95']}",
        ]
        for name in names:
            s = r["sets"][name]
            row += [
                f"{s['accuracy']:.1%} / {s['confident_wrong_rate']:.1%} / {s['fallback_rate']:.1%}",
                f"{s['noisy_accuracy']:.1%}",
            ]
        rows.append(row)
    return "\n".join(
        [
            "## Model settings by measurement (`make ablation`)",
            "",
            f"Machine: {machine_line(report['machine'])}. "
            f"Load average at start: {report['load_average_start']}. "
            "Each variant trained with an empty cache; parse latency is one message at a time through "
            "the NLU pipeline (rule layer included). Blind set: scores only.",
            "",
            table(header, rows),
        ]
    )


def main() -> int:
    use_repo_root()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated names")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    args = parser.parse_args()
    chosen = [name.strip() for name in args.variants.split(",") if name.strip()]
    report: dict = {
        "machine": machine(),
        "load_average_start": " / ".join(f"{x:.2f}" for x in load_average()),
        "variants": {},
    }
    with tempfile.TemporaryDirectory(prefix="smile-ablation-") as tmp:
        for name in chosen:
            description, change, data_commit = VARIANTS[name]
            print(f"{name}: training ...", flush=True)
            model, seconds = train(name, change, data_commit, Path(tmp))
            print(f"{name}: trained in {seconds:.0f} s; measuring ...", flush=True)
            result = measure(model)
            result.update(description=description, train_seconds=round(seconds, 1))
            report["variants"][name] = result
            print(
                json.dumps({k: v for k, v in result.items() if k != "sets"}),
                json.dumps(result["sets"]),
                flush=True,
            )
            OUT.parent.mkdir(exist_ok=True)
            OUT.write_text(json.dumps(report, indent=2))
    text = markdown(report)
    if not args.no_write:
        update_section("ablation", text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
