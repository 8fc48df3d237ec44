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
source "$root/scripts/npm_install.sh"

# package spec, then a file it must provide (relative to node_modules)
npm_install --dest "${ROUTIX_FONTS_DIR:-$root/.fonts}" --what 'display fonts and Vazirmatn' \
    --for 'the display fonts and Vazirmatn' --skip 'the npm fonts' \
    --without "headlines fall back to Debian fonts (or Pillow's built-in font)." \
    '@expo-google-fonts/anton@^0.4' '@expo-google-fonts/anton/400Regular/Anton_400Regular.ttf' \
    '@expo-google-fonts/archivo-black@^0.4' '@expo-google-fonts/archivo-black/400Regular/ArchivoBlack_400Regular.ttf' \
    '@expo-google-fonts/bebas-neue@^0.4' '@expo-google-fonts/bebas-neue/400Regular/BebasNeue_400Regular.ttf' \
    '@expo-google-fonts/lilita-one@^0.4' '@expo-google-fonts/lilita-one/400Regular/LilitaOne_400Regular.ttf' \
    '@expo-google-fonts/playfair-display@^0.4' \
    '@expo-google-fonts/playfair-display/900Black/PlayfairDisplay_900Black.ttf' \
    '@expo-google-fonts/montserrat@^0.4' '@expo-google-fonts/montserrat/800ExtraBold/Montserrat_800ExtraBold.ttf' \
    'vazirmatn@^33' 'vazirmatn/fonts/ttf/Vazirmatn-Black.ttf'
exit 0
