#!/usr/bin/env bash
# Starts the action server, the demo web page and Rasa (or `rasa shell` with --shell).
# Called by `make run` / `make shell` after install and training. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
RASA=.venv/bin/rasa
HOST=${HOST:-127.0.0.1}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
WEB_PORT=${WEB_PORT:-8000}
MODEL=${MODEL:-models/current.tar.gz}
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONWARNINGS=ignore
# The browser page and Rasa run on different ports: allow exactly the demo page's origins.
export ALLOWED_ORIGINS=${ALLOWED_ORIGINS:-http://localhost:${WEB_PORT},http://127.0.0.1:${WEB_PORT}}
ENDPOINTS=endpoints.yml
if [ "$ACTION_PORT" != 5055 ]; then
  # endpoints.yml names port 5055; Rasa has no ${VAR:-default}, so write a copy for this port
  mkdir -p var
  sed "s#127.0.0.1:5055#127.0.0.1:${ACTION_PORT}#" endpoints.yml >var/endpoints.local.yml
  ENDPOINTS=var/endpoints.local.yml
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

mkdir -p var
$PY -m bot.locations prepare >/dev/null

$PY -m components.action_server --actions actions --port "$ACTION_PORT" >var/action-server.log 2>&1 &
pids+=($!)

if [ "${1:-}" = "--shell" ]; then
  echo "Starting rasa shell (actions on port $ACTION_PORT; logs in var/action-server.log)."
  $RASA shell --model "$MODEL" --endpoints "$ENDPOINTS" --quiet
  exit 0
fi

$PY -m bot.web --host "$HOST" --port "$WEB_PORT" --rasa-url "http://${HOST/0.0.0.0/localhost}:${RASA_PORT}" \
  >var/web.log 2>&1 &
pids+=($!)

echo "Starting Rasa (about 20-40 s)..."
$RASA run --model "$MODEL" --interface "$HOST" --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints "$ENDPOINTS" \
  --cors ${ALLOWED_ORIGINS//,/ } --quiet >var/rasa.log 2>&1 &
rasa_pid=$!
pids+=($rasa_pid)

for _ in $(seq 1 120); do
  if curl -fs "http://${HOST}:${RASA_PORT}/" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$rasa_pid" 2>/dev/null; then echo "Rasa failed to start: see var/rasa.log" >&2; exit 1; fi
  sleep 1
done

cat <<MSG

  The assistant is running.
    Demo page with the chat widget:  http://localhost:${WEB_PORT}/
    REST channel:  curl -s localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
    Logs:          var/rasa.log  var/action-server.log  var/web.log
  Press Ctrl-C to stop.

MSG
wait "$rasa_pid"
