"""The Makefile: `make test` runs what CI needs, and each kind of test has its own target."""

from __future__ import annotations

import re

import pytest

from tests.support.content import REPO

MAKEFILE = (REPO / "Makefile").read_text()
KINDS = {"test-unit": "tests/unit", "test-integration": "tests/integration", "test-e2e": "tests/e2e"}


def prerequisites(target: str) -> list[str]:
    """The prerequisites of ``target``, continuation lines included."""
    match = re.search(rf"^{re.escape(target)}:((?:.*\\\n)*.*)$", MAKEFILE, re.M)
    assert match, f"no target {target}"
    return match.group(1).replace("\\\n", " ").split()


def recipe(target: str) -> str:
    match = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", MAKEFILE, re.M)
    assert match, f"no recipe for {target}"
    return match.group(1)


def test_make_test_runs_the_scale_test() -> None:
    test_line = prerequisites("test")
    assert "test-scale" in test_line
    assert test_line.index("train") < test_line.index("test-unit")


def test_make_test_runs_every_kind() -> None:
    test_line = prerequisites("test")
    for target in [*KINDS, "test-stories", "test-nlu", "test-safety", "test-browser", "test-scale"]:
        assert target in test_line, target


@pytest.mark.parametrize(("target", "folder"), sorted(KINDS.items()))
def test_each_kind_has_a_target_for_its_folder(target: str, folder: str) -> None:
    assert folder in recipe(target)
    assert ("train" in prerequisites(target)) == (target == "test-e2e")


def test_no_test_module_is_loose_in_tests() -> None:
    loose = sorted(p.name for p in (REPO / "tests").glob("test_*.py"))
    assert loose == [], "put each test module under tests/unit, tests/integration or tests/e2e"
