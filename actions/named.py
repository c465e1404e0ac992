"""A custom action's name, the one in domain.yml, given once as the class attribute ``NAME``."""

from __future__ import annotations


class Named:
    """Mixed in before rasa_sdk's ``Action`` or ``FormValidationAction``: ``name()`` is ``NAME``."""

    NAME: str

    def name(self) -> str:
        return self.NAME
