"""``routix worker``: claims generations and video mining from the procrastinate queue on PostgreSQL and runs them.

A worker builds the same services as a web process (renders run in threads here: the process is the unit of
parallelism, one per core), publishes every stage through the event bus so the creator's tabs follow the job on
whichever web process holds them, and sends procrastinate heartbeats. Every few heartbeats it puts back in line the
jobs of workers that went silent (``kill -9``, a frozen machine): another worker then runs them again. ``--queues``
picks what it takes: a machine that does not see the web processes' ``ROUTIX_DATA_DIR/videos`` runs
``--queues generations``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from typing import Any

import procrastinate
from procrastinate.job_context import AbortReason, JobContext

from routix.cluster import mining
from routix.cluster.bus import EventBus, libpq_url
from routix.cluster.events import over_bus
from routix.cluster.jobs import QUEUE, TASK, build_app, ensure_schema, requeue_orphans, retry_stalled, waiting
from routix.core.config import Settings, load_settings
from routix.core.runtime import InlineRuntime
from routix.core.services import Services, build_services

QUEUES = (QUEUE, mining.QUEUE)
log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    """Add ``routix worker`` to the command line."""
    worker = sub.add_parser(
        'worker', help='run generations and video mining from the PostgreSQL job queue (ROUTIX_QUEUE=procrastinate)'
    )
    worker.add_argument('--concurrency', type=int, default=None, help='jobs at once (default ROUTIX_JOB_CONCURRENCY)')
    worker.add_argument(
        '--queues',
        default=','.join(QUEUES),
        help=f'comma-separated queues to take jobs from (default {",".join(QUEUES)}); '
        f"{mining.QUEUE} needs the web processes' ROUTIX_DATA_DIR/videos",
    )
    worker.add_argument('--name', default='worker', help='shown in the logs and in procrastinate_workers')
    worker.set_defaults(func=_command)


async def run_worker(
    settings: Settings, *, concurrency: int | None = None, name: str = 'worker', queues: tuple[str, ...] = QUEUES
) -> None:
    """Run until SIGINT/SIGTERM; running jobs finish first (or a generation is recorded as interrupted and refunded,
    a video put back in line)."""
    conninfo = libpq_url(settings.resolved_database_url)
    bus = EventBus(conninfo)
    services = build_services(  # runs the jobs itself (no queue of its own), its events on the bus
        settings.model_copy(update={'queue': 'inprocess', 'events': 'inprocess'}),
        runtime=InlineRuntime(),
        events=over_bus(bus),
    )
    app = build_app(settings)
    _register_task(app, services)
    mining.register_task(app, services.video)
    await ensure_schema(conninfo)
    await bus.start()
    try:
        async with app.open_async():
            sweeper = asyncio.create_task(_sweep(app, settings, conninfo), name='retry-stalled')
            try:
                await app.run_worker_async(
                    name=name,
                    queues=list(queues),
                    concurrency=concurrency or settings.job_concurrency,
                    update_heartbeat_interval=settings.worker_heartbeat_seconds,
                    stalled_worker_timeout=settings.worker_stalled_seconds,
                    shutdown_graceful_timeout=30,
                    delete_jobs='successful',
                )
            finally:
                sweeper.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeper
    finally:
        await bus.stop()
        await services.db.dispose()


def _register_task(app: procrastinate.App, services: Services) -> None:
    @app.task(name=TASK, queue=QUEUE, pass_context=True)
    async def generate(context: JobContext, generation_id: int) -> None:
        """One generation, start to end; every unhappy ending is recorded and refunded by the service."""
        job = context.job
        log.info('worker %s runs generation %s (attempt %s)', context.worker_name, generation_id, job.attempts + 1)
        try:  # this one left the line: the creators still in it see their new place
            await services.generation.announce_waiting(await waiting(app))
        except Exception:
            log.exception('could not announce the queue positions')
        await services.generation.run_job(
            generation_id,
            retried=job.attempts > 0,
            cancelled_by_user=lambda: context.abort_reason() == AbortReason.USER_REQUEST,
        )


async def _sweep(app: procrastinate.App, settings: Settings, conninfo: str) -> None:
    """Every heartbeat, re-queue the jobs of workers whose heartbeat is older than the stalled timeout, and queue
    the generations a dying web process saved but never handed to the queue."""
    while True:
        await asyncio.sleep(settings.worker_heartbeat_seconds)
        try:
            await retry_stalled(app, seconds_since_heartbeat=settings.worker_stalled_seconds)
            await requeue_orphans(app, conninfo, older_than_seconds=settings.worker_stalled_seconds)
        except Exception:
            log.exception('could not look for stalled jobs')


def _command(args: argparse.Namespace) -> int:
    from routix.core.logs import configure_logging

    queues = tuple(q.strip() for q in args.queues.split(',') if q.strip())
    if not queues or set(queues) - set(QUEUES):
        sys.stderr.write(f'routix worker: --queues takes {", ".join(QUEUES)}\n')
        return 2
    settings = load_settings()
    configure_logging(settings)
    if settings.queue != 'procrastinate':
        log.warning('ROUTIX_QUEUE is %r: web processes will not send jobs to this worker', settings.queue)
    try:
        asyncio.run(run_worker(settings, concurrency=args.concurrency, name=args.name, queues=queues))
    except ValueError as e:  # no PostgreSQL in DATABASE_URL
        sys.stderr.write(f'routix worker: {e}\n')
        return 2
    return 0
