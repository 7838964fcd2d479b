#!/usr/bin/env bash
# The environment the JupyterHub end-to-end test runs a real hub from (root only).
#
# A hub starts each student's server as that student's Unix user, so the users' Python
# must be one they can run: Debian's /usr/bin/python3, in a folder everyone can read
# (the machine's default Python lives in root's 0700 home). It holds jupyterhub, the
# idle culler and infoview's dependencies, pinned by constraints.txt, and
# configurable-http-proxy from npm. infoview itself is installed by the test, as a
# wheel, so the test users never read the checkout.
#
# Usage: scripts/ensure-hub-test-env.sh HUB_ENV   (rebuilt only when the pins change)
set -euo pipefail
cd "$(dirname "$0")/.."
hub_env=${1:?usage: ensure-hub-test-env.sh HUB_ENV}
python=/usr/bin/python3

if [ "$(id -u)" -ne 0 ]; then
    echo "The JupyterHub test creates Unix users, so it runs as root: run 'make test' as root." >&2
    exit 1
fi
stamp=$(cat constraints.txt pyproject.toml scripts/ensure-hub-test-env.sh | sha256sum | cut -d' ' -f1)
if [ -f "$hub_env/.ready" ] && [ "$(cat "$hub_env/.ready")" = "$stamp" ]; then
    exit 0
fi
echo "Building the JupyterHub test environment in $hub_env (once; about a minute)..."
bash scripts/ensure-venv-support.sh "$python"
if ! command -v npm >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
rm -rf "$hub_env"
mkdir -p "$hub_env"
"$python" -m venv "$hub_env/venv"
"$hub_env/venv/bin/python" -m pip install --quiet --upgrade pip
# infoview's dependencies and the hub's, as pinned; infoview itself comes later. Debian's
# Python is 3.11.2 and the pinned soupsieve needs 3.11.5, so pip picks soupsieve for it.
grep -v '^soupsieve==' constraints.txt > "$hub_env/constraints.txt"
"$hub_env/venv/bin/python" -m pip install --quiet -c "$hub_env/constraints.txt" '.[hub]'
"$hub_env/venv/bin/python" -m pip uninstall --quiet --yes infoview
# configurable-http-proxy 5 needs Node.js 20; Debian 12's own Node.js is 18.
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -ge 20 ]; then chp=configurable-http-proxy@5.3.0; else chp=configurable-http-proxy@4.6.3; fi
npm install --silent --no-audit --no-fund --prefix "$hub_env/chp" "$chp" >/dev/null
chmod -R a+rX "$hub_env"
echo "$stamp" > "$hub_env/.ready"
