#!/usr/bin/env bash
# Fetch the fonts the Routix renderer draws with into .fonts/ (git-ignored; nothing here is committed).
#
# Idempotent and fast when already done; it never fails the setup: when something is missing it warns and
# exits 0, and the renderer falls back to Debian fonts, then Pillow's built-in font (see routix/render/fonts.py and
# `routix fonts`). No root needed: everything lands in .fonts/npm (or $ROUTIX_FONTS_DIR/npm).
#
# npm packages (fonts under the SIL Open Font License 1.1; the @expo-google-fonts wrappers are MIT), per font role:
#   display   @expo-google-fonts/anton             400Regular/Anton_400Regular.ttf
#   heavy     @expo-google-fonts/archivo-black     400Regular/ArchivoBlack_400Regular.ttf
#   condensed @expo-google-fonts/bebas-neue        400Regular/BebasNeue_400Regular.ttf
#   rounded   @expo-google-fonts/lilita-one        400Regular/LilitaOne_400Regular.ttf
#   serif     @expo-google-fonts/playfair-display  900Black/PlayfairDisplay_900Black.ttf
#   body      @expo-google-fonts/montserrat        800ExtraBold/Montserrat_800ExtraBold.ttf
#   Persian   vazirmatn                            fonts/ttf/Vazirmatn-{Black,ExtraBold,Bold}.ttf
#
# Debian fonts the renderer falls back to (installed by .ci/run / the host, not by this script):
#   fonts-league-spartan fonts-inter fonts-bebas-neue fonts-roboto-unhinted fonts-open-sans fonts-lemonada
#   fonts-liberation2 fonts-noto-core fonts-dejavu-core
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${ROUTIX_FONTS_DIR:-$root/.fonts}"
modules="$dest/npm/node_modules"

# package spec -> a file it must provide (relative to node_modules); one npm call installs them all, because a
# later `npm install --no-save` of another package would prune the ones installed before.
packages=(
    '@expo-google-fonts/anton@^0.4' '@expo-google-fonts/anton/400Regular/Anton_400Regular.ttf'
    '@expo-google-fonts/archivo-black@^0.4' '@expo-google-fonts/archivo-black/400Regular/ArchivoBlack_400Regular.ttf'
    '@expo-google-fonts/bebas-neue@^0.4' '@expo-google-fonts/bebas-neue/400Regular/BebasNeue_400Regular.ttf'
    '@expo-google-fonts/lilita-one@^0.4' '@expo-google-fonts/lilita-one/400Regular/LilitaOne_400Regular.ttf'
    '@expo-google-fonts/playfair-display@^0.4'
    '@expo-google-fonts/playfair-display/900Black/PlayfairDisplay_900Black.ttf'
    '@expo-google-fonts/montserrat@^0.4' '@expo-google-fonts/montserrat/800ExtraBold/Montserrat_800ExtraBold.ttf'
    'vazirmatn@^33' 'vazirmatn/fonts/ttf/Vazirmatn-Black.ttf'
)

warn() { echo "install_fonts: warning: $*" >&2; }

missing() {  # the files still absent, one per line
    local i
    for ((i = 1; i < ${#packages[@]}; i += 2)); do
        [ -f "$modules/${packages[i]}" ] || echo "${packages[i]}"
    done
}

if [ -z "$(missing)" ]; then
    echo "install_fonts: display fonts and Vazirmatn already in $dest/npm"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    warn "npm not found; headlines fall back to Debian fonts (or Pillow's built-in font)."
    warn "install Node.js + npm and re-run scripts/install_fonts.sh for the display fonts and Vazirmatn."
    exit 0
fi

if ! mkdir -p "$dest/npm"; then
    warn "cannot create $dest/npm; skipping the npm fonts."
    exit 0
fi

specs=()
for ((i = 0; i < ${#packages[@]}; i += 2)); do
    specs+=("${packages[i]}")
done

limit=()
if command -v timeout >/dev/null 2>&1; then
    limit=(timeout 300)
fi

if "${limit[@]}" npm install --prefix "$dest/npm" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "${specs[@]}" >&2; then
    absent="$(missing)"
    if [ -z "$absent" ]; then
        echo "install_fonts: display fonts and Vazirmatn installed in $dest/npm"
    else
        warn "npm finished but these files are missing (package layout changed?):"
        echo "$absent" | sed 's/^/    /' >&2
    fi
else
    warn "npm install failed; headlines fall back to Debian fonts (or Pillow's built-in font)."
fi
exit 0
