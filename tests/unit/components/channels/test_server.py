"""Preparing the Sanic server for the guarded channels (components/channels/server.py): the admin
API check, and the Rasa patches applied when the server starts."""

from __future__ import annotations

import pytest
from rasa.core.actions.action import RemoteAction

RASA_VALIDATE = RemoteAction._validate_action_result


@pytest.mark.parametrize(
    ("token", "jwt", "is_open"), [(None, None, True), ("t", None, False), (None, "s", False)]
)
def test_open_admin_api_is_detected(token: str | None, jwt: str | None, is_open: bool) -> None:
    from rasa import server
    from sanic import Sanic

    from components.channels.server import admin_api_is_open

    Sanic.test_mode = True
    try:
        app = server.create_app(auth_token=token, jwt_secret=jwt, cors_origins=None)
        assert admin_api_is_open(app) is is_open
    finally:
        Sanic._app_registry.clear()


def test_the_channels_turn_it_on_when_the_server_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    import rasa.core.actions.action
    from sanic import Sanic

    from bot.inbound import ChannelSettings
    from components.channels.server import prepare_server

    monkeypatch.setattr(RemoteAction, "_validate_action_result", RASA_VALIDATE)
    # prepare_server also sets the action call timeout: restore it afterwards
    timeout = rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT
    monkeypatch.setattr(rasa.core.actions.action, "DEFAULT_REQUEST_TIMEOUT", timeout)
    prepare_server(Sanic(f"test_{uuid.uuid4().hex[:8]}"), ChannelSettings.from_env())
    assert RemoteAction._validate_action_result is not RASA_VALIDATE
