#!/usr/bin/env bash
# Opens a pull request with the archive_url lines that `pledgewatch archive` added in the
# evidence workflow's check job (its content/sources/ folder, downloaded into EVIDENCE), with
# the gh CLI and git (GH_TOKEN, GITHUB_REPOSITORY, GITHUB_REF_NAME). Does nothing when no file
# changed. A pull request opened with the workflow's token does not trigger the pull-request
# workflow, so the check job validated the result before this runs.
# Usage: bash .github/scripts/archive-pr.sh EVIDENCE
set -euo pipefail
evidence="$1"
cp "$evidence"/content/sources/*.yml content/sources/
if git diff --quiet -- content/sources; then
  echo "no new archive addresses"
  exit 0
fi
branch="archive-addresses-$(date +%F)"
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch -c "$branch"
git commit -q -m "Archive addresses for sources (pledgewatch archive)" -- content/sources
git push -q "https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "$branch"
gh pr create --base "$GITHUB_REF_NAME" --head "$branch" \
  --title "Archive addresses for sources ($(date +%F))" \
  --body "pledgewatch archive found these archived copies through the Wayback Machine. The workflow validated the content with them (make validate); each file gains one archive_url line."
