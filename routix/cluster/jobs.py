"""Generations as procrastinate jobs on PostgreSQL: the web side defers and cancels, ``routix worker`` runs them.

One job per generation, deferred with ``lock`` and ``queueing_lock`` ``generation-<id>`` (never two live jobs of
one generation). The generation row stays the truth the creator sees; the job only says who runs it. A job whose
worker stopped sending heartbeats is put back by any other worker (``retry_stalled``), which runs the generation
again from its queued state: the credits were taken once, when the creator clicked, and a refund is a conditional
update on the row, so no path charges twice or refunds twice. Videos are mined the same way (routix/cluster/mining).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

import procrastinate
import procrastinate.exceptions
import procrastinate.jobs
import psycopg
from procrastinate.jobs import Job
from procrastinate.schema import SchemaManager

from routix.cluster import mining
from routix.cluster.bus import libpq_url
from routix.core.config import Settings

TASK = 'routix.generate'
QUEUE = 'generations'
_SCHEMA_LOCK = 726_149  # pg_advisory_lock key: one process at a time applies procrastinate's schema
_ORPHANS = (
    "SELECT g.id FROM generations g WHERE g.status = 'queued' AND g.deleted_at IS NULL "
    'AND g.created_at < now() - make_interval(secs => %s) AND NOT EXISTS ('
    "SELECT 1 FROM procrastinate_jobs j WHERE j.lock = 'generation-' || g.id AND j.status IN ('todo', 'doing'))"
)
_WAITING = (
    "SELECT (args->>'generation_id')::bigint AS generation_id FROM procrastinate_jobs "
    f"WHERE queue_name = '{QUEUE}' AND task_name = '{TASK}' AND status = 'todo' ORDER BY priority DESC, id"
)
log = logging.getLogger(__name__)


def build_app(settings: Settings) -> procrastinate.App:
    """A procrastinate App on Routix's PostgreSQL database (opened by the caller)."""
    conninfo = libpq_url(settings.resolved_database_url)
    return procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo))


class ProcrastinateJobs:
    """The web process's side of the queue: what ``GenerationService`` and ``VideoService`` call instead of running
    their jobs in-process."""

    def __init__(self, app: procrastinate.App, *, conninfo: str) -> None:
        self.app = app
        self.conninfo = conninfo

    async def open(self) -> None:
        """Open the connection pool; apply procrastinate's schema on a database that has none yet."""
        await ensure_schema(self.conninfo)
        await self.app.open_async()

    async def close(self) -> None:
        """Close the pool."""
        await self.app.close_async()

    async def defer(self, generation_id: int) -> None:
        """Queue the generation's job; a worker picks it up."""
        await defer(self.app, generation_id)

    async def waiting(self) -> list[int]:
        """The generations waiting for a worker, first in line first."""
        return await waiting(self.app)

    async def cancel(self, generation_id: int) -> bool:
        """Cancel the generation's job. True: no worker runs it (the caller records the cancellation); False: the
        worker running it was asked to stop and records it itself."""
        return await self._cancel(f'generation-{generation_id}') != 'doing'

    async def defer_mining(self, *, owner_id: int, token: str, tab: str) -> None:
        """Queue the mining of a stored video; a worker picks it up."""
        await mining.defer(self.app, owner_id=owner_id, token=token, tab=tab)

    async def cancel_mining(self, token: str) -> bool:
        """Cancel the video's mining job (a running one is aborted on its worker); False when it had none left."""
        return await self._cancel(mining.lock_of(token)) != 'none'

    async def _cancel(self, lock: str) -> str:
        """Cancel the live jobs holding ``lock``: 'doing' when one was running (its worker was asked to stop),
        'todo' when one only waited, 'none' when there was none."""
        found = 'none'
        for job in await self._live_jobs(lock):
            assert job.id is not None
            await self.app.job_manager.cancel_job_by_id_async(job.id, abort=True)
            status = await self.app.job_manager.get_job_status_async(job.id)
            if status == procrastinate.jobs.Status.DOING:
                return 'doing'
            found = 'todo'
        return found

    async def _live_jobs(self, lock: str) -> Iterable[Job]:
        return [
            job
            for status in ('todo', 'doing')
            for job in await self.app.job_manager.list_jobs_async(lock=lock, status=status)
        ]


async def waiting(app: procrastinate.App) -> list[int]:
    """The generations waiting for a worker, in the order workers take them (procrastinate's fetch order)."""
    rows = await app.connector.execute_query_all_async(_WAITING)
    return [int(row['generation_id']) for row in rows]


async def defer(app: procrastinate.App, generation_id: int) -> None:
    """The generation's job (``AlreadyEnqueued`` while one of it waits)."""
    lock = f'generation-{generation_id}'
    await app.configure_task(TASK, queue=QUEUE, lock=lock, queueing_lock=lock).defer_async(generation_id=generation_id)


async def requeue_orphans(app: procrastinate.App, conninfo: str, *, older_than_seconds: float) -> int:
    """Queue the jobs of generations left queued without one: their web process died between saving the row and
    deferring the job (a live web process defers within milliseconds, so only rows older than this are looked at)."""
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as connection:
        cursor = await connection.execute(_ORPHANS, (older_than_seconds,))
        orphans = [row[0] for row in await cursor.fetchall()]
    for generation_id in orphans:
        try:
            await defer(app, generation_id)
        except procrastinate.exceptions.AlreadyEnqueued:
            continue
        log.warning('generation %s was queued without a job (its web process died?): job queued', generation_id)
    return len(orphans)


async def ensure_schema(conninfo: str) -> None:
    """Apply procrastinate's schema once (under an advisory lock, so processes starting together do not race)."""
    async with advisory_lock(conninfo, _SCHEMA_LOCK) as connection:
        row = await (await connection.execute("SELECT to_regclass('procrastinate_jobs')")).fetchone()
        if row is None or row[0] is None:
            log.info('applying the procrastinate schema')
            await connection.execute(SchemaManager.get_schema())


@contextlib.asynccontextmanager
async def advisory_lock(conninfo: str, key: int) -> AsyncIterator[psycopg.AsyncConnection[Any]]:
    """Hold PostgreSQL advisory lock ``key`` (one process of the cluster at a time) for the block, on a connection
    of its own (yielded)."""
    async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as connection:
        await connection.execute('SELECT pg_advisory_lock(%s)', (key,))
        try:
            yield connection
        finally:
            await connection.execute('SELECT pg_advisory_unlock(%s)', (key,))


async def retry_stalled(app: procrastinate.App, *, seconds_since_heartbeat: float) -> int:
    """Put the jobs of workers that stopped sending heartbeats (killed, frozen, cut off) back in line: generations
    and video mining alike (every task, every queue)."""
    retried = 0
    for job in await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat):
        try:
            await app.job_manager.retry_job(job)
        except procrastinate.exceptions.ConnectorException:
            continue  # another worker retried it first
        log.warning('%s job %s of a dead worker put back in line', job.task_name, job.id)
        retried += 1
    return retried
