"""End-to-end tests: the trained model (`make train`) and live servers from the one harness,
scripts/_services.py. Without a model they skip and say why."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts._services import MODEL, Stack, model_problem, start_stack


@pytest.fixture(scope="session")
def trained_model() -> str:
    """The model every live server loads (MODEL, default models/current.tar.gz)."""
    problem = model_problem()
    if problem:
        pytest.skip(problem)
    return MODEL


@pytest.fixture(scope="session")
def live_stack(trained_model: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Shared by the channel and fuzz tests: a Rasa server started as in production and its action
    server, with a SQLite tracker store and in-memory locks."""
    with start_stack(tmp_path_factory.mktemp("live-stack")) as stack:
        yield stack
