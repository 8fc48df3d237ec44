"""The event bus between processes on a real PostgreSQL: big events arrive whole and in order, and a listening
connection the server drops is opened again (skipped without PostgreSQL, like the cluster test)."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from routix.cluster import postgres
from routix.cluster.bus import CHANNEL, EventBus, libpq_url

PG_URL = os.environ.get('ROUTIX_TEST_POSTGRES_URL', '')
pytestmark = pytest.mark.skipif(
    not (PG_URL or postgres.available()),
    reason='needs PostgreSQL: ROUTIX_TEST_POSTGRES_URL or the server binaries (apt-get install postgresql)',
)


@pytest.fixture(scope='module')
def conninfo() -> Iterator[str]:
    home = Path(tempfile.mkdtemp(prefix='routix-bus-pg-'))
    server = postgres.LocalPostgres(data_dir=home / 'pg', server_url=PG_URL or None)
    server.start()
    try:
        yield libpq_url(server.database_url)
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


async def _until(condition: Any, timeout: float = 10) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_a_big_event_arrives_whole_and_in_order_and_the_sender_hears_nothing_back(conninfo: str) -> None:
    sender, receiver = EventBus(conninfo), EventBus(conninfo)
    heard: list[tuple[int, tuple[Any, ...]]] = []
    echoed: list[int] = []
    receiver.topic('generation', lambda user, args: heard.append((user, args)))
    sender.topic('generation', lambda user, _args: echoed.append(user))
    await receiver.start()
    await sender.start()
    big = os.urandom(40_000).hex()  # far above NOTIFY's 8000 bytes once encoded: sent in parts
    try:
        sender.publish('generation', 7, ('stage', big))
        sender.publish('generation', 7, ('done',))
        sender.publish('other-topic', 7, ('nobody listens',))
        await _until(lambda: len(heard) == 2)
    finally:
        await sender.stop()
        await receiver.stop()
    assert heard == [(7, ('stage', big)), (7, ('done',))]
    assert echoed == []  # a process has delivered its own events already


async def test_a_dropped_listening_connection_is_opened_again(conninfo: str) -> None:
    sender, receiver = EventBus(conninfo), EventBus(conninfo)
    heard: list[Any] = []
    receiver.topic('credits', lambda user, args: heard.append(args[0]))
    await receiver.start()
    await sender.start()
    try:
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as admin:
            await admin.execute(  # what a server restart or a fail-over does to the listener
                'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                'WHERE datname = current_database() AND query ILIKE %s AND pid <> pg_backend_pid()',
                (f'LISTEN {CHANNEL}%',),
            )
        await _until(lambda: receiver.connects == 2)
        sender.publish('credits', 3, (17,))
        await _until(lambda: heard == [17])
    finally:
        await sender.stop()
        await receiver.stop()


class _Planted:
    """What a hostile NOTIFY could carry: unpickling it would create ``path`` (``open(path, 'w')``)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return open, (str(self.path), 'w')


async def test_a_payload_that_would_run_code_is_refused_and_the_next_event_still_arrives(
    conninfo: str, tmp_path: Path
) -> None:
    sender, receiver = EventBus(conninfo), EventBus(conninfo)
    heard: list[Any] = []
    receiver.topic('credits', lambda user, args: heard.append(args[0]))
    await receiver.start()
    await sender.start()
    planted = tmp_path / 'planted'
    try:
        sender.publish('credits', 3, (_Planted(planted),))
        sender.publish('credits', 3, (17,))
        await _until(lambda: heard == [17])
    finally:
        await sender.stop()
        await receiver.stop()
    assert not planted.exists()
