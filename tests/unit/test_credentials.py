"""credentials.yml: the channels Rasa creates from it."""

from __future__ import annotations

from tests.support.content import REPO


def test_channels_keep_rasas_names_and_the_widgets_socketio_settings() -> None:
    from rasa.core.run import create_http_input_channels

    from components.channels import GuardedRestInput, GuardedSocketIOInput

    channels = create_http_input_channels(None, str(REPO / "credentials.yml"))
    by_type = {type(channel): channel for channel in channels}
    assert set(by_type) == {GuardedRestInput, GuardedSocketIOInput}
    assert by_type[GuardedRestInput].name() == "rest"
    socket = by_type[GuardedSocketIOInput]
    assert socket.name() == "socketio"
    assert (socket.user_message_evt, socket.bot_message_evt) == ("user_uttered", "bot_uttered")
    assert socket.session_persistence is True
    assert socket.socketio_path == "/socket.io"
