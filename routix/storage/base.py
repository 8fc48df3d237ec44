"""Image keys (owner-prefixed, unguessable) and the ImageStore protocol every store implements."""

from __future__ import annotations

import re
import secrets
from typing import Protocol

from routix.core.errors import StorageError

_KEY = re.compile(r'^u\d+/[A-Za-z0-9_-]{16,64}\.(jpg|png|webp)$')
CONTENT_TYPES = {'jpg': 'image/jpeg', 'png': 'image/png', 'webp': 'image/webp'}


def new_key(owner_id: int, ext: str) -> str:
    """An unguessable key under the owner's prefix, e.g. ``u7/Yx…Q.jpg``."""
    return f'u{owner_id}/{secrets.token_urlsafe(18)}.{ext}'


def owner_of(key: str) -> int | None:
    """The owner id a well-formed key belongs to, else None."""
    if not _KEY.match(key):
        return None
    return int(key[1 : key.index('/')])


def content_type(key: str) -> str:
    """The MIME type implied by a key's extension."""
    return CONTENT_TYPES[key.rsplit('.', 1)[-1]]


class ImageStore(Protocol):
    """Stores image bytes under server-generated keys."""

    async def put(self, key: str, data: bytes) -> None:
        """Store bytes under key (overwriting)."""
        ...

    async def get(self, key: str) -> bytes:
        """The bytes under key; StorageError when missing."""
        ...

    async def delete(self, key: str) -> None:
        """Remove key; missing keys are fine."""
        ...


def check_key(key: str) -> None:
    """Refuse a key that is not one of ours (path tricks, other extensions)."""
    if not _KEY.match(key):
        raise StorageError('storage.bad_key')
