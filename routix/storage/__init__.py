"""Where images live: keys, the ImageStore protocol, the local disk store and the S3 store."""

from routix.storage.base import CONTENT_TYPES, ImageStore, content_type, new_key, owner_of
from routix.storage.local import LocalStore
from routix.storage.s3 import S3Store

__all__ = ['CONTENT_TYPES', 'ImageStore', 'LocalStore', 'S3Store', 'content_type', 'new_key', 'owner_of']
