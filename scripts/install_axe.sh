#!/usr/bin/env bash
# Fetch axe-core (Deque's accessibility engine, MPL-2.0) into .axe/ (git-ignored; nothing here is committed) for the
# browser accessibility tests (tests/test_e2e_a11y.py inject axe.min.js into headless Chromium).
#
# Idempotent and fast when already done; it never fails the setup: when npm is missing it warns and exits 0, and the
# accessibility tests are skipped with the reason. No root needed: everything lands in .axe/npm (or $ROUTIX_AXE_DIR/npm).
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/npm_install.sh"

npm_install --dest "${ROUTIX_AXE_DIR:-$root/.axe}" --what 'axe-core' --for 'axe-core' --skip 'axe-core' \
    --without 'the browser accessibility tests will be skipped.' \
    'axe-core@^4.10' 'axe-core/axe.min.js'
exit 0
