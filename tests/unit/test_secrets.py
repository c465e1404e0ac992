"""No secret is committed: every password, token and key comes from the environment."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.support.content import REPO


def _project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    suffixes = {".py", ".yml", ".yaml", ".md", ".sh", ".toml", ".ini", ".cfg", ".json", ".mjs", ".js", ""}
    return [REPO / name for name in listed if (REPO / name).is_file() and Path(name).suffix in suffixes]


LITERAL_SECRET = [
    re.compile(r"--(?:auth-token|jwt-secret)[ =]+(?![\"']?\$)[\"']?[A-Za-z0-9_\-]{6,}"),
    re.compile(r"(?:postgres(?:ql)?|redis|rediss|mysql)(?:\+\w+)?://[^:/\s@'\"]*:(?![$<*{])[^@\s'\"]+@"),
]


YAML_SECRET = re.compile(r"^\s*(?:password|secret|token|jwt_key|auth_token)\s*:\s*(?![\"']?\$\{)\S+", re.M)


def test_no_secret_is_committed() -> None:
    found = []
    for path in _project_files():
        # Test files use throw-away credentials for servers they start themselves.
        if path.name == "package-lock.json" or path.name.startswith("test_"):
            continue
        text = path.read_text(errors="ignore")
        patterns = LITERAL_SECRET + ([YAML_SECRET] if path.suffix in {".yml", ".yaml"} else [])
        for pattern in patterns:
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(REPO)}: {match.group(0).strip()[:60]}")
    assert not found, "secrets must come from the environment:\n" + "\n".join(found)


def test_every_script_that_enables_the_api_sets_a_token() -> None:
    for path in _project_files():
        # tests/e2e/test_channels.py starts one without a token on purpose, to see it refused.
        if path.suffix not in {".sh", ".py", ".mjs", ""} or path.name.startswith("test_"):
            continue
        text = path.read_text(errors="ignore")
        if "--enable-api" in text:
            assert "--auth-token" in text or "--jwt-secret" in text, path
