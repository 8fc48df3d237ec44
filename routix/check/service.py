"""The check for the pages: a finished generation of the creator (judged on its stored layers) or an uploaded image."""

from __future__ import annotations

from routix.check import CheckReport, check_image
from routix.core.db import Database
from routix.core.errors import InvalidUpload, NotFound
from routix.core.runtime import Runtime
from routix.generation.owned import owned_generation
from routix.storage import ImageStore
from routix.vocabulary import GenerationStatus


class CheckService:
    """Runs ``check_image`` off the event loop; a generation is read only by its owner."""

    def __init__(self, *, db: Database, store: ImageStore, runtime: Runtime, max_upload_bytes: int) -> None:
        self.db = db
        self.store = store
        self.runtime = runtime
        self.max_upload_bytes = max_upload_bytes

    async def check_generation(self, owner_id: int, generation_id: int, title: str = '') -> CheckReport:
        """Check a finished thumbnail of ``owner_id``; its layers (stored at render time) say where things are.

        Rows rendered before layers were stored are judged on their pixels, like an upload.
        """
        async with self.db.session() as session:
            gen = await owned_generation(session, owner_id, generation_id)
        if gen.status != GenerationStatus.COMPLETED or not gen.image_key:
            raise NotFound('generation.not_finished')
        data = await self.store.get(gen.image_key)
        layers = gen.match.get('layers')
        return await self.runtime.cpu(check_image, data, title=title, layers=layers if layers else None)

    async def check_upload(self, owner_id: int, data: bytes, title: str = '') -> CheckReport:
        """Check an image the creator uploads for comparison (judged on its pixels); nothing is stored."""
        del owner_id  # nothing is read or written for the creator: the argument keeps the call shape of the pages
        if len(data) > self.max_upload_bytes:
            raise InvalidUpload('upload.too_many_bytes', mb=self.max_upload_bytes / (1024 * 1024))
        return await self.runtime.cpu(check_image, data, title=title)
