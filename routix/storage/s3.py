"""Images in an S3 bucket (any S3-protocol server): private objects, boto3 calls off the event loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from routix.core.errors import StorageError
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.storage.base import check_key, content_type

if TYPE_CHECKING:
    from routix.core.config import Settings


class S3Store:
    """Images in an S3 bucket (AWS or any S3-protocol server); boto3 runs off the event loop."""

    def __init__(self, *, bucket: str, prefix: str = '', client: Any, runtime: Runtime | None = None) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.client = client
        self.runtime: Runtime = runtime or NiceGuiRuntime()

    @classmethod
    def from_settings(cls, settings: Settings, *, runtime: Runtime | None = None) -> S3Store:
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
        return cls(bucket=settings.s3_bucket, prefix=settings.s3_prefix, client=client, runtime=runtime)

    async def put(self, key: str, data: bytes) -> None:
        """PutObject, private."""
        check_key(key)
        try:
            await self.runtime.io(
                self.client.put_object,
                Bucket=self.bucket,
                Key=self.prefix + key,
                Body=data,
                ContentType=content_type(key),
            )
        except Exception as e:
            raise StorageError('storage.not_stored') from e

    async def get(self, key: str) -> bytes:
        """GetObject."""
        check_key(key)
        try:
            response = await self.runtime.io(self.client.get_object, Bucket=self.bucket, Key=self.prefix + key)
            data: bytes = await self.runtime.io(response['Body'].read)
        except Exception as e:
            raise StorageError('storage.missing') from e
        return data

    async def delete(self, key: str) -> None:
        """DeleteObject (idempotent in S3)."""
        check_key(key)
        try:
            await self.runtime.io(self.client.delete_object, Bucket=self.bucket, Key=self.prefix + key)
        except Exception as e:
            raise StorageError('storage.not_deleted') from e
