#!/usr/bin/env bash
# Installs Go (Debian's golang-go) for the Go example node's test, when it is missing.
# Called by .ci/run; safe to run again. Without root or apt-get it says so and exits 0:
# the Go test then skips with a message instead of failing.
set -uo pipefail
if command -v go >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-go: go is not installed and this is not a root Debian machine; the Go example test will skip" >&2
  exit 0
fi
echo "setup-go: installing golang-go" >&2
apt-get update -qq && apt-get install -y -qq golang-go >/dev/null || {
  echo "setup-go: installing golang-go failed; the Go example test will skip" >&2
}
exit 0
