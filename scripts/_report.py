"""Shared by evaluate.py and bench.py: machine facts and the generated sections of BENCHMARKS.md."""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
import time
from pathlib import Path

from _services import REPO

BENCHMARKS = REPO / "BENCHMARKS.md"
SKELETON = """# Benchmarks

Figures come from `make eval` (understanding quality) and `make bench` (speed and memory); each
command rewrites only its own section between the markers below. Notes outside the markers are
written by hand.

<!-- BEGIN eval -->
(run `make eval`)
<!-- END eval -->

<!-- BEGIN bench -->
(run `make bench`)
<!-- END bench -->
"""


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return "unknown"


def _os_name() -> str:
    try:
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)', Path("/etc/os-release").read_text(), re.M)
        if match:
            return match.group(1)
    except OSError:
        pass
    return platform.platform()


def git_revision() -> str:
    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + (
        " + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )


def model_facts(model: Path) -> dict[str, object]:
    """Size, modification time and a short content hash of a model file."""
    digest = hashlib.sha256()
    with open(model, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    stat = model.stat()
    return {
        "path": str(model),
        "size_mb": round(stat.st_size / 1e6, 1),
        "modified": time.strftime("%Y-%m-%d %H:%M", time.localtime(stat.st_mtime)),
        "sha256": digest.hexdigest()[:12],
    }


def machine() -> dict[str, object]:
    import rasa

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory": _memory_gb(),
        "os": _os_name(),
        "python": platform.python_version(),
        "rasa": rasa.__version__,
        "git": git_revision(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def machine_line(info: dict[str, object]) -> str:
    return (
        f"{info['date']}, {info['cpu']} ({info['cores']} cores), {info['memory']} RAM, {info['os']}, "
        f"Python {info['python']}, Rasa {info['rasa']}, commit {info['git']}"
    )


def update_section(name: str, markdown: str) -> None:
    """Replace the text between ``<!-- BEGIN name -->`` and ``<!-- END name -->`` in BENCHMARKS.md."""
    document = BENCHMARKS.read_text() if BENCHMARKS.exists() else SKELETON
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    if begin in document and end in document:
        head, rest = document.split(begin, 1)
        document = head + block + rest.split(end, 1)[1]
    else:
        document = document.rstrip() + "\n\n" + block + "\n"
    BENCHMARKS.write_text(document)


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
