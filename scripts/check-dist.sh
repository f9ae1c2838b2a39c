#!/usr/bin/env bash
# Fails when the committed dist/ is not what a fresh build of src/ produces:
# `uses:` runs dist/, so a stale bundle would ship code nobody reviewed.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build >/dev/null
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ differs from a fresh build of src/ (run 'npm run build' and commit dist/):" >&2
  git status --short -- dist >&2
  exit 1
fi
echo "dist/ matches a fresh build of src/."
