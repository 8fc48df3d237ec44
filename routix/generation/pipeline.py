"""The five stages of one generation job (analyse, match, background, compose, store), each reported live."""

from __future__ import annotations

import asyncio
import time
from dataclasses import asdict
from typing import Any

from routix import render
from routix.analysis.model import Analysis, Analyzer
from routix.analysis.subjects import subject_for
from routix.billing.plans import plan_book
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import ProviderError, Refused
from routix.core.runtime import Runtime
from routix.design.catalog import TemplateCatalog
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer
from routix.design.textlayer import TextLayer
from routix.generation.recipe import Recipe, compose_recipe
from routix.generation.refunds import Refunds
from routix.generation.updates import GenerationUpdates
from routix.generation.views import GenerationView, notices_text
from routix.models import Generation, Upload, User, utcnow
from routix.providers.base import ImageRequest
from routix.providers.chain import ProviderChain
from routix.storage import ImageStore, new_key
from routix.vocabulary import GenerationStatus, Stage, Tier

BASIC_PROVIDER, BASIC_MODEL = 'basic', 'routix-pillow'  # what the offline renderer is recorded as


class Pipeline:
    """Takes one queued generation through its stages to a stored image; errors propagate to the caller."""

    def __init__(
        self,
        *,
        settings: Settings,
        db: Database,
        store: ImageStore,
        analyzer: Analyzer,
        catalog: TemplateCatalog,
        chains: dict[Tier, ProviderChain],
        runtime: Runtime,
        refunds: Refunds,
        updates: GenerationUpdates,
    ) -> None:
        self.settings = settings
        self.db = db
        self.store = store
        self.analyzer = analyzer
        self.catalog = catalog
        self.chains = chains
        self.runtime = runtime
        self.refunds = refunds
        self.updates = updates
        self._pending: dict[int, dict[str, Any]] = {}  # unsaved progress of running jobs

    def unsaved(self, generation_id: int) -> dict[str, Any]:
        """Take what a job had learnt but not yet saved (so a failure can keep it); forgets it here."""
        return self._pending.pop(generation_id, {})

    async def run(self, generation_id: int) -> None:
        """Run the stages of a queued generation; one cancelled while it waited is left alone."""
        async with self.db.session() as session:
            gen = await session.get(Generation, generation_id)
            assert gen is not None
            user = await session.get(User, gen.owner_id)
            upload = await session.get(Upload, gen.upload_id) if gen.upload_id else None
        if gen.status != GenerationStatus.QUEUED:
            return  # cancelled while waiting
        assert user is not None
        clock = _Stopwatch()
        gen = await self._update(
            gen, status=GenerationStatus.PROCESSING, stage=Stage.ANALYSING, progress=5, started_at=utcnow()
        )
        reference = await self.store.get(upload.storage_key) if upload else None

        clock.start()
        analysis = (
            Analysis.from_dict(gen.analysis)
            if gen.analysis
            else await self.analyzer.analyze(gen.prompt, images=[reference] if reference else None)
        )
        clock.stop('analysing')
        gen = await self._update(
            gen,
            persist=False,
            stage=Stage.MATCHING,
            progress=20,
            analysis=analysis.to_dict(),
            category=analysis.category,
            headline=gen.headline or analysis.headline[:300],
        )

        clock.start()
        matches = self.catalog.match(analysis, pinned=gen.template_slug, top_n=3)
        spec = self.catalog.get(matches[0].slug)
        brand_colors = user.brand_colors or None
        layer = (
            TextLayer.from_dict(gen.text_layer)
            if gen.text_layer
            else initial_text_layer(spec, analysis, brand_colors=brand_colors, prompt=gen.prompt)
        )
        palette = effective_palette(spec, analysis, brand_colors=brand_colors)
        watermark = gen.tier == Tier.BASIC and plan_book(self.settings).watermarked(user) and not gen.background_key
        clock.stop('matching')
        gen = await self._update(
            gen,
            persist=False,
            stage=Stage.BACKGROUND,
            progress=35,
            template_slug=spec.slug,
            template_score=matches[0].score,
            match={
                'chosen': asdict(matches[0]),
                'runners_up': [asdict(m) for m in matches[1:]],
                'palette': palette,
                'watermark': watermark,
                **({'mirrored': True} if gen.match.get('mirrored') else {}),  # a Regenerate's side, kept
                'subject': subject_for(
                    subject=analysis.subject, category=spec.category, texts=(analysis.headline,)
                ).name,
            },
            text_layer=layer.to_dict(),
        )

        clock.start()
        background_png, provider, model, notices = await self._background(gen, spec, analysis, reference)
        gen = await self._update(
            gen,
            persist=False,
            stage=Stage.COMPOSING,
            progress=65,
            provider=provider,
            model=model,
            notices=notices,
            notice=notices_text(notices, 'en')[:500] or None,  # the English text, for logs and old readers
            # a full-bleed template lets the provider paint the headline itself: Routix draws no text over it
            match={**gen.match, 'full_bleed': spec.full_bleed and provider != BASIC_PROVIDER},
        )
        recipe = Recipe.of(gen, spec=spec, background=background_png, reference=reference)
        composed = await compose_recipe(recipe, runtime=self.runtime, painted=lambda: clock.lap('background'))
        clock.stop('composing')
        gen = await self._update(  # the layers (boxes, text, cap height, contrast) are what the check reads for ours
            gen, persist=False, stage=Stage.FINALISING, progress=85, match={**gen.match, 'layers': composed.layers}
        )

        clock.start()
        finished = await self.runtime.cpu(render.finalise, composed.image)
        keys: dict[str, Any] = {'image_key': new_key(gen.owner_id, 'jpg'), 'preview_key': new_key(gen.owner_id, 'webp')}
        await asyncio.gather(
            self.store.put(keys['image_key'], finished.jpeg), self.store.put(keys['preview_key'], finished.preview)
        )
        if background_png is not None and not gen.background_key:
            keys['background_key'] = new_key(gen.owner_id, 'png')
            await self.store.put(keys['background_key'], background_png)
        clock.stop('finalising')
        await self._update(
            gen,
            status=GenerationStatus.COMPLETED,
            stage=Stage.FINALISING,
            progress=100,
            finished_at=utcnow(),
            image_bytes=len(finished.jpeg),
            timings=clock.timings(),
            **keys,
        )

    async def _background(
        self, gen: Generation, spec: TemplateSpec, analysis: Analysis, reference: bytes | None
    ) -> tuple[bytes | None, str, str, list[dict[str, Any]]]:
        """The provider's picture (PNG) for paid tiers, or None for the basic renderer; then provider, model, notices.

        A notice is ``{'key': translation key, 'params': {...}}``; pages translate them in order.
        """
        if gen.background_key:
            return await self.store.get(gen.background_key), gen.provider, gen.model, []
        if gen.tier == Tier.BASIC:
            return None, BASIC_PROVIDER, BASIC_MODEL, []
        chain = self.chains.get(gen.tier)
        request = ImageRequest(
            prompt=_visual_prompt(analysis, spec),
            style_preset=spec.stability_style,
            reference=reference,
            seed=gen.seed % 4294967294,
        )
        try:
            if chain is None:
                raise ProviderError('generation.no_provider', tier=str(gen.tier))
            image = await chain.generate(request)
            return image.image, image.provider, image.model, []
        except ProviderError as e:
            if not self.settings.fallback_to_basic or isinstance(e, Refused):
                raise
            assert gen.id is not None
            await self.refunds.refund(gen.id)
            # labelled and watermarked by what made it: a basic job (the free plan's watermark), asked for as paid
            async with self.db.session() as session:
                owner = await session.get(User, gen.owner_id)
            free = owner is None or plan_book(self.settings).watermarked(owner)
            match = {**gen.match, 'watermark': free, 'requested_tier': str(gen.tier)}
            gen = await self._update(gen, persist=False, tier=Tier.BASIC, match=match)
            # what failed, then what Routix did instead: both translated when shown
            why = {'key': f'error.{e.code}', 'params': dict(e.params)}
            return None, BASIC_PROVIDER, BASIC_MODEL, [why, {'key': 'notice.fell_back', 'params': {}}]

    async def _update(self, gen: Generation, *, persist: bool = True, **values: Any) -> Generation:
        """Apply values and tell the pages; intermediate stages stay in memory until the next persisted update.

        Only the start of processing and the outcome must survive a crash (recovery reads the status); writing every
        stage cost a commit each on the click-to-image path.
        """
        assert gen.id is not None
        pending = self._pending.setdefault(gen.id, {})
        pending.update(values)
        for name, value in values.items():
            setattr(gen, name, value)
        if persist:
            async with self.db.transaction(durable=False) as session:
                row = await session.get(Generation, gen.id)
                assert row is not None
                for name, value in pending.items():
                    setattr(row, name, value)
                session.add(row)
            pending.clear()
            gen = row
        self.updates.emit(GenerationView.of(gen))
        return gen


class _Stopwatch:
    """Milliseconds per stage; the live updates between stages are not counted."""

    def __init__(self) -> None:
        self._start = time.perf_counter()
        self._timings: dict[str, int] = {}

    def start(self) -> None:
        self._start = time.perf_counter()

    def stop(self, stage: str) -> None:
        self._timings[stage] = round((time.perf_counter() - self._start) * 1000)

    def lap(self, stage: str) -> None:
        """Stop ``stage`` and start the next one at once."""
        self.stop(stage)
        self.start()

    def timings(self) -> dict[str, int]:
        return {**self._timings, 'total': sum(self._timings.values())}


def _visual_prompt(analysis: Analysis, spec: TemplateSpec) -> str:
    colours = ', '.join(analysis.palette[:3])
    subject = analysis.subject or analysis.headline
    look = (
        f'YouTube thumbnail, {analysis.category} video about {subject}, {analysis.style} style, '
        f'{analysis.mood} mood, colour palette {colours}, high contrast'
    )
    if spec.full_bleed:
        return f'{look}, with the headline "{analysis.headline}" in huge bold letters'
    side = 'right' if analysis.direction == 'rtl' else 'left'
    return f'{look}, background only, leave empty space on the {side} for a headline, no text, no letters'
