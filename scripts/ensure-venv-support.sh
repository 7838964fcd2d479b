#!/usr/bin/env bash
# Make sure Python can create a virtual environment. Debian ships `venv` and
# `ensurepip` in a separate package (python3-venv); install it when we are root.
set -euo pipefail
python=${1:-python3}

if ! command -v "$python" >/dev/null 2>&1; then
    echo "infoview needs Python 3.11 or newer: install it (apt-get install python3) and retry." >&2
    exit 1
fi
"$python" - <<'PY' || { echo "infoview needs Python 3.11 or newer; found $("$python" --version 2>&1)." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY
if "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's python3-venv so that .venv can be created..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
else
    echo "Python cannot create virtual environments here. As root, run: apt-get install python3-venv" >&2
    exit 1
fi
