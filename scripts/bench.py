"""Speed and memory benchmark (make bench).

Starts its own action server and Rasa server (free ports on 127.0.0.1, a copy of the model, a
throw-away SQLite tracker store and locations database), waits for the first reply, warms up, then
plays realistic conversations over the REST channel: 1 client sequentially, then 10 and 50
concurrent clients, each a fixed number of conversations, no think time. Reports per-turn latency
(p50/p95/p99) for plain FAQ turns and for turns that run the location finder (custom actions),
throughput, errors, time to first reply, peak memory (RSS) of both servers, and finally the
training time (cold cache) and model size. Writes results/bench.json and the "bench" section of
BENCHMARKS.md.

Figures are only comparable on an otherwise idle machine: it first waits (up to --wait-idle
seconds) for the 1-minute load average to drop below --idle-load, and records it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import numpy as np
import yaml
from _report import load_average, machine, machine_line, model_facts, table, update_section
from _services import DOMAIN, MODEL, PY, RASA, REPO, env, free_port, running, use_repo_root

RESULTS = REPO / "results"
OUT = RESULTS / "bench.json"
LOGS = REPO / "var"

FAQ, ACTION, OTHER = "faq", "location finder", "other"
TARGETS = {
    "faq_p95_ms": 60.0,  # sequential
    "action_p95_ms": 100.0,  # sequential
    "errors_at_50": 0,
    "messages_per_second": 40.0,
}
SCENARIOS = (
    # (name, clients, conversations per client)
    ("sequential", 1, 40),
    ("10 clients", 10, 8),
    ("50 clients", 50, 2),
)
REQUEST_TIMEOUT_S = 30.0

# Questions as visitors type them (the story tests and the held-out style, not training lines).
FAQ_QUESTIONS = [
    "what is facial reanimation surgery",
    "what causes the paralysis in the first place",
    "what kinds of smile surgery are there",
    "is it one operation or more than one?",
    "how long between the two surgeries?",
    "i lost movement after a tumor was removed, which option is that",
    "how do they decide which approach to use",
    "why not just get a facelift",
    "will my smile look even afterwards",
    "how long until i see results",
    "who is a good candidate",
    "is anyone too old for it",
    "do you operate on kids? my son was born with moebius",
    "what do i need to get ready for the consult",
    "which specialists are on the team",
    "i cant close my eye all the way",
    "is there therapy after the operation",
    "how is duke ranked",
    "another doctor told us nothing can be done",
    "My daughter has had facial palsy since birth and her smile is lopsided. "
    "How many operations would she need?",
]
# Location finder: one turn with the place in it, or a question and then the place.
LOCATION_ONE_TURN = [
    "find a doctor near 27705",
    "is there a clinic in raleigh?",
    "we live in durham nc, where can we be seen",
    "closest location to 27609 please",
]
LOCATION_ASK = ["where's the closest clinic?", "find me a location", "where can i be seen"]
LOCATION_PLACE = ["27705", "my zip is 27514", "Raleigh", "27609"]
OPENERS = ["hi", "hello there", "hey"]
CLOSERS = ["thanks!", "thank you, bye", "ok thanks"]
try:  # the channel's "something went wrong" reply: a failure the visitor sees, not an answer
    from bot.inbound import apology

    APOLOGY = apology()  # the benchmark speaks English
except ImportError:
    APOLOGY = None
# What a right reply contains, per kind of turn.
EXPECTED = {
    FAQ: ("Source: Duke Health page",),
    ACTION: ("Map:", "ZIP code or town"),
}


@dataclass(frozen=True)
class Turn:
    text: str
    kind: str


def conversation(rng: random.Random) -> list[Turn]:
    """A visitor: greets, asks a few questions, looks for a location, asks once more, says thanks."""
    turns = [Turn(rng.choice(OPENERS), OTHER)]
    turns += [Turn(q, FAQ) for q in rng.sample(FAQ_QUESTIONS, 2)]
    if rng.random() < 0.5:
        turns.append(Turn(rng.choice(LOCATION_ONE_TURN), ACTION))
    else:
        turns += [Turn(rng.choice(LOCATION_ASK), ACTION), Turn(rng.choice(LOCATION_PLACE), ACTION)]
    turns.append(Turn(rng.choice(FAQ_QUESTIONS), FAQ))
    turns.append(Turn(rng.choice(CLOSERS), OTHER))
    return turns


@dataclass
class Result:
    kind: str
    ms: float
    error: str | None
    expected: bool


async def send(session: aiohttp.ClientSession, url: str, sender: str, turn: Turn) -> Result:
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": turn.text}) as response:
            body = await response.text()
            ms = (time.perf_counter() - started) * 1000
            if response.status != 200:
                return Result(turn.kind, ms, f"HTTP {response.status}", False)
            replies = json.loads(body)
    except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError) as error:
        return Result(turn.kind, (time.perf_counter() - started) * 1000, error.__class__.__name__, False)
    if not replies:
        return Result(turn.kind, ms, "empty reply", False)
    text = "\n".join(str(r.get("text", "")) for r in replies)
    if APOLOGY and APOLOGY in text:
        return Result(turn.kind, ms, "apology (handling failed or timed out)", False)
    expected = any(mark in text for mark in EXPECTED.get(turn.kind, ("",)))
    return Result(turn.kind, ms, None, expected)


async def client(session: aiohttp.ClientSession, url: str, tag: str, conversations: int, seed: int) -> list:
    rng = random.Random(seed)
    results = []
    for number in range(conversations):
        sender = f"bench-{tag}-{number}-{uuid.uuid4().hex[:8]}"
        for turn in conversation(rng):
            results.append(await send(session, url, sender, turn))
    return results


async def run_scenario(url: str, name: str, clients: int, conversations: int, seed: int) -> dict:
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        batches = await asyncio.gather(
            *(client(session, url, f"{name[:3]}{c}", conversations, seed + c) for c in range(clients))
        )
        wall = time.perf_counter() - started
    results = [r for batch in batches for r in batch]
    return summarise(name, clients, results, wall)


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None, "max": None}
    p50, p95, p99 = (float(x) for x in np.percentile(values, [50, 95, 99]))
    return {"p50": round(p50, 1), "p95": round(p95, 1), "p99": round(p99, 1), "max": round(max(values), 1)}


def summarise(name: str, clients: int, results: list[Result], wall: float) -> dict:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for r in results:
        if r.error is None:
            by_kind[r.kind].append(r.ms)
    errors: dict[str, int] = defaultdict(int)
    for r in results:
        if r.error:
            errors[r.error] += 1
    return {
        "scenario": name,
        "clients": clients,
        "messages": len(results),
        "seconds": round(wall, 2),
        "messages_per_second": round(len(results) / wall, 1),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "unexpected_replies": sum(1 for r in results if r.error is None and not r.expected),
        "latency_ms": {
            kind: {"n": len(by_kind[kind]), **percentiles(by_kind[kind])} for kind in (FAQ, ACTION, OTHER)
        },
        "all_ms": percentiles([ms for values in by_kind.values() for ms in values]),
    }


# --- memory ------------------------------------------------------------------------------------
def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children[int(fields[1])].append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _busy_seconds() -> float:
    """CPU time the whole machine has spent busy since boot (all cores, /proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _process_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class CpuWatch:
    """CPU used during a block by our processes and by everything else on the machine."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids

    def _sample(self) -> tuple[float, dict[str, float]]:
        used = {label: sum(_process_seconds(p) for p in _tree(pid)) for label, pid in self.pids.items()}
        # this process alone: the servers are its children
        used["load generator"] = _process_seconds(os.getpid())
        return _busy_seconds(), used

    def __enter__(self) -> CpuWatch:
        self._wall = time.perf_counter()
        self._start = self._sample()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self._wall
        busy, ours = self._sample()
        used = {label: ours[label] - self._start[1][label] for label in ours}
        others = max(0.0, busy - self._start[0] - sum(used.values()))
        # in "cores": 1.0 means one core busy all the time
        self.cores = {label: round(seconds / wall, 2) for label, seconds in used.items()}
        self.cores["other processes"] = round(others / wall, 2)


class MemoryWatch:
    """Samples the resident memory of process trees; peak per label, plus the kernel's high-water mark."""

    def __init__(self, pids: dict[str, int], interval: float = 0.2) -> None:
        self.pids = pids
        self.interval = interval
        self.peak_mb: dict[str, float] = defaultdict(float)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def now_mb(self, label: str) -> float:
        return sum(_status_kb(p, "VmRSS") for p in _tree(self.pids[label])) / 1024

    def high_water_mb(self, label: str) -> float:
        return sum(_status_kb(p, "VmHWM") for p in _tree(self.pids[label])) / 1024

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            for label in self.pids:
                self.peak_mb[label] = max(self.peak_mb[label], self.now_mb(label))

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --- servers -----------------------------------------------------------------------------------
def wait_for_idle(max_wait: float, threshold: float) -> float:
    deadline = time.monotonic() + max_wait
    while True:
        current = load_average()[0]
        if current < threshold or time.monotonic() >= deadline:
            return current
        print(f"  load average {current:.2f} >= {threshold}; waiting ...", flush=True)
        time.sleep(min(15.0, max(0.0, deadline - time.monotonic())))


async def first_reply(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as session:
        while time.monotonic() < deadline:
            result = await send(session, url, f"bench-first-{uuid.uuid4().hex[:8]}", Turn("hello", OTHER))
            if result.error is None:
                return
            await asyncio.sleep(0.1)
    raise TimeoutError("no reply from the Rasa server")


def measure_training(workdir: Path) -> dict:
    """A full `rasa train` with an empty cache, as on a fresh clone."""
    out = workdir / "train"
    started = time.perf_counter()
    proc = subprocess.run(
        [RASA, "train", "--domain", str(DOMAIN), "--out", str(out), "--fixed-model-name", "bench", "--quiet"],
        cwd=REPO,
        env=env(RASA_CACHE_DIRECTORY=str(workdir / "train-cache")),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    model = out / "bench.tar.gz"
    if proc.returncode != 0 or not model.exists():
        return {"ok": False, "seconds": round(seconds, 1), "error": (proc.stdout + proc.stderr)[-2000:]}
    return {"ok": True, "seconds": round(seconds, 1), "model_mb": round(model.stat().st_size / 1e6, 1)}


def run_bench(args: argparse.Namespace, workdir: Path) -> dict:
    model = workdir / "model.tar.gz"
    shutil.copy(MODEL, model)
    var_dir = workdir / "var"
    var_dir.mkdir()
    action_port, rasa_port = free_port(), free_port()
    # The project's endpoints (tracker store, lock store), but our own action server.
    endpoints = workdir / "endpoints.yml"
    config = yaml.safe_load((REPO / "endpoints.yml").read_text())
    config["action_endpoint"] = {"url": f"http://127.0.0.1:{action_port}/webhook"}
    endpoints.write_text(yaml.safe_dump(config))
    server_env = {
        "SMILEBOT_VAR_DIR": str(var_dir),
        "TRACKER_STORE_URL": f"sqlite:///{var_dir / 'tracker.db'}",
        "DATABASE_URL": f"sqlite:///{var_dir / 'locations.db'}",
        "LOCK_STORE_URL": "",  # one server: locks in memory
    }
    report: dict = {"ports": {"rasa": rasa_port, "actions": action_port}}
    action_cmd = [PY, "-m", "components.action_server", "--actions", "actions", "--port", str(action_port)]
    rasa_cmd = [
        RASA,
        "run",
        "--model",
        str(model),
        "--interface",
        "127.0.0.1",
        "--port",
        str(rasa_port),
        "--credentials",
        "credentials.yml",
        "--endpoints",
        str(endpoints),
    ]
    url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    with running(
        action_cmd, f"http://127.0.0.1:{action_port}/health", 60, LOGS / "bench-actions.log", **server_env
    ) as actions:
        started = time.perf_counter()
        with running(
            rasa_cmd, f"http://127.0.0.1:{rasa_port}/", 300, LOGS / "bench-rasa.log", **server_env
        ) as rasa:
            report["server_up_s"] = round(time.perf_counter() - started, 1)
            asyncio.run(first_reply(url, 60))
            report["first_reply_s"] = round(time.perf_counter() - started, 1)
            watch = MemoryWatch({"rasa": rasa.pid, "actions": actions.pid})
            report["idle_rss_mb"] = {label: round(watch.now_mb(label)) for label in watch.pids}
            print(f"  first reply after {report['first_reply_s']} s; warming up ...", flush=True)
            asyncio.run(run_scenario(url, "warm-up", 2, 3, seed=999))
            report["scenarios"] = []
            with watch, CpuWatch({"rasa": rasa.pid, "actions": actions.pid}) as cpu:
                for name, clients, conversations in SCENARIOS:
                    result = asyncio.run(run_scenario(url, name, clients, conversations, seed=len(name)))
                    report["scenarios"].append(result)
                    print(
                        f"  {name}: {result['messages']} messages, {result['messages_per_second']} msg/s, "
                        f"p95 FAQ {result['latency_ms'][FAQ]['p95']} ms, "
                        f"p95 location {result['latency_ms'][ACTION]['p95']} ms, errors {result['errors']}",
                        flush=True,
                    )
            report["cpu_cores_used"] = cpu.cores
            if args.profile:
                report["profile"] = profile(url, rasa.pid, actions.pid)
            report["peak_rss_mb"] = {
                label: round(max(watch.peak_mb[label], watch.high_water_mb(label))) for label in watch.pids
            }
            report["rasa_processes"] = len(_tree(rasa.pid))
    return report


def profile(url: str, rasa_pid: int, actions_pid: int) -> dict:
    """Sequential conversations under py-spy (after the measured runs, so it distorts nothing)."""
    from _profile import ACTION_STAGES, RASA_STAGES, recording, stage_shares, top_functions

    rasa_raw, actions_raw = RESULTS / "profile-rasa.txt", RESULTS / "profile-actions.txt"
    print("  profiling 10 clients x 3 conversations with py-spy ...", flush=True)
    with recording(rasa_pid, rasa_raw), recording(actions_pid, actions_raw):
        result = asyncio.run(run_scenario(url, "profiled", 10, 3, seed=7))
    return {
        "messages_per_second": result["messages_per_second"],
        "rasa_stages": stage_shares(rasa_raw, RASA_STAGES),
        "action_stages": stage_shares(actions_raw, ACTION_STAGES),
        "rasa_top": top_functions(rasa_raw, 25),
        "actions_top": top_functions(actions_raw, 15),
        "raw_files": [str(rasa_raw.relative_to(REPO)), str(actions_raw.relative_to(REPO))],
    }


# --- report ------------------------------------------------------------------------------------
def check_targets(report: dict) -> dict[str, dict]:
    scenarios = {s["scenario"]: s for s in report["scenarios"]}
    sequential, heaviest = scenarios["sequential"], scenarios["50 clients"]
    best = max(report["scenarios"], key=lambda s: s["messages_per_second"])
    return {
        "FAQ turns p95, sequential": {
            "target": f"< {TARGETS['faq_p95_ms']:.0f} ms",
            "measured": f"{sequential['latency_ms'][FAQ]['p95']} ms",
            "met": sequential["latency_ms"][FAQ]["p95"] < TARGETS["faq_p95_ms"],
        },
        "location-finder turns p95, sequential": {
            "target": f"< {TARGETS['action_p95_ms']:.0f} ms",
            "measured": f"{sequential['latency_ms'][ACTION]['p95']} ms",
            "met": sequential["latency_ms"][ACTION]["p95"] < TARGETS["action_p95_ms"],
        },
        "errors at 50 concurrent clients": {
            "target": "0",
            "measured": str(heaviest["errors"]),
            "met": heaviest["errors"] == TARGETS["errors_at_50"],
        },
        "throughput": {
            "target": f">= {TARGETS['messages_per_second']:.0f} msg/s",
            "measured": f"{heaviest['messages_per_second']} msg/s at 50 clients"
            + (
                f" ({best['messages_per_second']} msg/s with {best['scenario']})"
                if best is not heaviest
                else ""
            ),
            "met": heaviest["messages_per_second"] >= TARGETS["messages_per_second"],
        },
    }


def markdown(report: dict) -> str:
    def cell(stats: dict) -> str:
        if not stats.get("n"):
            return "n/a"
        return f"{stats['p50']:.0f} / {stats['p95']:.0f} / {stats['p99']:.0f}"

    rows = []
    for s in report["scenarios"]:
        lat = s["latency_ms"]
        rows.append(
            [
                s["scenario"],
                s["messages"],
                cell(lat[FAQ]),
                cell(lat[ACTION]),
                cell(lat[OTHER]),
                f"{s['messages_per_second']:.1f}",
                s["errors"],
                s["unexpected_replies"],
            ]
        )
    targets = report["targets"]
    parts = [
        "## Speed and memory (`make bench`)",
        "",
        f"Machine: {machine_line(report['machine'])}. Load average (1/5/15 min) when the measurement "
        f"started: {report['load_average_start']}; at the end: {report['load_average_end']}. "
        f"Model: {report['model']['size_mb']} MB, modified {report['model']['modified']}, "
        f"sha256 {report['model']['sha256']}.",
        "",
        "One Rasa process (REST channel, the project's redacting SQL tracker store on a throw-away "
        "SQLite file) and one action server, both started by the benchmark on free ports "
        f"(Rasa {report['ports']['rasa']}, actions {report['ports']['actions']}; a temporary "
        "endpoints file points Rasa at that action server). Each client plays whole conversations "
        "(greeting, two FAQ questions, the location finder in one turn or as question + ZIP/town, one "
        "more question, thanks) with no think time; every conversation has its own sender id. "
        "Latency is per turn, request sent to full reply received.",
        "",
        table(
            [
                "scenario",
                "messages",
                "FAQ p50 / p95 / p99 ms",
                "location finder p50 / p95 / p99 ms",
                "other turns p50 / p95 / p99 ms",
                "msg/s",
                "errors",
                "unexpected replies",
            ],
            rows,
        ),
        "",
        table(
            ["target", "goal", "measured", "met"],
            [
                [name, t["target"], t["measured"], "yes" if t["met"] else "**no**"]
                for name, t in targets.items()
            ],
        ),
        "",
        "- CPU in use while the three scenarios ran (cores; 2 available): "
        + ", ".join(f"{label} {cores:.2f}" for label, cores in report["cpu_cores_used"].items())
        + '. Anything under "other processes" competed with the benchmark.',
        f"- Time to first reply after start: {report['first_reply_s']} s (server listening after "
        f"{report['server_up_s']} s; the model loads before the port opens).",
        f"- Memory (RSS): Rasa server {report['idle_rss_mb']['rasa']} MB after start, peak "
        f"{report['peak_rss_mb']['rasa']} MB; action server {report['idle_rss_mb']['actions']} MB after "
        f"start, peak {report['peak_rss_mb']['actions']} MB.",
    ]
    training = report.get("training")
    if training:
        if training["ok"]:
            parts.append(
                f"- Training (`rasa train`, empty cache, as on a fresh clone): {training['seconds']:.0f} s; "
                f"model file {training['model_mb']} MB."
            )
        else:
            parts.append("- Training: FAILED (see results/bench.json).")
    parts.append(
        '- "Unexpected replies": no transport error, but not the kind of reply the turn asked for '
        "(a FAQ turn without a `Source:` line, a location turn without a map link or the ZIP question), "
        "i.e. an understanding miss, not a speed problem."
    )
    profiled = report.get("profile")
    if profiled:
        parts += [
            "",
            f"Where the CPU time goes (py-spy, 10 clients x 3 conversations, "
            f"{profiled['messages_per_second']} msg/s while sampled):",
            "",
            table(
                ["Rasa server stage", "share of samples"],
                [[name, f"{share * 100:.0f}%"] for name, share in profiled["rasa_stages"].items()],
            ),
            "",
            f"The action server used {report['cpu_cores_used']['actions']:.2f} of a core; its samples "
            f"are in `{profiled['raw_files'][1]}`.",
        ]
    return "\n".join(parts)


def main() -> int:
    use_repo_root()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--wait-idle", type=float, default=120, help="max seconds to wait for an idle machine"
    )
    parser.add_argument("--idle-load", type=float, default=0.7, help="1-minute load average counted as idle")
    parser.add_argument("--skip-training", action="store_true", help="do not time a training run")
    parser.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    parser.add_argument("--profile", action="store_true", help="afterwards, profile with py-spy")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.profile:
        from _profile import py_spy

        if py_spy() is None:
            parser.error("--profile needs py-spy: .venv/bin/pip install py-spy (not in the lock)")

    report: dict = {"machine": machine(), "model": model_facts(Path(MODEL))}
    print(f"Waiting up to {args.wait_idle:.0f} s for load average < {args.idle_load} ...", flush=True)
    wait_for_idle(args.wait_idle, args.idle_load)
    report["load_average_start"] = " / ".join(f"{x:.2f}" for x in load_average())
    with tempfile.TemporaryDirectory(prefix="smile-bench-") as tmp:
        workdir = Path(tmp)
        report.update(run_bench(args, workdir))
        report["load_average_end"] = " / ".join(f"{x:.2f}" for x in load_average())
        if not args.skip_training:
            print("Timing a training run (empty cache) ...", flush=True)
            report["training"] = measure_training(workdir)
    report["targets"] = check_targets(report)

    RESULTS.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2))
    text = markdown(report)
    if not args.no_write:
        update_section("bench", text)
    print(text)
    missed = [name for name, t in report["targets"].items() if not t["met"]]
    for name in missed:
        print(f"NOTE: target missed: {name}", file=sys.stderr)
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
