"""Variant sets for A/B tests: three generations that differ along one axis, recorded in one chat message."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace
from typing import Any

from PIL import Image

from routix.accounts.credits import balance
from routix.analysis.model import Analysis
from routix.billing.plans import plan_book
from routix.chat.queries import owned_conversation
from routix.chat.service import ChatService
from routix.chat.views import message_view
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound, QuotaExceeded, RoutixError
from routix.core.runtime import Runtime
from routix.design.catalog import TemplateCatalog
from routix.generation.owned import owned_generation
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.models import Generation, Message, Upload, User
from routix.storage import ImageStore, new_key
from routix.variants.axes import AXES, Candidate, candidates
from routix.variants.choose import choose
from routix.vocabulary import GenerationStatus, Tier

COUNT = 3


class VariantService:
    """Plans, checks and starts variant sets; basic ones cost nothing, paid ones charge for three up front."""

    def __init__(
        self,
        *,
        settings: Settings,
        db: Database,
        store: ImageStore,
        catalog: TemplateCatalog,
        generation: GenerationService,
        chat: ChatService,
        runtime: Runtime,
    ) -> None:
        self.settings = settings
        self.db = db
        self.store = store
        self.catalog = catalog
        self.generation = generation
        self.chat = chat
        self.runtime = runtime

    def price(self, tier: str) -> int:
        """What a set of three costs in ``tier`` (basic sets are free)."""
        return 0 if tier == Tier.BASIC else COUNT * self.settings.cost_of(tier)

    async def make(
        self,
        *,
        owner_id: int,
        conversation_id: int,
        source_generation_id: int | None = None,
        proposal_id: int | None = None,
        axis: str,
        tier: str = 'basic',
    ) -> list[GenerationView]:
        """Start three generations that differ along ``axis`` and record them in one assistant message."""
        if axis not in AXES:
            raise InvalidRequest('variants.unknown_axis', axis=axis, axes=', '.join(AXES))
        if tier not in (Tier.BASIC, Tier.PREMIUM, Tier.PRO):
            raise InvalidRequest('generation.unknown_tier')
        async with self.db.session() as session:
            await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            user = await session.get(User, owner_id)
            have = await balance(session=session, user_id=owner_id)
        assert user is not None
        if (need := self.price(tier)) > have:
            raise QuotaExceeded('quota.needs', need=need, have=have)
        prompt, analysis, slug, seed, upload_id = await self._source(owner_id, source_generation_id, proposal_id)
        reference = await self._reference(owner_id, upload_id)
        found, used = await self.runtime.cpu(  # the crop axis finds faces in the photo and encodes its crops
            candidates,
            axis,
            catalog=self.catalog,
            spec=self.catalog.get(slug),
            analysis=analysis,
            seed=seed,
            reference=reference,
        )
        watermark = tier == Tier.BASIC and plan_book(self.settings).watermarked(user)
        chosen = await self.runtime.cpu(
            choose, found, count=COUNT, prompt=prompt, brand_colors=user.brand_colors or None, watermark=watermark
        )
        views: list[GenerationView] = []
        try:
            for shot in chosen:
                upload = await self._crop_upload(owner_id, shot.candidate) if shot.candidate.reference_changed else None
                views.append(
                    await self.generation.start(
                        owner_id=owner_id,
                        prompt=prompt,
                        tier=tier,
                        conversation_id=conversation_id,
                        analysis=shot.candidate.analysis,
                        template_slug=shot.candidate.spec.slug,
                        upload_id=upload if upload is not None else upload_id,
                        seed=shot.candidate.seed,
                        charge=tier != Tier.BASIC,
                    )
                )
        except RoutixError:
            for view in views:  # all three or none: the ones already started are cancelled (and refunded)
                await self.generation.cancel(owner_id=owner_id, generation_id=view.id)
            raise
        meta: dict[str, Any] = {
            'kind': 'variants',
            'axis': used,
            'generation_ids': [view.id for view in views],
            'requested_axis': axis,
            'notices': [{'key': 'variants.crop_without_photo', 'params': {}}] if used != axis else [],
        }
        await self._record(owner_id, conversation_id, meta)
        return views

    async def _source(
        self, owner_id: int, generation_id: int | None, proposal_id: int | None
    ) -> tuple[str, Analysis, str, int, int | None]:
        """Prompt, analysis (with the headline as shown), template, seed and photo of what the variants start from."""
        if generation_id is not None:
            async with self.db.session() as session:
                gen = await owned_generation(session, owner_id, generation_id)
            if gen.status != GenerationStatus.COMPLETED or not gen.template_slug:
                raise InvalidRequest('generation.busy')
            analysis = Analysis.from_dict(gen.analysis)
            headline = str(gen.text_layer.get('headline') or analysis.headline)
            return gen.prompt, replace(analysis, headline=headline), gen.template_slug, gen.seed, gen.upload_id
        async with self.db.session() as session:
            proposal = await session.get(Message, proposal_id) if proposal_id is not None else None
        if proposal is None or proposal.owner_id != owner_id or proposal.meta.get('kind') != 'proposal':
            raise NotFound('chat.proposal_not_found')
        analysis = Analysis.from_dict(proposal.meta['analysis'])
        slug = proposal.meta['matches'][0]['slug'] if proposal.meta.get('matches') else None
        slug = slug or self.catalog.match(analysis, top_n=1)[0].slug
        uploads = proposal.meta.get('upload_ids') or []
        return proposal.meta['prompt'], analysis, slug, proposal.id or 1, uploads[0] if uploads else None

    async def _reference(self, owner_id: int, upload_id: int | None) -> bytes | None:
        if upload_id is None:
            return None
        async with self.db.session() as session:
            upload = await session.get(Upload, upload_id)
        if upload is None or upload.owner_id != owner_id:
            raise NotFound('upload.not_found')
        return await self.store.get(upload.storage_key)

    async def _crop_upload(self, owner_id: int, candidate: Candidate) -> int:
        """Store a face crop of the creator's photo as an upload of theirs (the pipeline renders uploads)."""
        assert candidate.reference is not None
        data = candidate.reference
        width, height = Image.open(io.BytesIO(data)).size
        key = new_key(owner_id, 'png')
        await self.store.put(key, data)
        async with self.db.transaction() as session:
            row = Upload(
                owner_id=owner_id,
                storage_key=key,
                mime='image/png',
                width=width,
                height=height,
                size_bytes=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            session.add(row)
            await session.flush()
            assert row.id is not None
            return row.id

    async def _record(self, owner_id: int, conversation_id: int, meta: dict[str, Any]) -> None:
        """One assistant message holds the set; every open tab of the creator hears of it."""
        async with self.db.transaction() as session:
            msg = Message(conversation_id=conversation_id, owner_id=owner_id, role='assistant', content='', meta=meta)
            session.add(msg)
        self.chat.messages_for(owner_id).emit(message_view(msg, {}))

    async def export_zip(self, *, owner_id: int, message_id: int) -> bytes:
        """The finished thumbnails of a variant set as one zip (variant-A.jpg, -B, -C) for YouTube Test & Compare."""
        async with self.db.session() as session:
            msg = await session.get(Message, message_id)
            if msg is None or msg.owner_id != owner_id or msg.meta.get('kind') != 'variants':
                raise NotFound('not_found')
            ids = [int(i) for i in msg.meta.get('generation_ids') or []]
            rows = [await session.get(Generation, i) for i in ids]
        files: list[tuple[str, bytes]] = []
        for letter, gen in zip('ABC', rows, strict=False):
            if gen is None or gen.owner_id != owner_id or gen.deleted_at is not None or not gen.image_key:
                continue  # deleted or not finished (yet): the zip holds the ones that are ready
            files.append((f'variant-{letter}.jpg', await self.store.get(gen.image_key)))
        if not files:
            raise NotFound('generation.not_finished')
        return await self.runtime.cpu(zip_files, files)


def zip_files(files: list[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, data)`` pairs, stored (JPEGs do not compress)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', compression=zipfile.ZIP_STORED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return out.getvalue()
