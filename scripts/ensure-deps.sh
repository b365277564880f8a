#!/usr/bin/env bash
# Makes a fresh clone runnable: installs the pinned npm packages (never a browser) and Debian's Chromium and
# Firefox ESR. Sourced by the test and demo commands so that each works as the first command on a new machine.
set -euo pipefail
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "steward: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

missing=()
[ -x "${STEWARD_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${STEWARD_FIREFOX:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "steward: installing ${missing[*]} from Debian (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "steward: ${missing[*]} not found. Install with: sudo apt-get install ${missing[*]}" >&2
    echo "         (or point STEWARD_CHROMIUM / STEWARD_FIREFOX at existing binaries)" >&2
    exit 1
  fi
fi
