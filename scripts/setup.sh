#!/usr/bin/env bash
# Quick start, step 1: install dependencies and a browser, check the data, build the sample briefing.
set -euo pipefail
cd "$(dirname "$0")/.."

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then echo "brief needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))" >&2; exit 1; fi

# The browser is found or fetched below, in an order that also works offline (the install
# itself downloads nothing).
echo "== installing dependencies (npm ci)"
npm ci --no-audit --no-fund --loglevel=error
echo "== getting a browser"
bash scripts/get-browser.sh
echo "== validating data/"
node bin/brief.js validate data/
echo "== building the sample weekly briefing"
node bin/brief.js build
echo "Done: the PDFs are in out/$(ls data | grep -E '^[0-9]{4}-W[0-9]{2}$' | sort | tail -1)/"
