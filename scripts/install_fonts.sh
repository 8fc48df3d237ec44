#!/usr/bin/env bash
# Fetch the fonts the Routix renderer draws with into .fonts/ (git-ignored; nothing here is committed).
#
# Idempotent and fast when already done; it never fails the setup: when something is missing it warns and
# exits 0, and the renderer falls back to Debian fonts (see routix/fonts.py and `font_report()`).
#
#   npm  vazirmatn (OFL)  -> .fonts/npm/node_modules/vazirmatn/fonts/ttf/Vazirmatn-{Black,ExtraBold,Bold}.ttf
#
# Debian fonts the renderer prefers for Latin headlines (installed by .ci/run / the host, not by this script):
#   fonts-league-spartan fonts-inter fonts-bebas-neue fonts-roboto-unhinted fonts-open-sans fonts-lemonada
#   fonts-liberation2 fonts-noto-core fonts-dejavu-core
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${ROUTIX_FONTS_DIR:-$root/.fonts}"
vazirmatn="$dest/npm/node_modules/vazirmatn/fonts/ttf/Vazirmatn-Black.ttf"

warn() { echo "install_fonts: warning: $*" >&2; }

if [ -f "$vazirmatn" ]; then
    echo "install_fonts: Vazirmatn already in $dest/npm"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    warn "npm not found; Persian headlines fall back to Noto Kufi Arabic / DejaVu Sans Bold."
    warn "install Node.js + npm and re-run scripts/install_fonts.sh for Vazirmatn."
    exit 0
fi

if ! mkdir -p "$dest/npm"; then
    warn "cannot create $dest/npm; skipping Vazirmatn."
    exit 0
fi

limit=()
if command -v timeout >/dev/null 2>&1; then
    limit=(timeout 300)
fi

if "${limit[@]}" npm install --prefix "$dest/npm" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error 'vazirmatn@^33' >&2; then
    if [ -f "$vazirmatn" ]; then
        echo "install_fonts: Vazirmatn installed in $dest/npm"
    else
        warn "npm finished but $vazirmatn is missing (package layout changed?)."
    fi
else
    warn "npm install vazirmatn failed; Persian headlines fall back to Noto Kufi Arabic / DejaVu Sans Bold."
fi
exit 0
