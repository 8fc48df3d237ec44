"""The generation service: the facade pages call to start, edit, read, cancel and download generations.

The work is done by collaborators, one responsibility each: ``JobQueue`` (slots, waiting order, cancellation),
``Pipeline`` (the five stages), ``recipe`` (recipe → image, shared with ``master_png``), ``Refunds`` (credits back,
failed endings) and ``GenerationUpdates`` (the per-creator events pages subscribe to).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

from nicegui import Event
from sqlalchemy import update
from sqlmodel import col, select

from routix import render
from routix.accounts import credits
from routix.analysis.model import Analysis, Analyzer
from routix.billing.rules import check_tier, exports_unmarked
from routix.core import limits
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound, RoutixError
from routix.core.events import EventTables, local_tables
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.design.catalog import TemplateCatalog
from routix.design.textlayer import TextLayer
from routix.edits import revise as revision
from routix.edits.change import RecipeChange
from routix.generation.owned import owned_generation
from routix.generation.pipeline import Pipeline
from routix.generation.queue import JobQueue
from routix.generation.recipe import Recipe, compose_recipe
from routix.generation.refunds import Refunds
from routix.generation.updates import GenerationUpdates
from routix.generation.views import FINISHED, GenerationView
from routix.models import Generation, Upload
from routix.providers.chain import ProviderChain
from routix.storage import ImageStore, new_key
from routix.vocabulary import TIERS, GenerationStatus, Tier

log = logging.getLogger(__name__)
INTERRUPTED = 'generation.interrupted'  # the codes of endings that are no RoutixError
_CANCELLED = 'generation.cancelled'
_CRASHED = 'generation.render_failed'


class RemoteJobs(Protocol):
    """A job queue in other processes (``routix worker``) that replaces the in-process one (routix/cluster);
    ``cancel`` answers True when no worker runs the job (the caller then records the cancellation)."""

    async def defer(self, generation_id: int) -> None: ...

    async def cancel(self, generation_id: int) -> bool: ...

    async def waiting(self) -> list[int]: ...


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
        chains: dict[Tier, ProviderChain] | None = None,
        runtime: Runtime | None = None,
        balances: credits.BalanceEvents | None = None,
        events: EventTables = local_tables,
    ) -> None:
        self.balances = balances or credits.BalanceEvents()
        self.settings = settings
        self.db = db
        self.store = store
        self.analyzer = analyzer
        self.catalog = catalog
        self.chains = chains or {}  # the provider chain of each configured paid tier
        self.runtime: Runtime = runtime or NiceGuiRuntime()
        self.remote: RemoteJobs | None = None
        """set (by routix/cluster) when workers run the generations; None: the in-process queue does"""
        self._updates = GenerationUpdates(events)
        self._queue = JobQueue(concurrency=settings.job_concurrency)
        self._refunds = Refunds(db=db, balances=self.balances, updates=self._updates)
        self._pipeline = Pipeline(
            settings=settings,
            db=db,
            store=store,
            analyzer=analyzer,
            catalog=catalog,
            chains=self.chains,
            runtime=self.runtime,
            refunds=self._refunds,
            updates=self._updates,
        )

    def updates_for(self, user_id: int) -> Event[GenerationView]:
        """The event that carries only this user's generation updates (what a page subscribes to)."""
        return self._updates.for_user(user_id)

    async def start(
        self,
        *,
        owner_id: int,
        prompt: str,
        tier: str = Tier.BASIC,
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
        mirrored: bool = False,  # the layout on the other side (a Regenerate's design.variation.seeded_mirror)
    ) -> GenerationView:
        """Validate, debit credits (paid tiers), insert a queued generation and schedule it."""
        prompt = prompt.strip()
        if not prompt:
            raise InvalidRequest('generation.prompt_missing')
        if len(prompt) > self.settings.max_prompt_chars:
            raise InvalidRequest('generation.prompt_too_long', limit=self.settings.max_prompt_chars)
        if tier not in TIERS:
            raise InvalidRequest('generation.unknown_tier')
        chosen = Tier(tier)
        if charge and chosen != Tier.BASIC and chosen not in self.chains and not self.settings.fallback_to_basic:
            raise InvalidRequest('generation.tier_not_configured', tier=str(chosen))
        if template_slug is not None:
            self.catalog.get(template_slug)  # unknown → InvalidRequest before anything is written
        if charge:  # fair use, checked before anything is charged
            await limits.check_generation(db=self.db, settings=self.settings, owner_id=owner_id)
            await check_tier(db=self.db, settings=self.settings, owner_id=owner_id, tier=chosen)  # the plan's tiers
        else:  # free work too is refused to a disabled account (a tab opened before it was disabled)
            await limits.check_account(db=self.db, owner_id=owner_id)
        cost = self.settings.cost_of(chosen) if charge else 0
        async with self.db.transaction() as session:
            if upload_id is not None:
                upload = await session.get(Upload, upload_id)
                if upload is None or upload.owner_id != owner_id:
                    raise NotFound('upload.not_found')
            gen = Generation(
                owner_id=owner_id,
                conversation_id=conversation_id,
                parent_id=parent_id,
                prompt=prompt,
                tier=chosen,
                analysis=analysis.to_dict() if analysis else {},
                template_slug=template_slug,
                upload_id=upload_id,
                text_layer=text_layer.to_dict() if text_layer else {},
                seed=seed if seed is not None else random.randrange(1, 2**31),
                match={'mirrored': True} if mirrored else {},
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
        if self.remote is not None:
            await self._defer(gen.id)
        else:
            self._schedule(gen.id)
        (view,) = await self.views_of([gen])  # with its place in line (None: a slot or a worker has it already)
        self._updates.emit(view)
        return view

    async def edit(self, *, owner_id: int, generation_id: int, text_layer: TextLayer) -> GenerationView:
        """A new version of a finished thumbnail with another text layer (``revise`` with only that change)."""
        change = RecipeChange(text_layer=text_layer)
        return await self.revise(owner_id=owner_id, generation_id=generation_id, change=change)

    async def revise(self, *, owner_id: int, generation_id: int, change: RecipeChange) -> GenerationView:
        """A new version of a finished thumbnail, re-rendered from its recipe with ``change``: a child row, finished
        when this returns, with no analysis, provider call or charge. ``edit.no_change`` when the recipe or the
        pixels would stay the same."""
        parent = await self._get(owner_id, generation_id)
        if parent.status != GenerationStatus.COMPLETED or not parent.template_slug:
            raise InvalidRequest('generation.busy')
        await limits.check_edit(db=self.db, settings=self.settings, owner_id=owner_id)  # disabled, or too many
        if parent.match.get('full_bleed') and change.text_layer is not None:
            raise InvalidRequest('generation.text_painted')
        spec = self.catalog.get(change.template_slug or parent.template_slug)
        old = Recipe.of(parent, spec=self.catalog.get(parent.template_slug), background=None, reference=None)
        child = revision.child_of(parent, change, old=old, spec=spec)
        if revision.same_recipe(parent, child, old=old):
            raise InvalidRequest('edit.no_change')
        background = await self.store.get(parent.background_key) if parent.background_key else None
        reference = await self._reference(owner_id, child.upload_id)
        new = Recipe.of(child, spec=spec, background=background, reference=reference)
        before = await self.store.get(parent.image_key) if parent.image_key else b''
        drawn = await self.runtime.cpu(revision.render_revision, new, before)
        if drawn is None:  # a picture dropped where the layout cannot take it (over the text, off the edge) stays put
            raise InvalidRequest('edit.picture_blocked' if change.subject_box is not None else 'edit.no_change')
        image_key, preview_key = new_key(owner_id, 'jpg'), new_key(owner_id, 'webp')
        await asyncio.gather(self.store.put(image_key, drawn.jpeg), self.store.put(preview_key, drawn.preview))
        revision.complete(child, drawn, image_key=image_key, preview_key=preview_key)
        async with self.db.transaction() as session:
            session.add(child)
        view = GenerationView.of(child)
        self._updates.emit(view)
        return view

    async def _reference(self, owner_id: int, upload_id: int | None) -> bytes | None:
        """The stored bytes of this owner's upload (None for none); NotFound for anyone else's."""
        if upload_id is None:
            return None
        async with self.db.session() as session:
            upload = await session.get(Upload, upload_id)
        if upload is None or upload.owner_id != owner_id:
            raise NotFound('upload.not_found')
        return await self.store.get(upload.storage_key)

    async def get(self, *, owner_id: int, generation_id: int) -> GenerationView:
        """One generation of this owner as a view."""
        (view,) = await self.views_of([await self._get(owner_id, generation_id)])
        return view

    async def views_of(self, rows: Sequence[Generation], *, line: list[int] | None = None) -> list[GenerationView]:
        """Views of ``rows``; the waiting ones say their place in ``line`` (by default the queue's: the workers', in a
        cluster)."""
        if line is None:
            line = []
            if any(gen.status == GenerationStatus.QUEUED for gen in rows):
                line = await self.remote.waiting() if self.remote is not None else list(self._queue.waiting)
        return [GenerationView.of(g, queue_position=line.index(g.id) + 1 if g.id in line else None) for g in rows]

    async def cancel(self, *, owner_id: int, generation_id: int) -> None:
        """Cancel a queued or running generation of this owner; its credits are refunded."""
        gen = await self._get(owner_id, generation_id)
        if gen.status in FINISHED:
            return
        if self.remote is not None:
            if await self.remote.cancel(generation_id):  # no worker had it: end it here
                await self._fail(generation_id, status=GenerationStatus.CANCELLED, code=_CANCELLED)
            return
        if not self._queue.cancel(generation_id):  # no live job (e.g. left queued by a crash): end it here
            await self._fail(generation_id, status=GenerationStatus.CANCELLED, code=_CANCELLED)

    async def recover(self) -> None:
        """After a crash: resume queued jobs, fail (and refund) the ones that were mid-flight."""
        if self.remote is not None:
            return  # the workers own the jobs: a dead worker's job is put back in line by the others
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(Generation)
                    .where(col(Generation.status).in_((GenerationStatus.QUEUED, GenerationStatus.PROCESSING)))
                    .order_by(col(Generation.id))
                )
            ).all()
        for gen in rows:
            assert gen.id is not None
            if gen.status == GenerationStatus.PROCESSING:
                await self._fail(gen.id, status=GenerationStatus.FAILED, code=INTERRUPTED)
            else:
                self._schedule(gen.id)

    async def shutdown(self) -> None:
        """Stop every job; unfinished ones are recorded as interrupted and refunded, never left 'processing'."""
        await self._queue.shutdown()

    async def master_png(self, *, owner_id: int, generation_id: int) -> bytes:
        """The lossless master, re-rendered from the stored recipe on first request (renders are deterministic)."""
        gen = await self._get(owner_id, generation_id)
        if gen.status != GenerationStatus.COMPLETED or not gen.template_slug:
            raise NotFound('generation.not_finished')
        unmark = await exports_unmarked(db=self.db, settings=self.settings, gen=gen)  # upgraded: drawn afresh, unkept
        if gen.png_key and not unmark:
            return await self.store.get(gen.png_key)
        async with self.db.session() as session:
            upload = await session.get(Upload, gen.upload_id) if gen.upload_id else None
        recipe = Recipe.of(
            gen,
            spec=self.catalog.get(gen.template_slug),
            background=await self.store.get(gen.background_key) if gen.background_key else None,
            reference=await self.store.get(upload.storage_key) if upload else None,
        )
        recipe.watermark = recipe.watermark and not unmark
        composed = await compose_recipe(recipe, runtime=self.runtime)
        png = (await self.runtime.cpu(render.finalise, composed.image, master=True)).png
        assert png is not None
        if unmark:
            return png
        key = new_key(gen.owner_id, 'png')
        await self.store.put(key, png)
        async with self.db.transaction() as session:
            row = await session.get(Generation, gen.id)
            if row is not None:
                row.png_key = key
                session.add(row)
        return png

    # ---- one job -------------------------------------------------------------------------------------------------

    def _schedule(self, generation_id: int) -> None:
        self._queue.submit(generation_id, lambda: self._job(generation_id))

    async def _job(self, generation_id: int) -> None:
        """Wait for a slot, run the pipeline, and record how it ended: every unhappy ending is refunded."""

        async def in_slot() -> None:
            async with self._queue.slot(generation_id):
                await self.announce_waiting(self._queue.waiting)
                await self._pipeline.run(generation_id)

        await self._recorded(generation_id, in_slot(), lambda: self._queue.cancelled_by_user(generation_id))

    async def run_job(
        self, generation_id: int, *, retried: bool = False, cancelled_by_user: Callable[[], bool] = lambda: False
    ) -> None:
        """Run one generation here and now and record how it ended (a queue worker's entry point). ``retried``: an
        earlier worker died mid-run, so a row it left processing starts again from queued (its charge stands)."""
        if retried:
            async with self.db.transaction() as session:
                await session.exec(
                    update(Generation)
                    .where(col(Generation.id) == generation_id, col(Generation.status) == GenerationStatus.PROCESSING)
                    .values(status=GenerationStatus.QUEUED)
                )
        await self._recorded(generation_id, self._pipeline.run(generation_id), cancelled_by_user)

    async def _defer(self, generation_id: int) -> None:
        """Hand the job to the workers; if the queue cannot take it, the creator is refunded at once."""
        assert self.remote is not None
        try:
            await self.remote.defer(generation_id)
        except Exception:
            log.exception('generation %s could not be queued', generation_id)
            await self._fail(generation_id, status=GenerationStatus.FAILED, code=INTERRUPTED)
            raise

    async def _recorded(self, generation_id: int, run: Awaitable[None], cancelled_by_user: Callable[[], bool]) -> None:
        try:
            await run
        except asyncio.CancelledError:
            by_user = cancelled_by_user()
            status = GenerationStatus.CANCELLED if by_user else GenerationStatus.FAILED
            await asyncio.shield(self._fail(generation_id, status=status, code=_CANCELLED if by_user else INTERRUPTED))
        except RoutixError as e:
            await self._fail(generation_id, status=GenerationStatus.FAILED, code=e.code, params=e.params)
        except Exception:
            log.exception('generation %s crashed', generation_id)
            await self._fail(generation_id, status=GenerationStatus.FAILED, code=_CRASHED)
        finally:
            self._pipeline.unsaved(generation_id)  # forget whatever is left of the run

    async def _fail(
        self, generation_id: int, *, status: GenerationStatus, code: str, params: dict[str, Any] | None = None
    ) -> None:
        learnt = self._pipeline.unsaved(generation_id)  # what the failed run had learnt is kept on the row
        try:
            await self._refunds.finish_failed(generation_id, status=status, code=code, params=params, learnt=learnt)
        except RoutixError as e:
            # not even the ending could be written (another process kept the database locked): the creator hears of
            # it now all the same; the row stays unfinished and the next start's recovery settles it
            log.warning('generation %s ended (%s) but could not be recorded: %s', generation_id, code, e.code)
            async with self.db.session() as session:
                gen = await session.get(Generation, generation_id)
            if gen is not None:
                gen.status, gen.error_code, gen.error_params = GenerationStatus.FAILED, e.code, dict(e.params)
                self._updates.emit(GenerationView.of(gen))

    async def announce_waiting(self, waiting: Sequence[int]) -> None:
        """Tell the creators of the generations still ``waiting`` (in queue order) their new place: one job just
        left the line (here, or on a ``routix worker``)."""
        if not waiting:
            return
        async with self.db.session() as session:
            rows = (await session.exec(select(Generation).where(col(Generation.id).in_(waiting)))).all()
        for view in await self.views_of(rows, line=list(waiting)):
            self._updates.emit(view)

    async def _get(self, owner_id: int, generation_id: int) -> Generation:
        async with self.db.session() as session:
            return await owned_generation(session, owner_id, generation_id)
