"""Where a server's CPU time goes: py-spy samples sorted into the stages of a Rasa turn.

Used by `bench.py --profile`. py-spy is not in requirements.lock (a developer tool): install it
into the venv with `.venv/bin/pip install py-spy` to profile.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from _services import REPO

# (stage, markers): each sample goes to the stage of the frame nearest to the leaf that carries
# a marker (a substring of py-spy's "function (file)" frame), so time in shared libraries
# (json, sqlite, numpy) counts for whoever called them. Earlier stages win within one frame.
RASA_STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("tracker store: redaction (ours)", ("bot/redaction.py", "redact_event")),
    ("tracker store: SQL, JSON, rebuilding the tracker", ("tracker_store.py", "sqlalchemy/", "sqlite3/")),
    ("custom action calls: JSON, HTTP, result check", ("rasa/core/actions/", "jsonschema/", "aiohttp/")),
    ("NLU: spaCy", ("spacy/", "thinc/", "spacy_utils", "spacy_tokenizer")),
    ("NLU: count-vector featurizers", ("count_vectors_featurizer", "sklearn/")),
    (
        "NLU: DIET and response selector (TensorFlow)",
        ("diet_classifier", "response_selector", "tensorflow/", "keras/", "rasa/utils/tensorflow", "scipy/"),
    ),
    ("NLU: rule layer and text guard (ours)", ("components/nlu_guard.py", "bot/")),
    ("dialogue: policy prediction", ("rasa/core/policies/", "rasa/core/featurizers/")),
    ("Rasa graph runner (dask), NLU and policies", ("dask/", "rasa/engine/")),
    ("dialogue: tracker, events, domain", ("rasa/shared/", "rasa/core/processor.py", "rasa/core/lock")),
    (
        "HTTP server and channel",
        ("sanic/", "rasa/core/channels/", "components/channels/", "asyncio/", "uvloop"),
    ),
]
ACTION_STAGES: list[tuple[str, tuple[str, ...]]] = [
    (
        "geocoding (zipcodes, towns)",
        ("bot/geo.py", "bot/towns.py", "bot/zip_codes.py", "bot/distance.py", "zipcodes/", "rapidfuzz/"),
    ),
    ("locations database (SQLAlchemy)", ("bot/locations/", "sqlalchemy/", "sqlite3/")),
    ("location search, checklist, actions (ours)", ("bot/", "actions/")),
    ("rasa_sdk: request, tracker, forms", ("rasa_sdk/",)),
    ("HTTP server", ("sanic/", "components/action_server.py", "asyncio/", "uvloop")),
]


def py_spy() -> str | None:
    local = REPO / ".venv" / "bin" / "py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


@contextmanager
def recording(pid: int, output: Path, rate: int = 200) -> Iterator[None]:
    """Sample ``pid`` with py-spy (raw collapsed stacks to ``output``) until the block ends."""
    tool = py_spy()
    if tool is None:
        raise RuntimeError("py-spy is not installed: .venv/bin/pip install py-spy")
    output.parent.mkdir(parents=True, exist_ok=True)
    cmd = [tool, "record", "--pid", str(pid), "--rate", str(rate), "--format", "raw", "--nolineno",
           "--full-filenames", "--nonblocking", "--output", str(output)]  # fmt: skip
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def stage_shares(raw: Path, stages: list[tuple[str, tuple[str, ...]]]) -> dict[str, float]:
    """Share of samples per stage (0..1), largest first; unmatched samples go to "other"."""
    counts: Counter = Counter()
    for line in raw.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        counts[_stage(stack.split(";"), stages)] += int(number)
    total = sum(counts.values()) or 1
    return {name: round(n / total, 3) for name, n in counts.most_common()}


def _stage(frames: list[str], stages: list[tuple[str, tuple[str, ...]]]) -> str:
    for frame in reversed(frames):
        for name, marks in stages:
            if any(mark in frame for mark in marks):
                return name
    return "other"


def top_functions(raw: Path, limit: int = 15, prefix: str = "") -> list[tuple[str, float]]:
    """Functions by inclusive share of samples (each function counted once per sample)."""
    counts: Counter = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit():
            continue
        total += int(number)
        for frame in set(stack.split(";")):
            if prefix in frame:
                counts[frame] += int(number)
    return [(frame, round(n / max(1, total), 3)) for frame, n in counts.most_common(limit)]
