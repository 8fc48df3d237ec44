#!/usr/bin/env bash
# Compile the Tailwind CSS the pages use into .css/routix-tailwind.css (git-ignored; a build product).
#
# NiceGUI's default runs Tailwind in the browser (its "play" build): on every DOM change it re-scans the page and
# rebuilds a stylesheet, which made each live update of a tab cost tens of milliseconds (bench/cluster.py). Routix
# instead compiles once, here, with the Tailwind CLI of the same version NiceGUI bundles, from the class names in
# Routix's and NiceGUI's sources, and serves the file (pages/shell.py) with NiceGUI's in-browser Tailwind turned off.
#
# Idempotent and fast when the CSS is newer than every source; it never fails the setup: without npm or when the build
# fails it warns and exits 0, and the pages fall back to NiceGUI's in-browser Tailwind (slower, same look).
# npm packages: @tailwindcss/cli and tailwindcss (MIT), into .css/npm.
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.css"
out="$dest/routix-tailwind.css"
python="${PYTHON_BIN:-$root/.venv/bin/python}"
source "$root/scripts/npm_install.sh"

nicegui="$("$python" -c 'import nicegui, pathlib; print(pathlib.Path(nicegui.__file__).parent)' 2>/dev/null)"
if [ -z "$nicegui" ]; then
    echo "build_css: warning: NiceGUI is not installed in $python; pages use the in-browser Tailwind." >&2
    exit 0
fi
# the version NiceGUI's in-browser build reports (…var Gt="4.1.13";…), so both ways give the same classes
version="$(grep -o 'var [A-Za-z]*="4\.[0-9]*\.[0-9]*"' "$nicegui/static/tailwindcss.min.js" | head -1 | grep -o '4\.[0-9.]*')"
version="${version:-4}"

newest_source="$(find "$root/pages" "$root/components" "$root/routix" "$root/app.py" "$root/assets/css/tailwind.css" \
    "$0" -newer "$out" -print -quit 2>/dev/null)"
if [ -f "$out" ] && [ -z "$newest_source" ] && [ -f "$dest/version" ] && [ "$(cat "$dest/version")" = "$version" ]; then
    echo "build_css: Tailwind CSS $version already in $out"
    exit 0
fi

npm_install --dest "$dest" --what "the Tailwind CLI $version" --for 'the compiled Tailwind CSS' \
    --skip 'the compiled CSS' --without 'pages use the in-browser Tailwind (slower live updates).' \
    "@tailwindcss/cli@$version" '@tailwindcss/cli/dist/index.mjs' "tailwindcss@$version" 'tailwindcss/index.css'
cli="$dest/npm/node_modules/@tailwindcss/cli/dist/index.mjs"
[ -f "$cli" ] || exit 0

# the input: Routix's (assets/css/tailwind.css), where to look for class names, and NiceGUI's own overrides
{
    cat "$root/assets/css/tailwind.css"
    for path in "$root/pages" "$root/components" "$root/routix" "$root/app.py" "$nicegui/elements" "$nicegui/*.py"; do
        echo "@source \"$path\";"
    done
    echo '@layer overrides {'
    cat "$nicegui/static/headwind.css"
    echo '}'
} > "$dest/npm/input.css"  # beside node_modules, where @import "tailwindcss" is resolved

if (cd "$dest/npm" && node "$cli" --input "$dest/npm/input.css" --output "$out.tmp" --minify >/dev/null 2>"$dest/build.log"); then
    mv "$out.tmp" "$out"
    echo "$version" > "$dest/version"
    echo "build_css: Tailwind CSS $version compiled into $out ($(wc -c < "$out") bytes)"
else
    rm -f "$out.tmp"
    echo "build_css: warning: the Tailwind build failed (see $dest/build.log); pages use the in-browser Tailwind." >&2
fi
exit 0
