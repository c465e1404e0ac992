#!/usr/bin/env bash
# Prints the path of a real Python 3.10 interpreter, or fails with a clear message.
# Rasa Open Source 3.6 supports Python >=3.8,<3.11; this project is tested on 3.10 only.
set -euo pipefail
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for v in "$(pyenv root)"/versions/3.10.*; do
    [ -x "$v/bin/python3.10" ] && candidates+=("$v/bin/python3.10")
  done
fi
candidates+=(/usr/bin/python3.10 /usr/local/bin/python3.10)
for py in "${candidates[@]}"; do
  # a pyenv shim may exist but refuse to run: check the interpreter really answers
  if [ -x "$py" ] && "$py" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    echo "$py"
    exit 0
  fi
done
echo "ERROR: Python 3.10 is required (Rasa 3.6 does not run on 3.11+) and none was found." >&2
echo "Install it (e.g. 'pyenv install 3.10.13' or 'apt install python3.10') or set PYTHON310=/path/to/python3.10." >&2
exit 1
