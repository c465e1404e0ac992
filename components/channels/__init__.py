"""Rasa's REST and socket.io channels with the guards a public chat needs.

Used from credentials.yml as ``components.channels.GuardedRestInput`` and
``components.channels.GuardedSocketIOInput``. The names stay "rest" and "socketio", so the URLs
(/webhooks/rest/webhook, /socket.io) and the input channel the actions see do not change. Both

- check the payload (a JSON object, a string message, JSON metadata): 400 with a JSON body on REST,
  a short bot message on socket.io; never a stack trace,
- cut messages longer than MAX_MESSAGE_CHARS and say so before answering,
- limit each sender (token bucket, RATE_LIMIT_PER_MINUTE / RATE_LIMIT_BURST) with a friendly
  "slow down" reply (REST: status 429 with that reply as the body),
- never leave the visitor in silence: if handling the message fails, produces no reply, or takes
  longer than REPLY_TIMEOUT_SECONDS, the visitor gets an apology with the phone number and the
  error is logged.

One module per concern:

- rest.py: the REST channel; socketio.py: the socket.io channel (browser connections only from
  ALLOWED_ORIGINS),
- turn_guard.py: the rate limit and the apology, shared by both,
- health.py: GET /webhooks/rest/health, a readiness check for load balancers,
- server.py: what attaching a channel does to the whole server: Sanic answers errors in JSON, the
  server refuses to start with the HTTP API open (--enable-api without --auth-token or
  --jwt-secret), and the Rasa patches are applied (components/rasa_patches.py: the action-call
  timeout, action server replies checked with a prebuilt validator).
"""

from components.channels.rest import GuardedRestInput
from components.channels.socketio import GuardedSocketIOInput

__all__ = ["GuardedRestInput", "GuardedSocketIOInput"]
