"""A web process's part in a cluster: the event bus and the job queue it uses, opened at start and closed at stop."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from routix.cluster.bus import EventBus, libpq_url
from routix.cluster.jobs import ProcrastinateJobs, advisory_lock, build_app

if TYPE_CHECKING:
    from routix.core.services import Services

_STARTUP_LOCK = 726_150  # pg_advisory_lock key of start-up (migrations, template sync)


class ClusterLink:
    """What ``ROUTIX_EVENTS=postgres`` and ``ROUTIX_QUEUE=procrastinate`` switched on for one process."""

    def __init__(self, *, conninfo: str, bus: EventBus | None, jobs: ProcrastinateJobs | None) -> None:
        self.conninfo = conninfo
        self.bus = bus
        self.jobs = jobs

    @contextlib.asynccontextmanager
    async def one_at_a_time(self) -> AsyncIterator[None]:
        """Hold a database-wide lock (one process of the cluster at a time) for the block: start-up writes."""
        async with advisory_lock(self.conninfo, _STARTUP_LOCK):
            yield

    async def start(self) -> None:
        """Listen for other processes' events and open the queue (applying its schema on a new database)."""
        if self.bus is not None:
            await self.bus.start()
        if self.jobs is not None:
            await self.jobs.open()

    async def stop(self) -> None:
        """Close the queue, then the bus (events still queued are sent first)."""
        if self.jobs is not None:
            await self.jobs.close()
        if self.bus is not None:
            await self.bus.stop()


def link_cluster(services: Services, bus: EventBus | None) -> ClusterLink | None:
    """Wire ``services`` to the cluster the settings ask for (``bus``: the one their event tables were made on by
    ``build_services``); None in the embedded default (nothing changes)."""
    settings = services.settings
    if settings.queue == 'inprocess' and settings.events == 'inprocess':
        return None
    conninfo = libpq_url(settings.resolved_database_url)
    jobs = ProcrastinateJobs(build_app(settings), conninfo=conninfo) if settings.queue == 'procrastinate' else None
    services.generation.remote = jobs  # the workers run the generations and mine the videos
    services.video.jobs = jobs
    return ClusterLink(conninfo=conninfo, bus=bus, jobs=jobs)
