#!/usr/bin/env bash
# Fetch the emoji illustrations the Routix renderer draws a thumbnail's subject with into .art/ (git-ignored;
# nothing here is committed).
#
# Idempotent and fast when already done; it never fails the setup: when something is missing it warns and exits 0,
# and the renderer then draws no subject illustration (it logs one warning; see routix/render/_subject.py).
# No root needed: everything lands in .art/npm (or $ROUTIX_ART_DIR/npm).
#
# npm package: @iconify-json/fluent-emoji-flat (Microsoft's Fluent Emoji, flat style, MIT licence): every emoji as
# SVG in one JSON file, json/icons.json -> icons.json.
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${ROUTIX_ART_DIR:-$root/.art}"
package='@iconify-json/fluent-emoji-flat@^1.2'
file="$dest/npm/node_modules/@iconify-json/fluent-emoji-flat/icons.json"

warn() { echo "install_illustrations: warning: $*" >&2; }

if [ -f "$file" ]; then
    echo "install_illustrations: Fluent Emoji already in $dest/npm"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    warn "npm not found; thumbnails without a photo get no subject illustration."
    warn "install Node.js + npm and re-run scripts/install_illustrations.sh for the Fluent Emoji set."
    exit 0
fi

if ! mkdir -p "$dest/npm"; then
    warn "cannot create $dest/npm; skipping the illustrations."
    exit 0
fi

limit=()
if command -v timeout >/dev/null 2>&1; then
    limit=(timeout 300)
fi

if "${limit[@]}" npm install --prefix "$dest/npm" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$package" >&2; then
    if [ -f "$file" ]; then
        echo "install_illustrations: Fluent Emoji installed in $dest/npm"
    else
        warn "npm finished but $file is missing (package layout changed?)."
    fi
else
    warn "npm install failed; thumbnails without a photo get no subject illustration."
fi
exit 0
