#!/usr/bin/env bash
# Installs schemathesis $SCHEMATHESIS_VERSION (PyPI) into a venv at .local/tools/schemathesis,
# for scripts/api-fuzz.sh. Skips the install when that version is already there.
# Needs python3 with venv/ensurepip (Debian: the python3-venv package, installed here if missing).
set -euo pipefail

SCHEMATHESIS_VERSION=${SCHEMATHESIS_VERSION:-4.32.5}
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.local/tools/schemathesis"

if [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" = "schemathesis, version $SCHEMATHESIS_VERSION" ]; then
  exit 0
fi

command -v python3 >/dev/null || "$root/scripts/install-packages.sh" python3
if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  "$root/scripts/install-packages.sh" python3-venv
fi

echo "Installing schemathesis $SCHEMATHESIS_VERSION into $venv (a minute, once)" >&2
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
"$venv/bin/schemathesis" --version
