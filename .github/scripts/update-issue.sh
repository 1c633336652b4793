#!/usr/bin/env bash
# Keeps one open issue per TITLE up to date with the Markdown in FILE, with the gh CLI (which
# reads GH_TOKEN): opens it, replaces its body, or closes it when FILE is empty (nothing left to
# do). Used by the editorial workflows (review.yml, evidence.yml).
# Usage: bash .github/scripts/update-issue.sh TITLE FILE
set -euo pipefail
title="$1"
body_file="$2"
number="$(gh issue list --state open --limit 100 --json number,title \
  --jq "map(select(.title == \"${title}\")) | .[0].number // empty")"
if [ ! -s "$body_file" ]; then
  if [ -n "$number" ]; then
    gh issue close "$number" --comment "Nothing is left on this list."
  fi
  exit 0
fi
if [ -n "$number" ]; then
  gh issue edit "$number" --body-file "$body_file"
else
  gh issue create --title "$title" --body-file "$body_file"
fi
