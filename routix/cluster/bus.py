"""Cross-process live events over PostgreSQL LISTEN/NOTIFY: what one process emits reaches every other process.

Every process (web or worker) opens one listening connection and one publishing connection. A message names its
topic ('generation', 'chat.messages', …), the creator it belongs to and the event's arguments, as JSON
(``routix.cluster.codec``), split into parts below NOTIFY's 8000-byte limit. A process ignores its own messages: it
has already delivered them to its own subscribers, so local tabs see no extra hop and no duplicate.

The events carry Routix's view dataclasses, enums, datetimes and errors; the codec writes each with its registered
type name and builds back only those types: any role that can connect to the database can NOTIFY, and a payload
naming anything else (``os.system``, a class of another module) is logged and dropped, never imported or run. A
message that fits one part is sent as plain JSON (readable with ``LISTEN routix_events`` in psql); a longer one is
zlib'd and base64'd first, then split.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import time
import uuid
import zlib
from collections.abc import Callable
from typing import Any

import psycopg

from routix.cluster import codec

CHANNEL = 'routix_events'
_PART_CHARS = 7000  # NOTIFY payloads must stay under 8000 bytes
_STALE_PARTS_SECONDS = 60.0
_RECONNECT_SECONDS = 0.5
log = logging.getLogger(__name__)

Deliver = Callable[[int, tuple[Any, ...]], None]
"""delivers a remote event locally: (creator id, the event's arguments)"""


class EventBus:
    """One process's link to the others: ``publish`` sends, every registered topic's ``deliver`` receives."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self.origin = uuid.uuid4().hex[:12]
        self._topics: dict[str, Deliver] = {}
        self._outbox: asyncio.Queue[str] | None = None
        self._early: list[str] = []  # published before start(): sent once the connection is open
        self._tasks: list[asyncio.Task[None]] = []
        self._parts: dict[str, tuple[float, dict[int, str]]] = {}
        self._sequence = 0
        self.listening = asyncio.Event()
        self.connects = 0
        """how often the listening connection was opened (1 + reconnections)"""

    def topic(self, name: str, deliver: Deliver) -> None:
        """Deliver messages of this topic from other processes with ``deliver``."""
        self._topics[name] = deliver

    def publish(self, topic: str, user_id: int, args: tuple[Any, ...]) -> None:
        """Send an event to every other process, in order; never blocks (a background task writes). An event the
        codec cannot write is logged, not raised: the emitting service and this process's tabs carry on."""
        try:
            parts = self._encode(topic, user_id, args)
        except (TypeError, ValueError):
            log.exception('could not encode a cluster event of %r', topic)
            return
        for part in parts:
            if self._outbox is None:
                self._early.append(part)
            else:
                self._outbox.put_nowait(part)

    async def start(self) -> None:
        """Open the connections and start listening; returns once LISTEN is in effect."""
        self._outbox = asyncio.Queue()
        for part in self._early:
            self._outbox.put_nowait(part)
        self._early.clear()
        listener = await self._listener()
        sender = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)
        self._tasks = [
            asyncio.create_task(self._listen(listener), name='event-bus-listen'),
            asyncio.create_task(self._send(sender), name='event-bus-send'),
        ]

    async def stop(self) -> None:
        """Send what is still queued (briefly), then close both connections."""
        if self._outbox is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._outbox.join(), timeout=2)
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    # ---- wire ----------------------------------------------------------------------------------------------------

    def _encode(self, topic: str, user_id: int, args: tuple[Any, ...]) -> list[str]:
        # ASCII only (ensure_ascii): a part's characters are its bytes, so _PART_CHARS keeps it under the limit
        body = json.dumps([topic, user_id, [codec.encode(arg) for arg in args]], separators=(',', ':'))
        if len(body) > _PART_CHARS:  # a JSON body starts with '[', which base64 never does: the receiver can tell
            body = base64.b64encode(zlib.compress(body.encode(), 1)).decode()
        chunks = [body[i : i + _PART_CHARS] for i in range(0, len(body), _PART_CHARS)] or ['']
        self._sequence += 1
        return [f'{self.origin}|{self._sequence}|{i}|{len(chunks)}|{chunk}' for i, chunk in enumerate(chunks)]

    def _receive(self, payload: str) -> None:
        origin, sequence, index, count, chunk = payload.split('|', 4)
        if origin == self.origin:
            return
        if count != '1':
            key = f'{origin}|{sequence}'
            _, parts = self._parts.setdefault(key, (time.monotonic(), {}))
            parts[int(index)] = chunk
            if len(parts) < int(count):
                self._forget_stale_parts()
                return
            del self._parts[key]
            chunk = ''.join(parts[i] for i in range(int(count)))
        try:
            topic, user_id, args = _decode(chunk)
        except (ValueError, zlib.error) as error:  # malformed, or names a type that may not cross: dropped
            log.warning('dropped a cluster event from %s: %s', origin, error)
            return
        deliver = self._topics.get(topic)
        if deliver is not None:
            deliver(user_id, args)

    def _forget_stale_parts(self) -> None:
        """Parts of a message whose sender died half-way would otherwise be kept forever."""
        limit = time.monotonic() - _STALE_PARTS_SECONDS
        for key in [key for key, (since, _) in self._parts.items() if since < limit]:
            del self._parts[key]

    async def _listener(self) -> psycopg.AsyncConnection[Any]:
        connection = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)
        await connection.execute(f'LISTEN {CHANNEL}')
        self.connects += 1
        self.listening.set()
        return connection

    async def _listen(self, connection: psycopg.AsyncConnection[Any]) -> None:
        """Deliver until cancelled; a lost connection (a restarted or failed-over server) is opened again. What
        was published while it was gone is lost, as a tab that reconnects reads the state from the database."""
        while True:
            try:
                async with connection:
                    async for notify in connection.notifies():
                        try:
                            self._receive(notify.payload)
                        except Exception:
                            log.exception('could not deliver a cluster event')
            except psycopg.OperationalError:
                log.warning('the event bus lost its listening connection; opening it again')
            self.listening.clear()
            while not self.listening.is_set():
                try:
                    connection = await self._listener()
                except psycopg.OperationalError:
                    await asyncio.sleep(_RECONNECT_SECONDS)

    async def _send(self, connection: psycopg.AsyncConnection[Any]) -> None:
        assert self._outbox is not None
        self._sender = connection
        try:
            await self._send_each()
        finally:
            await self._sender.close()

    async def _send_each(self) -> None:
        assert self._outbox is not None
        while True:
            part = await self._outbox.get()
            try:
                for attempt in range(2):  # a lost connection is opened again once for the same message
                    try:
                        if self._sender.closed:
                            self._sender = await psycopg.AsyncConnection.connect(self.conninfo, autocommit=True)
                        await self._sender.execute('SELECT pg_notify(%s, %s)', (CHANNEL, part))
                        break
                    except psycopg.OperationalError:
                        if attempt:
                            raise
                        await self._sender.close()
            except psycopg.Error:
                log.exception('could not publish a cluster event')
            finally:
                self._outbox.task_done()


def _decode(body: str) -> tuple[str, int, tuple[Any, ...]]:
    """A message's topic, creator and arguments; raises ``ValueError`` (``codec.CodecError``) for a bad one."""
    text = body if body.startswith('[') else zlib.decompress(base64.b64decode(body, validate=True)).decode()
    message = json.loads(text)
    if not (isinstance(message, list) and len(message) == 3):
        raise codec.CodecError('a message is [topic, creator, arguments]')
    topic, user_id, args = message
    if not (isinstance(topic, str) and type(user_id) is int and isinstance(args, list)):
        raise codec.CodecError('a message is [topic, creator, arguments]')
    return topic, user_id, tuple(codec.decode(arg) for arg in args)


def libpq_url(database_url: str) -> str:
    """The libpq form (``postgresql://…``) of a SQLAlchemy URL such as ``postgresql+asyncpg://…``."""
    scheme, rest = database_url.split('://', 1)
    if not scheme.startswith('postgres'):
        raise ValueError('the cluster needs DATABASE_URL on PostgreSQL')
    return f'postgresql://{rest}'
