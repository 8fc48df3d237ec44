"""Images on local disk below the data directory, written atomically."""

from __future__ import annotations

from pathlib import Path

from routix.core.errors import StorageError
from routix.core.files import write_private_atomic
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.storage.base import check_key


class LocalStore:
    """Images on local disk below one root directory (never served statically)."""

    def __init__(self, root: Path, *, runtime: Runtime | None = None) -> None:
        self.root = root.resolve()
        self.runtime: Runtime = runtime or NiceGuiRuntime()

    async def put(self, key: str, data: bytes) -> None:
        """Write atomically (private temp file + rename) so a crash never leaves half an image."""
        path = self._path(key)
        await self.runtime.io(write_private_atomic, path, data)

    async def get(self, key: str) -> bytes:
        """Read the bytes."""
        path = self._path(key)
        data = await self.runtime.io(_read, path)
        if data is None:
            raise StorageError('storage.missing')
        return data

    async def delete(self, key: str) -> None:
        """Unlink the file."""
        await self.runtime.io(self._path(key).unlink, missing_ok=True)

    def _path(self, key: str) -> Path:
        check_key(key)
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root):
            raise StorageError('storage.bad_key')
        return path


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
