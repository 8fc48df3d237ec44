"""Private files: the data directory and everything Routix writes into it belong to the Routix user alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents with mode 0700 (``mkdir -p`` would give the parents 0777 - umask).

    A directory that already exists keeps its mode: it is the operator's.
    """
    missing: list[Path] = []
    ancestor = path
    while not ancestor.exists() and ancestor != ancestor.parent:
        missing.append(ancestor)
        ancestor = ancestor.parent
    for directory in reversed(missing):
        directory.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    return path


def create_private_file(path: Path, data: bytes) -> bool:
    """Create ``path`` with mode 0600 from its first byte on; False (nothing written) when it already exists."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return False
    with os.fdopen(fd, 'wb') as file:
        file.write(data)
    return True


def write_private_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by way of a 0600 temp file and a rename, so a crash never leaves half a file."""
    make_private_dir(path.parent)
    # mkstemp: mode 0600, a fresh name (concurrent writers and a crash's leftovers never collide)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f'.{path.name}.', suffix='.tmp')
    try:
        with os.fdopen(fd, 'wb') as file:
            file.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
