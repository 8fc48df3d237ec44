"""A burst of Generate clicks on SQLite: writers queue for the lock instead of failing with 'database is locked'."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from routix.accounts import credits
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import CODES, RoutixError
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.models import CreditEntry, Generation, User
from tests.helpers.generation import build_service, finished

pytestmark = pytest.mark.usefixtures('nicegui_runtime')

CLICKS, CREATORS, CREDITS_EACH = 50, 5, 7  # 35 can be paid for: the other 15 clicks must be told why not
PROMPTS = ('Minecraft speedrun world record', 'cooking pasta at home', 'stock market crash explained')


@pytest.fixture
async def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[GenerationService]:
    # a basic generation costs a credit here, so every click also moves money; and a short busy_timeout, so a writer
    # that fights for SQLite's file lock instead of waiting its turn fails at once rather than after 10 s
    monkeypatch.setenv('ROUTIX_COST_BASIC', '1')
    monkeypatch.setenv('ROUTIX_SQLITE_BUSY_TIMEOUT_MS', '1')
    monkeypatch.setenv('ROUTIX_MAX_ACTIVE_GENERATIONS', '50')  # the burst is about the lock, not fair use
    monkeypatch.setenv('ROUTIX_GENERATIONS_PER_MINUTE', '0')
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    db = Database(f'sqlite+aiosqlite:///{tmp_path / "burst.db"}', busy_timeout_ms=settings.sqlite_busy_timeout_ms)
    await db.migrate()
    svc = build_service(settings=settings, db=db, images=tmp_path / 'images')
    await svc.catalog.sync(db)
    yield svc
    await svc.shutdown()
    await db.dispose()


async def test_fifty_simultaneous_clicks_each_start_a_job_or_say_why(
    service: GenerationService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    owners = [await _creator(service.db, n) for n in range(CREATORS)]

    clicks = [
        service.start(owner_id=owners[n % CREATORS], prompt=f'{PROMPTS[n % len(PROMPTS)]} #{n}', tier='basic')
        for n in range(CLICKS)
    ]
    outcomes = await asyncio.gather(*clicks, return_exceptions=True)

    started = [o for o in outcomes if isinstance(o, GenerationView)]
    refused = [o for o in outcomes if isinstance(o, RoutixError)]
    unexplained = [repr(o) for o in outcomes if not isinstance(o, GenerationView | RoutixError)]
    assert unexplained == []  # e.g. OperationalError('database is locked'): the creator would see nothing
    assert all(e.code in CODES and e.message('fa') for e in refused)
    assert len(started) == CREATORS * CREDITS_EACH
    assert {e.code for e in refused} == {'quota.needs'}

    done = [await finished(service, view.owner_id, view.id) for view in started]
    assert [(v.id, v.status, v.error) for v in done if v.status != 'completed'] == []

    async with service.db.session() as session:
        for owner in owners:
            balance = await credits.balance(session=session, user_id=owner)
            ledger = (await session.exec(select(func.sum(CreditEntry.delta)).where(CreditEntry.user_id == owner))).one()
            charged = (
                await session.exec(
                    select(func.sum(Generation.credits_charged)).where(
                        Generation.owner_id == owner,
                        Generation.refunded == False,  # noqa: E712
                    )
                )
            ).one()
            assert (balance, ledger, charged) == (0, 0, CREDITS_EACH)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_lock_held_by_another_process_is_waited_out_then_explained(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = Database(f'sqlite+aiosqlite:///{tmp_path / "shared.db"}', busy_timeout_ms=1)
    await db.migrate()
    owner = await _creator(db, 0)
    other = sqlite3.connect(tmp_path / 'shared.db', isolation_level=None)  # e.g. the command line, mid-write
    caplog.set_level(logging.INFO, logger='routix.core.db')
    try:
        other.execute('BEGIN IMMEDIATE')
        grant = asyncio.create_task(_grant(db, owner))
        await asyncio.wait_for(_logged(caplog, 'backing off'), timeout=30)  # it tried and found the lock taken
        other.execute('COMMIT')
        assert await grant == CREDITS_EACH + 1  # it waited its turn and went through

        other.execute('BEGIN IMMEDIATE')  # and this time the lock is never let go
        with pytest.raises(RoutixError) as refused:
            await _grant(db, owner)
        assert refused.value.code == 'server.busy' and refused.value.message('fa') != refused.value.message('en')
        other.execute('ROLLBACK')
        async with db.session() as session:
            assert await credits.balance(session=session, user_id=owner) == CREDITS_EACH + 1
    finally:
        other.close()
        await db.dispose()


async def test_a_job_whose_ending_cannot_be_written_is_still_reported_to_its_creator(
    service: GenerationService, tmp_path: Path
) -> None:
    owner = await _creator(service.db, 0)
    seen: asyncio.Queue[GenerationView] = asyncio.Queue()
    service.updates_for(owner).subscribe(seen.put_nowait)
    other = sqlite3.connect(tmp_path / 'burst.db', isolation_level=None)
    try:
        view = await service.start(owner_id=owner, prompt='cooking pasta at home')
        other.execute('BEGIN IMMEDIATE')  # before the job's first write: it cannot record anything until released
        update = await asyncio.wait_for(seen.get(), timeout=60)
        while update.status != 'failed':
            update = await asyncio.wait_for(seen.get(), timeout=60)
        assert (update.id, update.error_code) == (view.id, 'server.busy')
    finally:
        other.execute('ROLLBACK')
        other.close()


async def test_a_write_inside_a_write_is_refused_rather_than_waiting_for_itself(db: Database) -> None:
    async with db.transaction():
        if not db.is_sqlite:
            return  # PostgreSQL has row locks: a second transaction is just another connection
        with pytest.raises(RuntimeError, match='inside another'):
            async with db.transaction():
                pass


async def _logged(caplog: pytest.LogCaptureFixture, text: str) -> None:
    while not any(text in r.getMessage() for r in caplog.records):
        await asyncio.sleep(0.01)


async def _grant(db: Database, owner: int) -> int:
    async with db.transaction() as session:
        return await credits.credit(session=session, user_id=owner, amount=1, reason='grant')


async def _creator(db: Database, n: int) -> int:
    async with db.transaction() as session:
        user = User(email=f'creator{n}@example.com')
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=CREDITS_EACH, reason='grant')
        return user.id
