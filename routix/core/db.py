"""The async database: engine, sessions, SQLite pragmas and migrations on start."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.core.files import create_private_file

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / 'migrations'


class Database:
    """One engine and two session factories: ``session()`` to read, ``transaction()`` to write.

    On SQLite a writing transaction starts with ``BEGIN IMMEDIATE`` so that concurrent writers wait for the lock
    (busy_timeout) instead of failing with SQLITE_BUSY when they upgrade from a read lock.
    """

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith('sqlite')
        kwargs: dict[str, Any] = {'echo': echo}
        if not self.is_sqlite:
            kwargs.update(pool_size=5, max_overflow=5, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        if self.is_sqlite:
            _install_sqlite_hooks(self.engine)
        writer = self.engine.execution_options(sqlite_begin='IMMEDIATE') if self.is_sqlite else self.engine
        relaxed = writer.execution_options(sqlite_sync='NORMAL') if self.is_sqlite else self.engine
        self._reader = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._writer = async_sessionmaker(writer, class_=AsyncSession, expire_on_commit=False)
        self._relaxed_writer = async_sessionmaker(relaxed, class_=AsyncSession, expire_on_commit=False)

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
        async with maker() as session, session.begin():
            yield session

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        async with self.engine.begin() as conn:
            await conn.run_sync(_upgrade)

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def alembic_config(connection: Any = None) -> Config:
    """An Alembic config pointing at the packaged migrations (and a live connection, when given)."""
    cfg = Config()
    cfg.set_main_option('script_location', str(MIGRATIONS_DIR))
    cfg.attributes['connection'] = connection
    return cfg


def _upgrade(sync_connection: Any) -> None:
    command.upgrade(alembic_config(sync_connection), 'head')


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
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
        cursor.execute('PRAGMA busy_timeout=10000')  # first, so that even switching to WAL waits for a lock
        cursor.execute('PRAGMA journal_mode=WAL')
        cursor.execute('PRAGMA foreign_keys=ON')
        cursor.close()

    @event.listens_for(engine.sync_engine, 'begin')
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        # FULL by default: the credit ledger must survive a power cut right after a commit
        conn.exec_driver_sql(f'PRAGMA synchronous={options.get("sqlite_sync", "FULL")}')
        conn.exec_driver_sql(f'BEGIN {options.get("sqlite_begin", "DEFERRED")}')
