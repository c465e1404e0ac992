"""make test-scale: two Rasa servers and two action servers sharing PostgreSQL and Redis.

Phase 1  50 conversations at once; each turn goes to the other server than the turn before, so
         forms, slots and the emergency flag must carry across servers.
Phase 2  10 conversations send two messages at the same moment, one to each server: the shared
         Redis lock must serialise them. Then 10 socket.io (widget) visitors reconnect to the other
         server at every turn and must continue their forms there.
Phase 3  50 more conversations; server A is killed (SIGKILL) after a third of their turns. The
         client fails over like a load balancer: a refused connection goes to the other server; a
         request lost in flight is sent again unless the tracker API shows that it arrived.

Then every conversation's events are read from PostgreSQL: each message exactly once, in the order
sent, followed by exactly the bot messages the client received, nothing duplicated.

Exits 0 with the reason when PostgreSQL or Redis cannot be reached (the test is skipped).
Logs: var/scale/. Takes about 1.5 minutes on 2 cores.
"""

from __future__ import annotations

import asyncio
import json
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import socketio
import sqlalchemy as sa
from _services import (
    MODEL,
    PY,
    REPO,
    TEST_POSTGRES_URL,
    TEST_REDIS_URL,
    action_server_command,
    delete_redis_keys,
    env,
    free_port,
    postgres_problem,
    production_rasa_command,
    redis_problem,
    scratch_postgres_database,
    start_process,
    stop_process,
    use_repo_root,
    wait_http,
)

LOGS = REPO / "var" / "scale"
CONVERSATIONS = 50
DOUBLE_SENDS = 10
WIDGETS = 10
KILL_AFTER_SHARE = 1 / 3
# A dead server's conversation lock is given up after this long (see docs/production.md).
LOCK_LIFETIME_SECONDS = 10
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=60)
THINK_SECONDS = (1.0, 3.0)
# This test checks that no turn is lost across servers, not latency: a slow reply on a busy CI
# machine must not turn into the apology (tests/e2e/test_faults.py checks the apology itself).
REPLY_TIMEOUT_SECONDS = 30

# (message, text the reply must contain). Each script crosses servers at every turn.
# (message, a word the reply must contain). Each script crosses servers at every turn; the
# words are facts or echoes (a ZIP, an address, the visitor's own answer) rather than phrasing.
SCRIPTS: dict[str, list[tuple[str, str]]] = {
    "faq": [
        ("/greet", "assistant"),
        ("what causes facial paralysis?", "paralysis"),
        ("how many surgeries will I need?", "stage"),
        ("thank you", "welcome"),
        ("bye", "919-684-4114"),
    ],
    "location form": [
        ("where is the closest clinic?", "zip"),
        ("how long does recovery take?", "year"),
        ("Durham", "durham, nc"),
        ("find a clinic near me", "zip"),
        ("27705", "27705"),
        ("what is the phone number?", "919-684-4114"),
    ],
    "checklist form": [
        ("help me get ready for my consultation", "skip"),
        ("for my child", "child"),
        ("she was born with it", "child"),
        ("skip", "surgery"),
        ("physical therapy last year", "test"),
        ("no tests yet", "she was born with it"),
    ],
    "emergency in a form": [
        ("find a doctor near me", "zip"),
        ("my face suddenly started drooping an hour ago", "911"),
        ("27705", "911"),
        ("what is the phone number?", "919-684-4114"),
    ],
}
DOUBLE_SEND = [
    ("how many surgeries will I need?", "stage"),
    ("what causes facial paralysis?", "paralysis"),
]


@dataclass
class Turn:
    text: str
    expect: str
    message_id: str
    server: str = ""
    replies: list = field(default_factory=list)
    outcome: str = "pending"  # answered, apology, stored_before_crash, failed
    seconds: float = 0.0
    refused: int = 0  # connection refused by a dead server, sent to the other one
    lost_in_flight: bool = False


@dataclass
class Conversation:
    sender: str
    script: str
    turns: list[Turn]

    @property
    def affected_by_crash(self) -> bool:
        return any(t.lost_in_flight or t.outcome == "apology" for t in self.turns)


def is_apology(turn: Turn) -> bool:
    from bot.inbound import apology

    return apology() in reply_text(turn)  # the scale test speaks English


def reply_text(turn: Turn) -> str:
    # Cards (socket.io) have no text: their JSON stands in.
    return "\n\n".join(m.get("text") or json.dumps(m) for m in turn.replies if isinstance(m, dict))


class Client:
    """Sends turns to the servers, failing over like a load balancer."""

    def __init__(self, session: aiohttp.ClientSession, servers: dict[str, str], token: str) -> None:
        self.session = session
        self.servers = servers
        self.token = token
        self.done = 0

    def other(self, name: str) -> str:
        return next(n for n in self.servers if n != name)

    async def send(self, conversation: Conversation, turn: Turn, server: str) -> None:
        started = time.monotonic()
        try:
            await self._send(conversation, turn, server)
        finally:
            turn.seconds = time.monotonic() - started
            self.done += 1

    async def _send(self, conversation: Conversation, turn: Turn, server: str) -> None:
        payload = {"sender": conversation.sender, "message": turn.text, "message_id": turn.message_id}
        for attempt in range(4):
            target = server if attempt % 2 == 0 else self.other(server)
            try:
                async with self.session.post(
                    f"{self.servers[target]}/webhooks/rest/webhook", json=payload
                ) as response:
                    body = await response.json()
                    if response.status != 200:
                        raise RuntimeError(f"HTTP {response.status}: {body}")
            except aiohttp.ClientConnectorError:
                turn.refused += 1  # nothing was sent: try the other server
                continue
            except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError, asyncio.TimeoutError):
                turn.lost_in_flight = True
                if await self._stored(self.other(target), conversation.sender, turn.message_id):
                    turn.server, turn.outcome = target, "stored_before_crash"
                    return
                continue
            turn.server, turn.replies = target, body
            turn.outcome = "apology" if is_apology(turn) else "answered"
            return
        turn.outcome = "failed"

    async def _stored(self, server: str, sender: str, message_id: str) -> bool:
        url = f"{self.servers[server]}/conversations/{sender}/tracker"
        params = {"token": self.token, "include_events": "ALL"}
        async with self.session.get(url, params=params) as response:
            tracker = await response.json()
        return any(e.get("message_id") == message_id for e in tracker.get("events", []))


def make_conversations(run: str, phase: str, count: int) -> list[Conversation]:
    names = list(SCRIPTS)
    conversations = []
    for index in range(count):
        name = names[index % len(names)]
        sender = f"{run}-{phase}-{index:02d}"
        turns = [
            Turn(text, expect, f"{sender}-t{number}") for number, (text, expect) in enumerate(SCRIPTS[name])
        ]
        conversations.append(Conversation(sender, name, turns))
    return conversations


async def run_alternating(client: Client, conversations: list[Conversation], seed: int) -> None:
    names = list(client.servers)
    pauses = random.Random(seed)

    async def converse(index: int, conversation: Conversation) -> None:
        for number, turn in enumerate(conversation.turns):
            # People read and type between messages; without a pause this would be a flood test.
            await asyncio.sleep(pauses.uniform(*THINK_SECONDS))
            await client.send(conversation, turn, names[(index + number) % 2])

    await asyncio.gather(*(converse(i, c) for i, c in enumerate(conversations)))


async def run_double_sends(client: Client, run: str) -> list[Conversation]:
    conversations = []
    for index in range(DOUBLE_SENDS):
        sender = f"{run}-double-{index:02d}"
        turns = [Turn("/greet", "assistant", f"{sender}-t0")]
        turns += [Turn(text, expect, f"{sender}-t{n + 1}") for n, (text, expect) in enumerate(DOUBLE_SEND)]
        conversations.append(Conversation(sender, "double send", turns))

    async def double(conversation: Conversation) -> None:
        first, *pair = conversation.turns
        await client.send(conversation, first, "A")
        await asyncio.gather(*(client.send(conversation, t, s) for t, s in zip(pair, "AB")))

    await asyncio.gather(*(double(c) for c in conversations))
    return conversations


WIDGET_SCRIPTS: dict[str, list[tuple[str, str]]] = {
    "widget location form": [
        ("where is the closest clinic?", "zip"),
        ("Durham", "location_results"),
        ("what is the phone number?", "919-684-4114"),
    ],
    "widget checklist form": [
        ("help me get ready for my consultation", "skip"),
        ("for me", "caused"),
        ("stop", "919-684-4114"),
    ],
}


async def widget_turn(url: str, session_id: str, turn: Turn, quiet: float = 0.7) -> None:
    """One turn as the web widget sends it: connect, session_request, user_uttered, collect."""
    client = socketio.AsyncClient(reconnection=False)
    confirmed = asyncio.Event()
    client.on("bot_uttered", turn.replies.append)
    client.on("session_confirm", lambda _: confirmed.set())
    started = time.monotonic()
    await client.connect(url, transports=["websocket"], wait_timeout=10)
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 10)
        payload = {"message": turn.text, "session_id": session_id, "message_id": turn.message_id}
        await client.emit("user_uttered", payload)
        deadline = time.monotonic() + 30
        while not turn.replies and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        seen = -1
        while seen != len(turn.replies):
            seen = len(turn.replies)
            await asyncio.sleep(quiet)
    finally:
        await client.disconnect()
    turn.seconds = time.monotonic() - started
    turn.outcome = "apology" if is_apology(turn) else ("answered" if turn.replies else "failed")


async def run_widgets(servers: dict[str, str], run: str) -> list[Conversation]:
    """Widget visitors whose every turn reconnects to the other server (as after a failover)."""
    conversations = []
    names = list(WIDGET_SCRIPTS)
    for index in range(WIDGETS):
        name = names[index % len(names)]
        sender = f"{run}-widget-{index:02d}"
        turns = [Turn(t, e, f"{sender}-t{n}") for n, (t, e) in enumerate(WIDGET_SCRIPTS[name])]
        conversations.append(Conversation(sender, name, turns))

    async def converse(index: int, conversation: Conversation) -> None:
        for number, turn in enumerate(conversation.turns):
            turn.server = "AB"[(index + number) % 2]
            await widget_turn(servers[turn.server], conversation.sender, turn)

    await asyncio.gather(*(converse(i, c) for i, c in enumerate(conversations)))
    return conversations


def check_replies(conversations: list[Conversation], relaxed: bool = False) -> list[str]:
    """Problems with the replies the client got; ``relaxed`` accepts the apology (and a reply
    lost in the crash) in conversations that had a turn on the killed server."""
    problems = []
    for conversation in conversations:
        lenient = relaxed and conversation.affected_by_crash
        for turn in conversation.turns:
            if turn.outcome == "answered":
                if turn.expect not in reply_text(turn).lower():
                    problems.append(
                        f"{conversation.sender} ({conversation.script}) {turn.text!r} on {turn.server}: "
                        f"expected {turn.expect!r}, got {reply_text(turn)[:160]!r}"
                    )
            elif not (lenient and turn.outcome in ("apology", "stored_before_crash")):
                problems.append(
                    f"{conversation.sender} {turn.text!r}: {turn.outcome} ({reply_text(turn)[:100]!r})"
                )
    return problems


def load_events(db_url: str) -> dict[str, list[dict]]:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT sender_id, data FROM events ORDER BY id")).fetchall()
    finally:
        engine.dispose()
    events: dict[str, list[dict]] = {}
    for sender, data in rows:
        events.setdefault(sender, []).append(json.loads(data))
    return events


def _pieces(texts: list[str]) -> list[str]:
    return [p.strip() for t in texts for p in (t or "").strip().split("\n\n") if p.strip()]


def check_events(conversations: list[Conversation], events: dict[str, list[dict]]) -> list[str]:
    """Each message once and in order, each followed by its bot messages, no duplicates."""
    problems = []
    for conversation in conversations:
        stored = events.get(conversation.sender, [])
        name = conversation.sender
        user_ids = [e.get("message_id") for e in stored if e.get("event") == "user"]
        sent = [t.message_id for t in conversation.turns]
        if conversation.script == "double send":
            in_order = user_ids[:1] == sent[:1] and sorted(user_ids[1:]) == sorted(sent[1:])
        else:
            in_order = user_ids == sent
        if not in_order:
            problems.append(f"{name}: stored messages {user_ids} != sent {sent}")
            continue
        keys = [
            (e.get("event"), e.get("timestamp"), e.get("name"), e.get("text"), e.get("value")) for e in stored
        ]
        if len(set(map(json.dumps, keys))) != len(keys):
            problems.append(f"{name}: duplicated events")
        stamps = [e.get("timestamp") or 0 for e in stored]
        if stamps != sorted(stamps):
            problems.append(f"{name}: events out of order")
        by_id = {t.message_id: t for t in conversation.turns}
        starts = [i for i, e in enumerate(stored) if e.get("event") == "user"]
        for start, end in zip(starts, starts[1:] + [len(stored)]):
            segment = stored[start:end]
            turn = by_id[segment[0].get("message_id")]
            bots = [e.get("text") for e in segment if e.get("event") == "bot"]
            if not bots or segment[-1].get("name") != "action_listen":
                problems.append(f"{name} {turn.text!r}: incomplete turn in the events")
            elif turn.outcome == "answered":
                received = [m.get("text") for m in turn.replies if m.get("text")]
                if _pieces(bots) != _pieces(received):
                    problems.append(f"{name} {turn.text!r}: stored bot messages differ from those received")
    return problems


def latency_summary(conversations: list[Conversation]) -> str:
    seconds = sorted(t.seconds for c in conversations for t in c.turns if t.outcome == "answered")
    if not seconds:
        return "no answered turns"
    p95 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.95))]
    return f"median {statistics.median(seconds) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        stop_process(process)


async def exercise(
    servers: dict[str, str], token: str, rasa_a: subprocess.Popen, db_url: str, run: str
) -> bool:
    ok = True
    # A new connection per request, as a load balancer sees it: a dead server refuses it.
    connector = aiohttp.TCPConnector(force_close=True, limit=0)
    async with aiohttp.ClientSession(timeout=REQUEST_TIMEOUT, connector=connector) as session:
        client = Client(session, servers, token)

        started = time.monotonic()
        phase1 = make_conversations(run, "p1", CONVERSATIONS)
        await run_alternating(client, phase1, seed=1)
        turns = [t for c in phase1 for t in c.turns]
        problems = check_replies(phase1)
        per_server = Counter(t.server for t in turns)
        print(
            f"phase 1: {len(phase1)} conversations, {len(turns)} turns alternating between servers "
            f"(A {per_server['A']}, B {per_server['B']}) in {time.monotonic() - started:.1f} s; "
            f"{len(problems)} wrong or missing replies; {latency_summary(phase1)}"
        )
        ok &= _report(problems)

        started = time.monotonic()
        doubles = await run_double_sends(client, run)
        problems = check_replies(doubles)
        print(
            f"phase 2: {len(doubles)} conversations sent 2 messages at once to both servers in "
            f"{time.monotonic() - started:.1f} s; {len(problems)} wrong or missing replies"
        )
        ok &= _report(problems)

        started = time.monotonic()
        widgets = await run_widgets(servers, run)
        problems = check_replies(widgets)
        print(
            f"phase 2b: {len(widgets)} socket.io (widget) conversations, each turn on the other "
            f"server, in {time.monotonic() - started:.1f} s; {len(problems)} wrong or missing replies"
        )
        ok &= _report(problems)

        phase3 = make_conversations(run, "p3", CONVERSATIONS)
        total = sum(len(c.turns) for c in phase3)
        kill_at = int(total * KILL_AFTER_SHARE)
        killed: dict[str, float] = {}
        client.done = 0
        started = time.monotonic()

        async def kill_server_a() -> None:
            while client.done < kill_at:
                await asyncio.sleep(0.005)
            rasa_a.kill()
            killed["at"] = time.monotonic() - started

        await asyncio.gather(run_alternating(client, phase3, seed=3), kill_server_a())
        turns = [t for c in phase3 for t in c.turns]
        problems = check_replies(phase3, relaxed=True)
        in_flight = [t for t in turns if t.lost_in_flight]
        stored_before = sum(t.outcome == "stored_before_crash" for t in turns)
        refused = sum(t.refused > 0 for t in turns)
        apologies = sum(t.outcome == "apology" for t in turns)
        failed_over = [t for t in turns if t.refused or t.lost_in_flight]
        longest = max((t.seconds for t in in_flight), default=0.0)
        print(
            f"phase 3: {len(phase3)} conversations, {len(turns)} turns; server A killed (SIGKILL) "
            f"after {kill_at} turns ({killed['at']:.1f} s in); all turns done in "
            f"{time.monotonic() - started:.1f} s. Failover: {refused} turns refused by A went to B; "
            f"{len(in_flight)} requests were lost in flight with A ({stored_before} had been stored, "
            f"the others were answered by B once A's lock expired, longest wait {longest:.1f} s); "
            f"answered after failover: {dict(Counter(t.server for t in failed_over))}; "
            f"{apologies} apologies; {len(problems)} wrong or missing replies; {latency_summary(phase3)}"
        )
        ok &= _report(problems)
        if rasa_a.poll() is None:
            print("FAILED: server A was not killed")
            ok = False

    everything = phase1 + doubles + widgets + phase3
    events = load_events(db_url)
    problems = check_events(everything, events)
    count = sum(len(events.get(c.sender, [])) for c in everything)
    print(
        f"events: {len(everything)} conversations checked in PostgreSQL ({count} events): "
        f"{len(problems)} problems (lost, duplicated, out of order or incomplete turns)"
    )
    return _report(problems) and ok


def _report(problems: list[str]) -> bool:
    for problem in problems[:15]:
        print("  -", problem)
    if len(problems) > 15:
        print(f"  ... and {len(problems) - 15} more")
    return not problems


def main() -> int:
    use_repo_root()
    for name, problem in (
        ("PostgreSQL", postgres_problem(TEST_POSTGRES_URL)),
        ("Redis", redis_problem(TEST_REDIS_URL)),
    ):
        if problem:
            print(
                f"test-scale SKIPPED: {name} is not reachable ({problem}). It needs PostgreSQL at "
                f"{TEST_POSTGRES_URL} and Redis at {TEST_REDIS_URL} (TEST_POSTGRES_URL, TEST_REDIS_URL)."
            )
            return 0
    began = time.monotonic()
    run = f"scale{secrets.token_hex(4)}"
    token = secrets.token_hex(24)  # hex: a token starting with "-" would read as an option
    scratch = Path(tempfile.mkdtemp(prefix="smilebot-scale-"))
    model = str(shutil.copy(MODEL, scratch / "model.tar.gz"))  # the lead may retrain meanwhile
    processes: list[subprocess.Popen] = []
    try:
        with scratch_postgres_database(TEST_POSTGRES_URL) as db_url:
            # Deploy step: our own tables (locations) are migrated and seeded before any server starts.
            subprocess.run(
                [PY, "-m", "bot.locations", "prepare"], cwd=REPO, env=env(DATABASE_URL=db_url), check=True
            )
            ports = {name: (free_port(), free_port()) for name in "AB"}
            for name, (_, action_port) in ports.items():
                processes.append(
                    start_process(
                        action_server_command(action_port),
                        LOGS / f"actions-{name}.log",
                        SANIC_HOST="127.0.0.1",
                        DATABASE_URL=db_url,
                    )
                )
            rasa: dict[str, subprocess.Popen] = {}
            for name, (rasa_port, action_port) in ports.items():
                rasa[name] = start_process(
                    production_rasa_command(rasa_port, model, ("--enable-api", "--auth-token", token)),
                    LOGS / f"rasa-{name}.log",
                    ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
                    TRACKER_STORE_URL=db_url,
                    LOCK_STORE_URL=TEST_REDIS_URL,
                    LOCK_STORE_KEY_PREFIX=run,
                    TICKET_LOCK_LIFETIME=str(LOCK_LIFETIME_SECONDS),
                    REPLY_TIMEOUT_SECONDS=str(REPLY_TIMEOUT_SECONDS),
                )
                processes.append(rasa[name])
            for name, (rasa_port, action_port) in ports.items():
                wait_http(f"http://127.0.0.1:{action_port}/health", 60)
                wait_http(f"http://127.0.0.1:{rasa_port}/", 180, rasa[name])
            servers = {name: f"http://127.0.0.1:{rasa_port}" for name, (rasa_port, _) in ports.items()}
            print(
                f"test-scale: 2 Rasa servers (endpoints.production.yml) and 2 action servers up in "
                f"{time.monotonic() - began:.0f} s; PostgreSQL database {db_url.rsplit('/', 1)[-1]}, "
                f"Redis lock keys '{run}:lock:*'"
            )
            ok = asyncio.run(exercise(servers, token, rasa["A"], db_url, run))
            stop(processes)
    finally:
        stop(processes)
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            delete_redis_keys(f"{run}:")
        except Exception as error:
            print(f"(could not delete the Redis keys {run}:*: {error})")
    verdict = "passed" if ok else "FAILED"
    print(f"test-scale {verdict} in {time.monotonic() - began:.0f} s (logs in {LOGS.relative_to(REPO)}/)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
