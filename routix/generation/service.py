"""The generation service: validate, charge, queue, run the five stages, report every change as an event."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from nicegui import Event, background_tasks
from sqlalchemy import update
from sqlmodel import col, select

from routix import render
from routix.accounts import credits
from routix.analysis.model import Analysis, Analyzer
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound, ProviderError, Refused, RoutixError
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.design.catalog import TemplateCatalog
from routix.design.templates import effective_palette, initial_text_layer, layout_for
from routix.design.textlayer import TextLayer
from routix.generation.views import FINISHED, GenerationView
from routix.models import Generation, Upload, User, utcnow
from routix.providers.base import ImageRequest
from routix.storage import ImageStore, new_key

log = logging.getLogger(__name__)
INTERRUPTED = 'Interrupted by a server restart.'


class GenerationService:
    """Owns every generation job from ``start`` to a finished image (or a refunded failure)."""

    def __init__(
        self,
        *,
        settings: Settings,
        db: Database,
        store: ImageStore,
        analyzer: Analyzer,
        catalog: TemplateCatalog,
        chains: dict[str, Any] | None = None,
        runtime: Runtime | None = None,
        balances: credits.BalanceEvents | None = None,
    ) -> None:
        self.balances = balances or credits.BalanceEvents()
        self.settings = settings
        self.db = db
        self.store = store
        self.analyzer = analyzer
        self.catalog = catalog
        self.chains = chains or {}  # tier → ProviderChain for paid tiers
        self.runtime: Runtime = runtime or NiceGuiRuntime()
        self._slots = asyncio.Semaphore(settings.job_concurrency)
        self._waiting: list[int] = []  # queued generation ids, first come first served
        self._tasks: dict[int, asyncio.Task] = {}
        self._cancelled: set[int] = set()
        self._pending: dict[int, dict[str, Any]] = {}  # unsaved progress of running jobs
        self._per_user: defaultdict[int, Event[GenerationView]] = defaultdict(Event)
        self.GENERATION_UPDATED = Event[GenerationView]()
        """a generation changed stage or status; the payload is ready to render"""

    def updates_for(self, user_id: int) -> Event[GenerationView]:
        """The event that carries only this user's generation updates (what a page subscribes to)."""
        return self._per_user[user_id]

    async def start(
        self,
        *,
        owner_id: int,
        prompt: str,
        tier: str = 'basic',
        conversation_id: int | None = None,
        analysis: Analysis | None = None,
        template_slug: str | None = None,
        upload_id: int | None = None,
        parent_id: int | None = None,
        text_layer: TextLayer | None = None,
        seed: int | None = None,
        background_key: str | None = None,
        provider: str = 'basic',
        model: str = '',
        charge: bool = True,
    ) -> GenerationView:
        """Validate, debit credits (paid tiers), insert a queued generation and schedule it."""
        prompt = prompt.strip()
        if not prompt:
            raise InvalidRequest('Describe the thumbnail you want first.')
        if len(prompt) > self.settings.max_prompt_chars:
            raise InvalidRequest(f'The description is too long (at most {self.settings.max_prompt_chars} characters).')
        if tier not in ('basic', 'premium', 'pro'):
            raise InvalidRequest('Unknown tier.')
        if charge and tier != 'basic' and tier not in self.chains and not self.settings.fallback_to_basic:
            raise InvalidRequest(f'The {tier} tier is not configured on this server.')
        if template_slug is not None:
            self.catalog.get(template_slug)  # unknown → InvalidRequest before anything is written
        cost = self.settings.cost_of(tier) if charge else 0
        async with self.db.transaction() as session:
            if upload_id is not None:
                upload = await session.get(Upload, upload_id)
                if upload is None or upload.owner_id != owner_id:
                    raise NotFound('That reference image does not exist.')
            gen = Generation(
                owner_id=owner_id,
                conversation_id=conversation_id,
                parent_id=parent_id,
                prompt=prompt,
                tier=tier,
                analysis=analysis.to_dict() if analysis else {},
                template_slug=template_slug,
                upload_id=upload_id,
                text_layer=text_layer.to_dict() if text_layer else {},
                seed=seed if seed is not None else random.randrange(1, 2**31),
                credits_charged=cost,
                background_key=background_key,
                provider=provider,
                model=model,
                headline=(text_layer.headline if text_layer else analysis.headline if analysis else '')[:300],
                category=analysis.category if analysis else '',
            )
            session.add(gen)
            await session.flush()
            assert gen.id is not None
            balance = None
            if cost:
                balance = await credits.debit(
                    session=session, user_id=owner_id, amount=cost, reason='generation', generation_id=gen.id
                )
        if balance is not None:
            self.balances.changed(owner_id, balance)
        self._schedule(gen.id)
        view = GenerationView.of(gen, queue_position=self.queue_position(gen.id))
        self._emit(view)
        return view

    async def edit(self, *, owner_id: int, generation_id: int, text_layer: TextLayer) -> GenerationView:
        """A new version of a finished thumbnail with another text layer: no re-analysis, provider call or charge."""
        parent = await self._get(owner_id, generation_id)
        if parent.status != 'completed':
            raise InvalidRequest('Wait until this thumbnail is finished before changing it.')
        if parent.match.get('full_bleed'):
            raise InvalidRequest(
                'The AI painted the text of this design itself, so it cannot be edited. '
                'Describe the change in a new request instead.'
            )
        return await self.start(
            owner_id=owner_id,
            prompt=parent.prompt,
            tier=parent.tier if parent.background_key else 'basic',
            conversation_id=parent.conversation_id,
            analysis=Analysis.from_dict(parent.analysis),
            template_slug=parent.template_slug,
            upload_id=parent.upload_id,
            parent_id=parent.id,
            text_layer=text_layer,
            seed=parent.seed,
            background_key=parent.background_key,
            provider=parent.provider,
            model=parent.model,
            charge=False,
        )

    async def get(self, *, owner_id: int, generation_id: int) -> GenerationView:
        """One generation of this owner as a view."""
        gen = await self._get(owner_id, generation_id)
        assert gen.id is not None
        return GenerationView.of(gen, queue_position=self.queue_position(gen.id))

    def queue_position(self, generation_id: int) -> int | None:
        """1-based place in the queue, or None when not waiting."""
        try:
            return self._waiting.index(generation_id) + 1
        except ValueError:
            return None

    async def cancel(self, *, owner_id: int, generation_id: int) -> None:
        """Cancel a queued or running generation of this owner; its credits are refunded."""
        gen = await self._get(owner_id, generation_id)
        if gen.status in FINISHED:
            return
        self._cancelled.add(generation_id)
        task = self._tasks.get(generation_id)
        if task is not None and not task.done():
            task.cancel()
        else:
            await self._finish_failed(generation_id, status='cancelled', error='Cancelled.')

    async def recover(self) -> None:
        """After a crash: resume queued jobs, fail (and refund) the ones that were mid-flight."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(Generation)
                    .where(Generation.status.in_(('queued', 'processing')))  # type: ignore[attr-defined]
                    .order_by(Generation.id)
                )
            ).all()
        for gen in rows:
            assert gen.id is not None
            if gen.status == 'processing':
                await self._finish_failed(gen.id, status='failed', error=INTERRUPTED)
            else:
                self._schedule(gen.id)

    async def shutdown(self) -> None:
        """Stop every job; unfinished ones are recorded as interrupted and refunded, never left 'processing'."""
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # ---- the job -------------------------------------------------------------------------------------------------

    def _schedule(self, generation_id: int) -> None:
        self._waiting.append(generation_id)
        self._tasks[generation_id] = background_tasks.create(
            self._job(generation_id), name=f'generation-{generation_id}'
        )

    async def _job(self, generation_id: int) -> None:
        try:
            async with self._slots:
                self._waiting.remove(generation_id)
                await self._announce_queue()
                await self._run(generation_id)
        except asyncio.CancelledError:
            if generation_id in self._waiting:
                self._waiting.remove(generation_id)
            user_cancelled = generation_id in self._cancelled
            await asyncio.shield(
                self._finish_failed(
                    generation_id,
                    status='cancelled' if user_cancelled else 'failed',
                    error='Cancelled.' if user_cancelled else INTERRUPTED,
                )
            )
        except RoutixError as e:
            await self._finish_failed(generation_id, status='failed', error=e.user_message)
        except Exception:
            log.exception('generation %s crashed', generation_id)
            await self._finish_failed(generation_id, status='failed', error='Something went wrong while rendering.')
        finally:
            self._tasks.pop(generation_id, None)
            self._cancelled.discard(generation_id)
            self._pending.pop(generation_id, None)

    async def _run(self, generation_id: int) -> None:
        async with self.db.session() as session:
            gen = await session.get(Generation, generation_id)
            assert gen is not None
            user = await session.get(User, gen.owner_id)
            upload = await session.get(Upload, gen.upload_id) if gen.upload_id else None
        if gen.status != 'queued':
            return  # cancelled while waiting
        assert user is not None
        timings: dict[str, int] = {}
        gen = await self._update(gen, status='processing', stage=1, progress=5, started_at=utcnow())
        reference = await self.store.get(upload.storage_key) if upload else None

        tick = time.perf_counter()
        analysis = (
            Analysis.from_dict(gen.analysis)
            if gen.analysis
            else await self.analyzer.analyze(gen.prompt, images=[reference] if reference else None)
        )
        timings['analysing'] = _ms(tick)
        gen = await self._update(
            gen,
            persist=False,
            stage=2,
            progress=20,
            analysis=analysis.to_dict(),
            category=analysis.category,
            headline=gen.headline or analysis.headline[:300],
        )

        tick = time.perf_counter()
        matches = self.catalog.match(analysis, pinned=gen.template_slug, top_n=3)
        spec = self.catalog.get(matches[0].slug)
        layer = (
            TextLayer.from_dict(gen.text_layer)
            if gen.text_layer
            else initial_text_layer(spec, analysis, brand_colors=user.brand_colors or None)
        )
        palette = effective_palette(spec, analysis, brand_colors=user.brand_colors or None)
        watermark = gen.tier == 'basic' and user.tier == 'free' and not gen.background_key
        timings['matching'] = _ms(tick)
        gen = await self._update(
            gen,
            persist=False,
            stage=3,
            progress=35,
            template_slug=spec.slug,
            template_score=matches[0].score,
            match={
                'chosen': asdict(matches[0]),
                'runners_up': [asdict(m) for m in matches[1:]],
                'palette': palette,
                'watermark': watermark,
            },
            text_layer=layer.to_dict(),
        )

        tick = time.perf_counter()
        background_png, provider, model, notice = await self._background(gen, spec, analysis, reference)
        background = await self._paint(gen, spec, palette, background_png)
        timings['background'] = _ms(tick)
        # a full-bleed template lets the provider paint the headline itself: Routix draws no text over it
        full_bleed = spec.full_bleed and provider != 'basic'
        gen = await self._update(
            gen,
            persist=False,
            stage=4,
            progress=65,
            provider=provider,
            model=model,
            notice=notice,
            match={**gen.match, 'full_bleed': full_bleed},
        )

        tick = time.perf_counter()
        drawn = replace(layer, headline='', subtitle='') if full_bleed else layer
        composed = await self._cpu(
            render.compose,
            background=background,
            layout=layout_for(spec, palette),
            text=drawn,
            reference=reference,
            watermark=watermark,
        )
        timings['composing'] = _ms(tick)
        gen = await self._update(gen, persist=False, stage=5, progress=85)

        tick = time.perf_counter()
        finished = await self._cpu(render.finalise, composed.image)
        keys = {'image_key': new_key(gen.owner_id, 'jpg'), 'preview_key': new_key(gen.owner_id, 'webp')}
        await asyncio.gather(
            self.store.put(keys['image_key'], finished.jpeg), self.store.put(keys['preview_key'], finished.preview)
        )
        if background_png is not None and not gen.background_key:
            keys['background_key'] = new_key(gen.owner_id, 'png')
            await self.store.put(keys['background_key'], background_png)
        timings['finalising'] = _ms(tick)
        timings['total'] = sum(timings.values())
        await self._update(
            gen,
            status='completed',
            stage=5,
            progress=100,
            finished_at=utcnow(),
            image_bytes=len(finished.jpeg),
            timings=timings,
            **keys,
        )

    async def master_png(self, *, owner_id: int, generation_id: int) -> bytes:
        """The lossless master, re-rendered from the stored recipe on first request (renders are deterministic)."""
        gen = await self._get(owner_id, generation_id)
        if gen.status != 'completed' or not gen.template_slug:
            raise NotFound('That thumbnail is not finished.')
        if gen.png_key:
            return await self.store.get(gen.png_key)
        async with self.db.session() as session:
            upload = await session.get(Upload, gen.upload_id) if gen.upload_id else None
        spec = self.catalog.get(gen.template_slug)
        palette = gen.match.get('palette') or effective_palette(spec, Analysis.from_dict(gen.analysis))
        background_png = await self.store.get(gen.background_key) if gen.background_key else None
        background = await self._paint(gen, spec, palette, background_png)
        layer = TextLayer.from_dict(gen.text_layer)
        composed = await self._cpu(
            render.compose,
            background=background,
            layout=layout_for(spec, palette),
            text=replace(layer, headline='', subtitle='') if gen.match.get('full_bleed') else layer,
            reference=await self.store.get(upload.storage_key) if upload else None,
            watermark=bool(gen.match.get('watermark')),
        )
        png = (await self._cpu(render.finalise, composed.image, master=True)).png
        assert png is not None
        key = new_key(gen.owner_id, 'png')
        await self.store.put(key, png)
        async with self.db.transaction() as session:
            row = await session.get(Generation, gen.id)
            if row is not None:
                row.png_key = key
                session.add(row)
        return png

    async def _paint(self, gen: Generation, spec: Any, palette: list[str], background_png: bytes | None) -> Any:
        if background_png is None:
            return await self._cpu(
                render.paint_background, layout=layout_for(spec, palette), palette=palette, seed=gen.seed
            )
        return await self._cpu(render.fit_background, background_png)

    async def _background(
        self, gen: Generation, spec: Any, analysis: Analysis, reference: bytes | None
    ) -> tuple[bytes | None, str, str, str | None]:
        """The provider's picture (PNG) for paid tiers, or None for the basic renderer."""
        if gen.background_key:
            return await self.store.get(gen.background_key), gen.provider, gen.model, None
        if gen.tier == 'basic':
            return None, 'basic', 'routix-pillow', None
        chain = self.chains.get(gen.tier)
        request = ImageRequest(
            prompt=_visual_prompt(analysis, spec),
            style_preset=spec.stability_style,
            reference=reference,
            seed=gen.seed % 4294967294,
        )
        try:
            if chain is None:
                raise ProviderError(f'No provider is configured for the {gen.tier} tier.')
            image = await chain.generate(request)
            return image.image, image.provider, image.model, None
        except ProviderError as e:
            if not self.settings.fallback_to_basic or isinstance(e, Refused):
                raise
            await self._refund(gen.id, reason='refund')
            return (
                None,
                'basic',
                'routix-pillow',
                f'{e.user_message} Finished with the basic renderer instead; your credits were refunded.',
            )

    # ---- bookkeeping ---------------------------------------------------------------------------------------------

    async def _cpu(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await self.runtime.cpu(fn, *args, **kwargs)

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
        self._emit(GenerationView.of(gen))
        return gen

    async def _finish_failed(self, generation_id: int, *, status: str, error: str) -> None:
        async with self.db.transaction() as session:
            row = await session.get(Generation, generation_id)
            if row is None or row.status in FINISHED:
                return
            for name, value in self._pending.pop(generation_id, {}).items():  # what the failed run had learnt
                setattr(row, name, value)
            refunded = await self._refund_in(session, row)
            row.status, row.error, row.finished_at = status, error, utcnow()
            if refunded:
                row.error = f'{error} Your {refunded} credits were refunded.'
            session.add(row)
        self._emit(GenerationView.of(row))

    async def _refund(self, generation_id: int | None, *, reason: str) -> None:
        async with self.db.transaction() as session:
            row = await session.get(Generation, generation_id)
            if row is not None:
                await self._refund_in(session, row)
                session.add(row)

    async def _refund_in(self, session: Any, row: Generation) -> int:
        """Refund once: the conditional update on ``refunded`` makes a second refund a no-op."""
        if not row.credits_charged or row.refunded:
            return 0
        result = await session.exec(
            update(Generation)
            .where(col(Generation.id) == row.id, col(Generation.refunded).is_(False))
            .values(refunded=True)
        )
        if result.rowcount != 1:
            return 0
        row.refunded = True
        balance = await credits.credit(
            session=session, user_id=row.owner_id, amount=row.credits_charged, reason='refund', generation_id=row.id
        )
        self.balances.changed(row.owner_id, balance)
        return row.credits_charged

    async def _announce_queue(self) -> None:
        if not self._waiting:
            return
        async with self.db.session() as session:
            rows = (await session.exec(select(Generation).where(Generation.id.in_(self._waiting)))).all()  # type: ignore[union-attr]
        for row in rows:
            assert row.id is not None
            self._emit(GenerationView.of(row, queue_position=self.queue_position(row.id)))

    async def _get(self, owner_id: int, generation_id: int) -> Generation:
        async with self.db.session() as session:
            gen = await session.get(Generation, generation_id)
        if gen is None or gen.owner_id != owner_id or gen.deleted_at is not None:
            raise NotFound('That thumbnail does not exist.')
        return gen

    def _emit(self, view: GenerationView) -> None:
        self.GENERATION_UPDATED.emit(view)
        self._per_user[view.owner_id].emit(view)


def _visual_prompt(analysis: Analysis, spec: Any) -> str:
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


def _ms(start: float) -> int:
    return round((time.perf_counter() - start) * 1000)
