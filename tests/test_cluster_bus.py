"""The event bus between processes on a real PostgreSQL: events arrive whole, exact and in order, a listening
connection the server drops is opened again, and a hostile NOTIFY is dropped (skipped without PostgreSQL, like the
cluster test)."""

from __future__ import annotations

import asyncio
import base64
import os
import pickle
import zlib
from pathlib import Path
from typing import Any

import psycopg
import pytest

from routix.cluster.bus import CHANNEL, EventBus, libpq_url
from routix.generation.views import GenerationView
from routix.vocabulary import Tier
from tests.helpers.cluster_procs import CLUSTER
from tests.test_cluster_codec import generation_view

pytestmark = CLUSTER


@pytest.fixture(scope='module')
def conninfo(database_url: str) -> str:
    """The module's throw-away database (tests/helpers/cluster_procs.py) in libpq form."""
    return libpq_url(database_url)


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
    view = generation_view()
    try:
        sender.publish('generation', 7, ('stage', big))
        sender.publish('generation', 7, (view,))
        sender.publish('generation', 7, ('done',))
        sender.publish('other-topic', 7, ('nobody listens',))
        await _until(lambda: len(heard) == 3)
    finally:
        await sender.stop()
        await receiver.stop()
    assert heard == [(7, ('stage', big)), (7, (view,)), (7, ('done',))]
    assert type(heard[1][1][0]) is GenerationView and heard[1][1][0].tier is Tier.PREMIUM
    assert echoed == []  # a process has delivered its own events already


async def test_a_short_event_is_readable_json_on_the_channel(conninfo: str) -> None:
    sender = EventBus(conninfo)
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as watcher:
        await watcher.execute(f'LISTEN {CHANNEL}')
        await sender.start()
        try:
            sender.publish('credits', 3, (17,))
            payload = await anext(watcher.notifies(timeout=10))
        finally:
            await sender.stop()
    assert payload.payload == f'{sender.origin}|1|0|1|["credits",3,[17]]'


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
    """What a hostile NOTIFY could have carried while the bus spoke pickle: unpickling it would create ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return open, (str(self.path), 'w')


async def test_a_payload_that_would_run_code_is_dropped_and_the_next_event_still_arrives(
    conninfo: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    receiver = EventBus(conninfo)
    heard: list[Any] = []
    receiver.topic('credits', lambda user, args: heard.append(args[0]))
    await receiver.start()
    planted = tmp_path / 'planted'
    pickled = base64.b64encode(zlib.compress(pickle.dumps(('credits', 3, (_Planted(planted),))))).decode()
    hostile = [
        f'attacker|1|0|1|["credits",3,[{{"$":"os.system","v":"touch {planted}"}}]]',
        f'attacker|2|0|1|["credits",3,[{{"$":"_Planted","path":"{planted}"}}]]',
        f'attacker|3|0|1|{pickled}',  # the old wire format is not unpickled any more
        'attacker|4|0|1|["credits","3",[]]',
        'attacker|5|0|1|not json',
        'attacker|6|0|1|["credits",3,[17]]',  # well-formed: delivered, whoever sent it
    ]
    try:
        async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as attacker:
            for payload in hostile:
                await attacker.execute('SELECT pg_notify(%s, %s)', (CHANNEL, payload))
        await _until(lambda: heard == [17])
    finally:
        await receiver.stop()
    assert not planted.exists()
    assert caplog.text.count('dropped a cluster event from attacker') == 5


async def test_an_event_the_codec_cannot_write_is_not_sent_and_the_emitter_carries_on(
    conninfo: str, caplog: pytest.LogCaptureFixture
) -> None:
    sender, receiver = EventBus(conninfo), EventBus(conninfo)
    heard: list[Any] = []
    receiver.topic('credits', lambda user, args: heard.append(args[0]))
    await receiver.start()
    await sender.start()
    try:
        sender.publish('credits', 3, ({'a', 'set'},))  # not a Routix value type: logged, not raised
        sender.publish('credits', 3, (17,))
        await _until(lambda: heard == [17])
    finally:
        await sender.stop()
        await receiver.stop()
    assert "could not encode a cluster event of 'credits'" in caplog.text
