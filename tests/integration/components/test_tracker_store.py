"""The tracker store on a real PostgreSQL (TEST_POSTGRES_URL), in a schema of the test's own."""

from __future__ import annotations

import pytest

from tests.support.trackers import check_redacted_store


def test_postgres_store_redacts_and_forgets(
    postgres_url: str, postgres_schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTGRESQL_SCHEMA", postgres_schema)
    check_redacted_store(f"{postgres_url}?options=-csearch_path%3D{postgres_schema}")
