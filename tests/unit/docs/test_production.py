"""docs/production.md covers every setting and command an operator needs."""

from __future__ import annotations

import pytest

from tests.support.content import REPO

DOCS = REPO / "docs" / "production.md"


@pytest.mark.parametrize(
    "setting",
    [
        "TRACKER_STORE_URL",
        "LOCK_STORE_URL",
        "LOCK_STORE_KEY_PREFIX",
        "ACTION_ENDPOINT_URL",
        "DATABASE_URL",
        "ALLOWED_ORIGINS",
        "RASA_AUTH_TOKEN",
        "RASA_JWT_SECRET",
        "ACTION_TIMEOUT_SECONDS",
        "REPLY_TIMEOUT_SECONDS",
        "TICKET_LOCK_LIFETIME",
        "RATE_LIMIT_PER_MINUTE",
        "RATE_LIMIT_BURST",
        "MAX_MESSAGE_CHARS",
        "SANIC_HOST",
        "python -m bot.locations prepare",
        "python -m components.action_server",
        "endpoints.production.yml",
        "/webhooks/rest/health",
        "limit_req",
        "--auth-token",
    ],
)
def test_operator_docs_cover(setting: str) -> None:
    assert setting in DOCS.read_text()
