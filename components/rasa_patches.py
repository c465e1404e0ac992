"""Every change this project makes to Rasa's own behaviour, in one place.

Rasa 3.6 has no setting for these, so they replace a module constant or a method of Rasa at run
time. One function per patch, each saying which upstream behaviour it changes and why, and each
refusing to run on any Rasa but the one it was read against (RASA_VERSION): after an upgrade,
read the upstream code named in the patch again, then change RASA_VERSION.

Where they are applied: ``apply()`` is called from one place,
``components.channels.server.prepare_server``, which runs when Rasa attaches this project's
channels (credentials.yml) to its Sanic app. Every Rasa server of this project goes through it, and
it is where the channel settings (ACTION_TIMEOUT_SECONDS) are known. Not on import: importing the
channels (tests, scripts) leaves Rasa as it is. Both channels attach, so ``apply()`` runs twice per
server and is idempotent.

Not patches, so not here: Sanic's error format (public app config) and the socket.io POST check (a
request middleware), both in components/channels/.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Dict

import rasa
import rasa.core.actions.action
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"


def _require_rasa_version(patch: str) -> None:
    if rasa.__version__ != RASA_VERSION:
        raise RuntimeError(
            f"components/rasa_patches.py: {patch}() was written for Rasa {RASA_VERSION}, but Rasa "
            f"{rasa.__version__} is installed. Check the upstream code named in its docstring, "
            "then update RASA_VERSION (or remove the patch if Rasa now does it)."
        )


# --- the action-call timeout -----------------------------------------------------------------------


def limit_action_call_time(seconds: float) -> None:
    """Make calls to the action server time out after ``seconds`` instead of Rasa's 5 minutes.

    Upstream: ``RemoteAction.run`` (rasa/core/actions/action.py) passes the module constant
    ``DEFAULT_REQUEST_TIMEOUT`` (300 s) as the request timeout, and there is no setting for it
    (RasaHQ/rasa#9789). Changed: the constant, read at each call, is set to ``seconds``
    (ACTION_TIMEOUT_SECONDS). Why: a slow action server must not hold a turn and its conversation's
    lock for minutes; the channels' reply timeout apologizes to the visitor meanwhile.
    """
    _require_rasa_version("limit_action_call_time")
    if rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT != seconds:
        rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = seconds  # type: ignore[assignment]
        logger.info("Custom action calls time out after %.1f s.", seconds)


# --- action server replies checked with a prebuilt validator ---------------------------------------

_HINT = (
    ". Failed to validate Action server response from API, make sure your response from the "
    f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
)


@lru_cache(maxsize=1)
def _validator() -> Validator:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)  # once, not per call
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    # The error jsonschema.validate would raise: the best match among all errors.
    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += _HINT
        raise error
    return True


def validate_action_results_with_compiled_schema() -> None:
    """Check action server replies against Rasa's schema with a validator built once.

    Upstream: ``RemoteAction._validate_action_result`` calls ``jsonschema.validate(result,
    schema)``, which first checks Rasa's large, constant events schema against the JSON-Schema
    meta-schema, on every call: about 19 ms of CPU per custom action call for 1 ms of real
    validation (BENCHMARKS.md). Changed: the method is replaced by one that reuses a validator
    built (and its schema checked) once. Same schema, same error (the best-matching
    ValidationError, with Rasa's hint appended).
    """
    _require_rasa_version("validate_action_results_with_compiled_schema")
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]


# --- all of them ------------------------------------------------------------------------------------


def apply(action_timeout_seconds: float) -> None:
    """Apply every patch above; calling it again with the same argument changes nothing."""
    limit_action_call_time(action_timeout_seconds)
    validate_action_results_with_compiled_schema()
