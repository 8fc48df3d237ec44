"""Is this server ready for traffic: started up, database answering, image storage writable and readable."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from sqlalchemy import text

from routix.core.db import Database
from routix.storage import ImageStore

TIMEOUT = 5.0  # seconds each part may take before it counts as failed
PROBE_KEY = 'u0/readiness-probe-0000000.png'  # owner 0 is nobody: no creator can ever read it
PROBE = b'\x89PNG readiness probe'


async def readiness(*, db: Database, store: ImageStore, started: bool) -> dict[str, bool]:
    """Each part and whether it works: ``startup`` (migrations done), ``database``, ``storage``."""
    database, storage = await asyncio.gather(_check(_database(db)), _check(_storage(store)))
    return {'startup': started, 'database': database, 'storage': storage}


async def _check(probe: Coroutine[Any, Any, None]) -> bool:
    try:
        await asyncio.wait_for(probe, timeout=TIMEOUT)
    except Exception:  # any failure, including a timeout, means not ready
        return False
    return True


async def _database(db: Database) -> None:
    async with db.session() as session:
        await session.exec(text('SELECT 1'))  # type: ignore[call-overload]


async def _storage(store: ImageStore) -> None:
    await store.put(PROBE_KEY, PROBE)
    if await store.get(PROBE_KEY) != PROBE:
        raise OSError('storage returned other bytes')
