#!/usr/bin/env bash
# Commits the observations `npm run verify-server -- --write-observed` wrote, when
# more than their time changed: the time changes on every run, and a daily commit
# for it alone would bury the commits that matter. Prints `committed` or `unchanged`.
# Run from the repository root; the daily workflow pushes what it commits.
set -euo pipefail

observed="${1:-content/observed}"
git add -- "$observed"
# observed-file.ts writes `observedAt:` first, on a line of its own.
if git diff --cached --quiet --ignore-matching-lines='^observedAt: ' -- "$observed"; then
  git reset -q -- "$observed"
  echo unchanged
  exit 0
fi
git commit -q -m "Observations of verify-server: $(grep -m1 '^observedAt: ' "$observed"/*.yaml | cut -d' ' -f2)" -- "$observed"
echo committed
