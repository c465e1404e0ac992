"""Sending one answer in the form each channel shows best."""

from __future__ import annotations

from typing import Protocol

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

# The web widget talks over socket.io and renders structured cards; everything else gets text.
CARD_CHANNELS = {"socketio"}


class Answer(Protocol):
    def to_text(self) -> str: ...

    def to_payload(self) -> dict: ...


def send_answer(dispatcher: CollectingDispatcher, tracker: Tracker, answer: Answer) -> None:
    """Cards for the widget, text for rasa shell and REST clients."""
    if tracker.get_latest_input_channel() in CARD_CHANNELS:
        # Rasa's socket.io output emits the "data" key as the event payload.
        dispatcher.utter_message(json_message={"data": answer.to_payload()})
    else:
        dispatcher.utter_message(text=answer.to_text())
