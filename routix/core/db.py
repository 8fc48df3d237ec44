"""The async database: engine, sessions, SQLite pragmas and migrations on start."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.errors import RoutixError
from routix.core.files import create_private_file

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / 'migrations'
BEGIN_ATTEMPTS = 4  # each waits up to busy_timeout for another process's lock; then the creator is asked to retry
BACKOFF_SECONDS = 0.05  # before the 2nd attempt; doubled before each further one, jittered ±50 %
SQLITE_BUSY = 5


class Database:
    """One engine and two session factories: ``session()`` to read, ``transaction()`` to write.

    SQLite has one writer at a time, and its own wait for the file lock (busy_timeout) is a polling loop without a
    queue: under a burst of writers some poll until they time out while others keep winning. So on SQLite:

    - the writers of this process take turns on one asyncio lock and reach SQLite one by one, first come first
      served; a turn lasts one short transaction (callers keep other work out of it);
    - each turn starts with ``BEGIN IMMEDIATE``, so the write lock is taken at the start (or refused there, before
      anything ran) rather than when a read lock is upgraded half way through;
    - when another process (the CLI, a second server) holds the lock past busy_timeout, the BEGIN is retried with
      jittered backoff a bounded number of times, then ``RoutixError('server.busy')`` tells the creator to retry.

    PostgreSQL has row locks and many writers: none of this applies to it.
    """

    def __init__(self, url: str, *, echo: bool = False, busy_timeout_ms: int = 10000) -> None:
        self.url = url
        self.is_sqlite = url.startswith('sqlite')
        kwargs: dict[str, Any] = {'echo': echo}
        if not self.is_sqlite:
            kwargs.update(pool_size=5, max_overflow=5, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine, busy_timeout_ms=busy_timeout_ms)
        writer = self.engine.execution_options(sqlite_begin='IMMEDIATE') if self.is_sqlite else self.engine
        relaxed = writer.execution_options(sqlite_sync='NORMAL') if self.is_sqlite else self.engine
        self._reader = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._writer = async_sessionmaker(writer, class_=AsyncSession, expire_on_commit=False)
        self._relaxed_writer = async_sessionmaker(relaxed, class_=AsyncSession, expire_on_commit=False)
        self._turns = _WriterTurns() if self.is_sqlite else None

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A read session (no commit)."""
        async with self._reader() as session:
            yield session

    @asynccontextmanager
    async def transaction(self, *, durable: bool = True) -> AsyncIterator[AsyncSession]:
        """A writing transaction, committed on success and rolled back on error.

        ``durable=False`` (SQLite: synchronous=NORMAL, still crash-safe in WAL mode, but the last commits may be lost
        on power failure) is for progress that can be recomputed; money and accounts use the default.
        """
        maker = self._writer if durable else self._relaxed_writer
        if self._turns is None:
            async with maker() as session, session.begin():
                yield session
            return
        async with self._turns.turn():
            session = await _begin_immediate(maker)
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
            finally:
                await session.close()

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        async with self.engine.begin() as conn:
            await conn.run_sync(_upgrade)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


class _WriterTurns:
    """This process's SQLite writers in line: one transaction at a time, first come first served (asyncio.Lock is
    FIFO), so none of them has to win a polling race against the others for the file lock."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock = asyncio.Lock()
        self._holder: asyncio.Task[Any] | None = None

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for this writer's turn and hold it for the block."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # an asyncio.Lock belongs to one loop; tests and the CLI may run several in turn
            self._loop, self._lock, self._holder = loop, asyncio.Lock(), None
        task = asyncio.current_task()
        if self._holder is task:  # it would wait for itself forever (and waited busy_timeout for itself before)
            raise RuntimeError('a write transaction was opened inside another one')
        async with self._lock:
            self._holder = task
            try:
                yield
            finally:
                self._holder = None


async def _begin_immediate(maker: async_sessionmaker[AsyncSession]) -> AsyncSession:
    """A session whose ``BEGIN IMMEDIATE`` holds the write lock; retried while another process holds it."""
    for attempt in range(1, BEGIN_ATTEMPTS + 1):
        session = maker()
        try:
            await session.connection()  # begins: the engine's 'begin' hook sends BEGIN IMMEDIATE
            return session
        except OperationalError as e:
            await session.close()
            if not _is_busy(e):
                raise
            if attempt == BEGIN_ATTEMPTS:
                log.warning('SQLite stayed locked by another process through %s attempts: %s', attempt, e.orig)
                raise RoutixError('server.busy') from e
            log.info('SQLite is locked by another process (attempt %s); backing off', attempt)
        except BaseException:
            await session.close()
            raise
        # jittered, so that writers of several processes which collided once do not collide again in step
        await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
    raise AssertionError('unreachable')


def _is_busy(error: OperationalError) -> bool:
    """SQLITE_BUSY (any extended code): another connection holds the lock; worth waiting and trying again."""
    code = getattr(error.orig, 'sqlite_errorcode', None)
    return (code is not None and code & 0xFF == SQLITE_BUSY) or 'database is locked' in str(error.orig)


def alembic_config(connection: Any = None) -> Config:
    """An Alembic config pointing at the packaged migrations (and a live connection, when given)."""
    cfg = Config()
    cfg.set_main_option('script_location', str(MIGRATIONS_DIR))
    cfg.attributes['connection'] = connection
    return cfg


def _upgrade(sync_connection: Any) -> None:
    command.upgrade(alembic_config(sync_connection), 'head')


def _install_sqlite_hooks(engine: AsyncEngine, *, busy_timeout_ms: int) -> None:
    database = make_url(engine.url).database
    path = Path(database) if database and database != ':memory:' and not database.startswith('file:') else None

    @event.listens_for(engine.sync_engine, 'do_connect')
    def _before_connect(*_args: Any) -> None:
        # SQLite gives its -wal and -shm files the mode of the database file: create that one 0600 ourselves
        if path is not None and not path.exists():
            with suppress(FileNotFoundError):  # no directory: let SQLite report it as it always has
                create_private_file(path, b'')

    @event.listens_for(engine.sync_engine, 'connect')
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy's 'begin' hook below issue BEGIN itself (pysqlite's implicit BEGIN is DEFERRED)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # first, so that even switching to WAL waits for a lock
        cursor.execute(f'PRAGMA busy_timeout={int(busy_timeout_ms)}')
        cursor.execute('PRAGMA journal_mode=WAL')
        cursor.execute('PRAGMA foreign_keys=ON')
        cursor.close()

    @event.listens_for(engine.sync_engine, 'begin')
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        # FULL by default: the credit ledger must survive a power cut right after a commit
        conn.exec_driver_sql(f'PRAGMA synchronous={options.get("sqlite_sync", "FULL")}')
        conn.exec_driver_sql(f'BEGIN {options.get("sqlite_begin", "DEFERRED")}')
