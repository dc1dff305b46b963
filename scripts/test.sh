#!/usr/bin/env bash
# Set up everything the test suite needs on a Debian/Ubuntu machine, then run it.
# Usage: bash scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  tesseract-ocr tesseract-ocr-chi-sim poppler-utils
  fonts-noto-cjk fonts-wqy-zenhei
  libgl1 libglib2.0-0
  dbus dbus-x11 xvfb dunst libnotify-bin
  chromium
  systemd
  python3-venv desktop-file-utils shellcheck
  postgresql
  libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui
  unar libarchive-tools
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

.venv/bin/ruff check .
exec .venv/bin/python -m pytest -n 2 "$@"
