"""Images in an S3 bucket (any S3-protocol server): private objects, boto3 calls off the event loop."""

from __future__ import annotations

from typing import Any

from nicegui import run

from routix.core.errors import StorageError
from routix.storage.base import check_key, content_type


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
        check_key(key)
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
        check_key(key)
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
        check_key(key)
        try:
            await run.io_bound(self.client.delete_object, Bucket=self.bucket, Key=self.prefix + key)
        except Exception as e:
            raise StorageError('The image could not be deleted.') from e
