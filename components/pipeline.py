"""What the project's NLU components share: each is built from its config alone, keeps nothing in
model storage, and leaves button and widget payloads ("/intent{...}") to Rasa's own handler."""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class StatelessComponent(GraphComponent):
    """A graph component made from its config (defaults filled in), with nothing to persist."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    def __init__(self, config: Optional[Dict[str, Any]] = None) -> None:
        self.config = {**self.get_default_config(), **(config or {})}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StatelessComponent:
        return cls(config)


def is_payload(text: str) -> bool:
    """A "/intent{...}" message from a button or the widget: RegexMessageHandler owns it."""
    return text.startswith("/")
