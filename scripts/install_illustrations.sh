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
source "$root/scripts/npm_install.sh"

npm_install --dest "${ROUTIX_ART_DIR:-$root/.art}" --what 'Fluent Emoji' --for 'the Fluent Emoji set' \
    --skip 'the illustrations' --without 'thumbnails without a photo get no subject illustration.' \
    '@iconify-json/fluent-emoji-flat@^1.2' '@iconify-json/fluent-emoji-flat/icons.json'
exit 0
