#!/usr/bin/env bash
# Fails on a high or critical advisory in what the bundle ships (runtime dependencies).
# Some networks let npm fetch packages but refuse its advisory endpoint; then there is
# nothing to judge, and this says so instead of failing the build.
set -uo pipefail
cd "$(dirname "$0")/.."
output=$(npm audit --omit=dev --audit-level=high 2>&1)
status=$?
echo "$output"
if [ "$status" -ne 0 ] && grep -q "audit endpoint returned an error" <<<"$output"; then
  echo "npm audit could not reach the registry's advisory endpoint here: no verdict." >&2
  exit 0
fi
exit "$status"
