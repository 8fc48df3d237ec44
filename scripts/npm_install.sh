# Sourced by scripts/install_{fonts,illustrations,axe}.sh and scripts/build_css.sh: install npm packages into a folder of their own
# (<dest>/npm, git-ignored), for assets the app or the tests read from node_modules and for build tools run at setup
# (the Tailwind CLI), never for code the app runs.
#
#   npm_install --dest DIR --what 'axe-core' --for 'axe-core' --skip 'axe-core' \
#       --without 'the browser accessibility tests will be skipped.' \
#       'axe-core@^4.10' 'axe-core/axe.min.js' [SPEC FILE ...]
#
# Each package spec comes with a file it must provide (relative to node_modules). Idempotent and quick: when every file
# is there it says so and does nothing. It never fails the setup: without npm, or when npm fails, it warns (on stderr,
# as "<script>: warning: ...", saying what happens --without the files) and returns 0. --what names the files in
# "already in" / "installed in", --for in the re-run hint, --skip in "cannot create <dest>/npm; skipping ...".
# One npm call installs every spec, because a later `npm install --no-save` of another package would prune the ones
# installed before.

npm_install() {
    local tool dest='' what='' for='' skip='' without=''
    tool="$(basename "${BASH_SOURCE[1]}" .sh)"  # the calling script, the prefix of every message
    while [ $# -gt 0 ]; do
        case "$1" in
            --dest) dest="$2" ;;
            --what) what="$2" ;;
            --for) for="$2" ;;
            --skip) skip="$2" ;;
            --without) without="$2" ;;
            *) break ;;
        esac
        shift 2
    done
    local modules="$dest/npm/node_modules" specs=() files=()
    while [ $# -gt 1 ]; do
        specs+=("$1")
        files+=("$2")
        shift 2
    done

    if [ -z "$(_npm_missing)" ]; then
        echo "$tool: $what already in $dest/npm"
        return 0
    fi

    if ! command -v npm >/dev/null 2>&1; then
        _npm_warn "npm not found; $without"
        _npm_warn "install Node.js + npm and re-run scripts/$tool.sh for $for."
        return 0
    fi

    if ! mkdir -p "$dest/npm"; then
        _npm_warn "cannot create $dest/npm; skipping $skip."
        return 0
    fi

    local limit=()
    if command -v timeout >/dev/null 2>&1; then
        limit=(timeout 300)
    fi

    if "${limit[@]}" npm install --prefix "$dest/npm" --no-save --no-package-lock --no-audit --no-fund \
        --loglevel=error "${specs[@]}" >&2; then
        local absent
        absent="$(_npm_missing)"
        if [ -z "$absent" ]; then
            echo "$tool: $what installed in $dest/npm"
        elif [ ${#files[@]} -eq 1 ]; then
            _npm_warn "npm finished but $modules/$absent is missing (package layout changed?)."
        else
            _npm_warn "npm finished but these files are missing (package layout changed?):"
            echo "$absent" | sed 's/^/    /' >&2
        fi
    else
        _npm_warn "npm install failed; $without"
    fi
    return 0
}

_npm_warn() { echo "$tool: warning: $*" >&2; }  # $tool: npm_install's, seen through bash's dynamic scope

_npm_missing() {  # npm_install's files still absent, one per line
    local file
    for file in "${files[@]}"; do
        [ -f "$modules/$file" ] || echo "$file"
    done
}
