#!/usr/bin/env bash
# `npm run deploy [-- --force]`: copies the built site (dist/) to the web host with rsync over SSH.
# The same command runs in CI and on an operator's laptop (docs/operations.md).
# It refuses a preview build, and a build older than the one the host serves (compared by the commit
# dates in the two build-info.json files) unless --force is given.
#
#   DEPLOY_HOST, DEPLOY_USER, DEPLOY_PATH  where the site goes (required)
#   DEPLOY_PORT                            SSH port (default 22)
#   DEPLOY_SSH_KEY                         private key text; unset = the usual ssh keys/agent
#   DEPLOY_KNOWN_HOSTS                     the host's pinned known_hosts line(s); unset = ~/.ssh/known_hosts
#   STEP_OUT_DIR                           the built site (default dist)
#
# The host key is always checked (StrictHostKeyChecking=yes): an unknown or changed key stops the deploy.
set -euo pipefail

fail() {
  echo "deploy: $*" >&2
  exit 1
}

force=()
for argument in "$@"; do
  case "$argument" in
  --force) force=(--force) ;;
  *) fail "unknown argument $argument (the only flag is --force)" ;;
  esac
done
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project's own Node (TypeScript runs as is on it); npm puts it first on PATH, a bare shell may not.
node_bin="$root/node_modules/.bin/node"
[ -x "$node_bin" ] || node_bin=node

[ -n "${DEPLOY_HOST:-}" ] || fail "DEPLOY_HOST is not set (the web host, e.g. step.im)"
[ -n "${DEPLOY_USER:-}" ] || fail "DEPLOY_USER is not set (the SSH user that owns the web root)"
[ -n "${DEPLOY_PATH:-}" ] || fail "DEPLOY_PATH is not set (the web root on the host, e.g. /var/www/step.im)"
site_dir="${STEP_OUT_DIR:-dist}"
# build-info.json is written last by the build: without it dist/ is missing or half-built.
[ -f "$site_dir/build-info.json" ] || fail "$site_dir/build-info.json is missing: run npm run build first"
command -v rsync >/dev/null || fail "rsync is not installed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ssh_command=(ssh -p "${DEPLOY_PORT:-22}" -o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=20)
if [ -n "${DEPLOY_KNOWN_HOSTS:-}" ]; then
  printf '%s\n' "$DEPLOY_KNOWN_HOSTS" >"$work/known_hosts"
  ssh_command+=(-o "UserKnownHostsFile=$work/known_hosts" -o GlobalKnownHostsFile=/dev/null)
fi
if [ -n "${DEPLOY_SSH_KEY:-}" ]; then
  (
    umask 077
    printf '%s\n' "$DEPLOY_SSH_KEY" >"$work/key"
  )
  ssh_command+=(-i "$work/key" -o IdentitiesOnly=yes)
fi

# What the host serves now decides whether this build may replace it (an empty file: nothing deployed yet).
remote_path="$(printf '%q' "$DEPLOY_PATH/build-info.json")"
"${ssh_command[@]}" "$DEPLOY_USER@$DEPLOY_HOST" "if [ -f $remote_path ]; then cat $remote_path; fi" \
  >"$work/deployed-build-info.json" || fail "could not read build-info.json on $DEPLOY_HOST (see above)"
"$node_bin" "$root/scripts/deploy/check.ts" "$site_dir/build-info.json" "$work/deployed-build-info.json" "${force[@]}"

# --checksum: unchanged pages are not rewritten although every build gives them new times.
# --delay-updates/--delete-delay: changed files are swapped in together at the end, so a
# reader never gets a new page that points at an asset not uploaded yet.
rsync --recursive --links --times --checksum --compress \
  --perms --chmod=Du=rwx,Dgo=rx,Fu=rw,Fgo=r \
  --delete-delay --delay-updates \
  --rsh="${ssh_command[*]}" \
  "$site_dir/" "$DEPLOY_USER@$DEPLOY_HOST:$DEPLOY_PATH/"
echo "deploy: $site_dir/ → $DEPLOY_USER@$DEPLOY_HOST:$DEPLOY_PATH/"
