"""The composition of long-lived objects: built once in app.py (or a test) and handed to the pages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nicegui import background_tasks

from routix.accounts.credits import BalanceEvents
from routix.accounts.mail import build_mailer
from routix.accounts.recovery import RecoveryService
from routix.accounts.service import AccountService
from routix.admin.service import AdminService
from routix.analysis.model import Analyzer
from routix.analysis.registry import build_analyzer
from routix.billing.plans import PlanBook, plan_book
from routix.billing.refill import run_refills
from routix.billing.service import BillingService
from routix.chat.service import ChatService
from routix.chat.versions import VersionService
from routix.check.service import CheckService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.events import EventTables, local_tables
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.design.catalog import TemplateCatalog
from routix.edits.model_intent import build_intent_classifier
from routix.feed.service import FeedService
from routix.generation.history import HistoryService
from routix.generation.service import GenerationService
from routix.ops.sweep import run_sweeps
from routix.providers.base import close_quietly
from routix.providers.registry import build_chains
from routix.storage import ImageStore, LocalStore, S3Store
from routix.variants.service import VariantService
from routix.video.service import VideoService

if TYPE_CHECKING:
    from routix.cluster.bus import EventBus
    from routix.cluster.link import ClusterLink

log = logging.getLogger(__name__)


@dataclass(kw_only=True, slots=True)
class Services:
    """Everything the pages need."""

    settings: Settings
    runtime: Runtime
    balances: BalanceEvents
    """per-creator balance changes (``credits_for(user_id)``)"""
    db: Database
    accounts: AccountService
    """sign-up, sign-in, sessions and the creator's profile"""
    recovery: RecoveryService
    """reset and verification links by mail (SMTP_HOST, else none), and the account page's password, email, delete
    and export"""
    store: ImageStore
    analyzer: Analyzer
    catalog: TemplateCatalog
    generation: GenerationService
    chat: ChatService
    history: HistoryService
    versions: VersionService
    """undo, redo and the current version of a thread"""
    feed: FeedService
    """feed mockups of a creator's thumbnails (home, phone, sidebar, TV)"""
    checks: CheckService
    """the explained thumbnail check of a finished generation or an uploaded image"""
    variants: VariantService
    """A/B variant sets (three generations along one axis) and their zip export"""
    plans: PlanBook
    """the plans and credit packs this server offers (ROUTIX_PLANS_FILE or the built-in free/creator/pro)"""
    billing: BillingService
    """Stripe Checkout for packs and plans (off without keys), fulfilled from verified webhooks"""
    admin: AdminService
    """the admin console: accounts, credits, plans, live operations (admins only)"""
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    """set once start-up finished; NiceGUI runs start-up handlers as tasks, so requests wait for it"""
    video: VideoService
    """videos sent in the chat: streamed to disk, probed, mined for their best frames (routix/video)"""
    cluster: ClusterLink | None = None
    """the event bus and job queue shared with other processes (routix/cluster); None in the embedded default"""
    tasks: list[asyncio.Task[None]] = field(default_factory=list, init=False)
    """the background work started at start-up (sweep, refills); shutdown ends it before the database closes"""

    async def startup(self) -> None:
        """Migrate, sync templates, recover interrupted jobs."""
        self.settings.prepare_data_dir()
        # processes of a cluster that start together take turns (both would insert the same template rows)
        async with self.cluster.one_at_a_time() if self.cluster is not None else contextlib.nullcontext():
            await self.db.migrate()
            await self.catalog.sync(self.db)
        if self.cluster is not None:
            await self.cluster.start()
        await self.generation.recover()
        sweeps = run_sweeps(db=self.db, store=self.store, settings=self.settings)
        refills = run_refills(db=self.db, book=self.plans, balances=self.balances)  # each month applied once
        self.tasks += [
            background_tasks.create(sweeps, name='upload-sweep'),
            background_tasks.create(refills, name='plan-refills'),
        ]
        self.ready.set()

    async def shutdown(self) -> None:
        """End the background work, record unfinished jobs as interrupted (refunded), close the provider and
        analyser clients, then the DB."""
        # NiceGUI cancels background tasks only after every shutdown handler: a sweep still querying when the
        # database is disposed finishes on aiosqlite's thread after the loop closed ('Event loop is closed')
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks.clear()
        await self.generation.shutdown()
        if self.cluster is not None:
            await self.cluster.stop()
        # and whatever else still runs (a page's event handler reading the versions as the app stops) is cancelled
        # while the database is open, not by NiceGUI after this handler
        await background_tasks.teardown()
        providers = [provider for chain in self.generation.chains.values() for provider in chain.providers]
        await close_quietly(*providers, self.analyzer, self.chat)
        await self.db.dispose()


def build_services(
    settings: Settings, *, runtime: Runtime | None = None, events: EventTables | None = None
) -> Services:
    """Build every long-lived object from the settings (no I/O happens here). ``events`` makes the per-creator
    event tables: by default this process's own, or the cluster's bus with ``ROUTIX_EVENTS=postgres``."""
    runtime = runtime or NiceGuiRuntime()
    bus: EventBus | None = None
    if events is None and settings.events == 'postgres':
        from routix.cluster.bus import EventBus, libpq_url  # psycopg only where it is used
        from routix.cluster.events import over_bus

        bus = EventBus(libpq_url(settings.resolved_database_url))
        events = over_bus(bus)
    events = events or local_tables
    balances = BalanceEvents(events)
    db = Database(settings.resolved_database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    store: ImageStore = (
        S3Store.from_settings(settings, runtime=runtime)
        if settings.storage == 's3'
        else LocalStore(settings.data_dir / 'images', runtime=runtime)
    )
    analyzer = build_analyzer(settings)
    catalog = TemplateCatalog.load()
    chains = build_chains(settings)
    generation = GenerationService(
        settings=settings,
        db=db,
        store=store,
        analyzer=analyzer,
        catalog=catalog,
        chains=chains,
        runtime=runtime,
        balances=balances,
        events=events,
    )
    chat = ChatService(
        db=db,
        store=store,
        analyzer=analyzer,
        catalog=catalog,
        generation=generation,
        max_upload_bytes=settings.max_upload_bytes,
        max_prompt_chars=settings.max_prompt_chars,
        storage_quota_bytes=settings.user_storage_quota_bytes,
        runtime=runtime,
        versions=VersionService(db=db, events=events),  # one instance: undo/redo in the chat move every tab's marker
        intent_classifier=build_intent_classifier(settings),  # None unless a remote analyser is configured
        events=events,
    )
    history = HistoryService(db=db, store=store, events=events)
    accounts = AccountService(db=db, runtime=runtime, settings=settings, balances=balances)
    plans = plan_book(settings)
    recovery = RecoveryService(
        db=db, runtime=runtime, settings=settings, accounts=accounts, store=store, mailer=build_mailer(settings)
    )
    services = Services(
        settings=settings,
        runtime=runtime,
        balances=balances,
        db=db,
        accounts=accounts,
        recovery=recovery,
        store=store,
        analyzer=analyzer,
        catalog=catalog,
        generation=generation,
        chat=chat,
        history=history,
        checks=CheckService(db=db, store=store, runtime=runtime, max_upload_bytes=settings.max_upload_bytes),
        variants=VariantService(
            settings=settings, db=db, store=store, catalog=catalog, generation=generation, chat=chat, runtime=runtime
        ),
        versions=chat.versions,
        feed=FeedService(db=db, store=store, runtime=runtime),
        plans=plans,
        billing=BillingService(settings=settings, db=db, book=plans, balances=balances),
        admin=AdminService(settings=settings, db=db, store=store, accounts=accounts, book=plans),
        video=VideoService(
            root=settings.data_dir / 'videos',
            runtime=runtime,
            max_bytes=settings.max_video_bytes,
            save_upload=chat.save_upload,
            on_conversation_deleted=chat.on_deleted,
            events=events,
        ),
    )
    if settings.queue != 'inprocess' or settings.events != 'inprocess':
        from routix.cluster.link import link_cluster  # psycopg and procrastinate only where they are used

        services.cluster = link_cluster(services, bus)
    return services
