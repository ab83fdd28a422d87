#!/usr/bin/env bash
# Installs Chromium from Debian's packages when it is missing, for the headless browser test
# of the run report (test/report/report-browser.test.ts). Idempotent and quiet when Chromium
# is already there. Exits 0 even when it cannot install (no root, no apt, no network): the
# test then skips with a message saying so.
set -uo pipefail
CHROMIUM="${FAULTLINE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-chromium: apt-get not found; the report's browser test will be skipped" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "setup-chromium: not root and no passwordless sudo; the report's browser test will be skipped" >&2
    exit 0
  fi
fi
echo "setup-chromium: installing chromium from Debian's packages" >&2
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium; } >&2; then
  echo "setup-chromium: apt-get could not install chromium; the report's browser test will be skipped" >&2
fi
exit 0
