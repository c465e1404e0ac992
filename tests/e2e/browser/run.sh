#!/usr/bin/env bash
# Browser tests for the chat widget: installs what they need, then runs them with Node's own
# test runner. Usage: bash tests/e2e/browser/run.sh [extra node --test arguments]
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/socket.io-client ]; then
  npm ci --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ]; then
  # Debian's Chromium: playwright-core drives it; no browser is downloaded from elsewhere.
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "tests/e2e/browser/run.sh: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

exec node --test --test-concurrency=1 "$@" tests/e2e/browser/
