#!/bin/sh
# Installs Debian's chromium for the report's browser test (test/report/browser.test.ts).
# Idempotent: does nothing when chromium is already there. Used by CI before `npm test`
# with CALLFLOOR_REQUIRE_SYSTEM_TOOLS=1; playwright-core drives it and downloads nothing.
set -eu
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium
echo "chromium installed: $(command -v chromium)"
