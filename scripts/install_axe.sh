#!/usr/bin/env bash
# Fetch axe-core (Deque's accessibility engine, MPL-2.0) into .axe/ (git-ignored; nothing here is committed) for the
# browser accessibility tests (tests/test_e2e_a11y.py inject axe.min.js into headless Chromium).
#
# Idempotent and fast when already done; it never fails the setup: when npm is missing it warns and exits 0, and the
# accessibility tests are skipped with the reason. No root needed: everything lands in .axe/npm (or $ROUTIX_AXE_DIR/npm).
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${ROUTIX_AXE_DIR:-$root/.axe}"
package='axe-core@^4.10'
file="$dest/npm/node_modules/axe-core/axe.min.js"

warn() { echo "install_axe: warning: $*" >&2; }

if [ -f "$file" ]; then
    echo "install_axe: axe-core already in $dest/npm"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    warn "npm not found; the browser accessibility tests will be skipped."
    warn "install Node.js + npm and re-run scripts/install_axe.sh for axe-core."
    exit 0
fi

if ! mkdir -p "$dest/npm"; then
    warn "cannot create $dest/npm; skipping axe-core."
    exit 0
fi

limit=()
if command -v timeout >/dev/null 2>&1; then
    limit=(timeout 300)
fi

if "${limit[@]}" npm install --prefix "$dest/npm" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$package" >&2; then
    if [ -f "$file" ]; then
        echo "install_axe: axe-core installed in $dest/npm"
    else
        warn "npm finished but $file is missing (package layout changed?)."
    fi
else
    warn "npm install failed; the browser accessibility tests will be skipped."
fi
exit 0
