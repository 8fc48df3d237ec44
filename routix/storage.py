"""Where images live: the ImageStore protocol, the local disk store and the S3 store."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any, Protocol

from nicegui import run

from .errors import StorageError

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


class LocalStore:
    """Images on local disk below one root directory (never served statically)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    async def put(self, key: str, data: bytes) -> None:
        """Write atomically (temp file + rename) so a crash never leaves half an image."""
        path = self._path(key)
        await run.io_bound(_write_atomic, path, data)

    async def get(self, key: str) -> bytes:
        """Read the bytes."""
        path = self._path(key)
        data = await run.io_bound(_read, path)
        if data is None:
            raise StorageError('The image is missing.')
        return data

    async def delete(self, key: str) -> None:
        """Unlink the file."""
        await run.io_bound(self._path(key).unlink, missing_ok=True)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise StorageError('Invalid image key.')
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root):
            raise StorageError('Invalid image key.')
        return path


class S3Store:
    """Images in an S3 bucket (AWS or any S3-protocol server); boto3 runs off the event loop."""

    def __init__(self, *, bucket: str, prefix: str = '', client: Any) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.client = client

    @classmethod
    def from_settings(cls, settings: Any) -> S3Store:
        """Build the boto3 client from Settings (path-style addressing works with every S3 server)."""
        import boto3
        from botocore.config import Config

        client = boto3.client(
            's3',
            endpoint_url=settings.s3_endpoint_url or None,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id.get_secret_value() or None,
            aws_secret_access_key=settings.s3_secret_access_key.get_secret_value() or None,
            config=Config(
                s3={'addressing_style': 'path'},
                retries={'max_attempts': 3, 'mode': 'standard'},
                connect_timeout=5,
                read_timeout=30,
            ),
        )
        return cls(bucket=settings.s3_bucket, prefix=settings.s3_prefix, client=client)

    async def put(self, key: str, data: bytes) -> None:
        """PutObject, private."""
        self._check(key)
        try:
            await run.io_bound(
                self.client.put_object,
                Bucket=self.bucket,
                Key=self.prefix + key,
                Body=data,
                ContentType=content_type(key),
            )
        except Exception as e:
            raise StorageError('The image could not be stored.') from e

    async def get(self, key: str) -> bytes:
        """GetObject."""
        self._check(key)
        try:
            response = await run.io_bound(self.client.get_object, Bucket=self.bucket, Key=self.prefix + key)
            data = await run.io_bound(response['Body'].read) if response else None
        except Exception as e:
            raise StorageError('The image is missing.') from e
        if data is None:  # run.io_bound answers None while the app shuts down
            raise StorageError('The image is missing.')
        return data

    async def delete(self, key: str) -> None:
        """DeleteObject (idempotent in S3)."""
        self._check(key)
        try:
            await run.io_bound(self.client.delete_object, Bucket=self.bucket, Key=self.prefix + key)
        except Exception as e:
            raise StorageError('The image could not be deleted.') from e

    @staticmethod
    def _check(key: str) -> None:
        if not _KEY.match(key):
            raise StorageError('Invalid image key.')


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + '.tmp')
    tmp.write_bytes(data)
    tmp.replace(path)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
