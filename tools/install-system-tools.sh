#!/usr/bin/env bash
# Installs the Debian packages that a few end-to-end tests drive: Chromium (the HTML report is
# rendered in a real headless browser), tmux (the training app is played in a real terminal)
# and redis-server (a sweep runs through BullMQ). Idempotent: does nothing if all are present.
# Without them `npm test` still passes, skipping those tests with a printed reason; CI sets
# CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1 so that a missing tool fails instead.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -eq 0 ]; then
  echo "system tools: chromium, tmux and redis-server are installed"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "system tools: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
