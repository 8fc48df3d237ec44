"""Waiting for a generation the way a page does: on the service's own events, never on a clock."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlmodel import col, select

from routix.accounts import credits
from routix.analysis.offline import OfflineAnalyzer
from routix.core.config import Settings
from routix.core.db import Database
from routix.design.catalog import TemplateCatalog
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.models import CreditEntry, User
from routix.providers.chain import ProviderChain
from routix.storage import LocalStore
from routix.vocabulary import Tier


async def finished(service: GenerationService, owner_id: int, generation_id: int) -> GenerationView:
    """The generation once it completed, failed or was cancelled."""
    updates: asyncio.Queue[GenerationView] = asyncio.Queue()
    service.updates_for(owner_id).subscribe(updates.put_nowait)
    try:
        view = await service.get(owner_id=owner_id, generation_id=generation_id)
        while not view.finished:
            await asyncio.wait_for(updates.get(), timeout=60)
            view = await service.get(owner_id=owner_id, generation_id=generation_id)
        return view
    finally:
        service.updates_for(owner_id).unsubscribe(updates.put_nowait)


def build_service(
    *, settings: Settings, db: Database, images: Path, chains: dict[Tier, ProviderChain] | None = None
) -> GenerationService:
    """A generation service on the embedded parts: local disk, the offline analyser, the shipped templates."""
    return GenerationService(
        settings=settings,
        db=db,
        store=LocalStore(images),
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
        chains=chains,
    )


async def premium_creator(db: Database, *, email: str = 'paid@example.com', balance: int = 10) -> int:
    """A premium creator granted ``balance`` credits through the ledger; their id."""
    async with db.transaction() as session:
        user = User(email=email, tier='premium')
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=balance, reason='grant')
    return user.id


async def ledger(db: Database, owner_id: int) -> list[tuple[int, str]]:
    """A creator's ledger as (delta, reason), oldest first."""
    async with db.session() as session:
        rows = (
            await session.exec(select(CreditEntry).where(CreditEntry.user_id == owner_id).order_by(col(CreditEntry.id)))
        ).all()
    return [(e.delta, e.reason) for e in rows]
