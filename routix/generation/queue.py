"""The bounded in-process job queue: a few slots, first come first served, cancellable, stopped on shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from nicegui import background_tasks


class JobQueue:
    """Runs each submitted job as a background task; at most ``concurrency`` of them hold a slot at once.

    A job waits for its turn inside its own task (``async with queue.slot(job_id)``), so cancelling a waiting job and
    a running one is the same ``task.cancel()``. Jobs are identified by their generation id.
    """

    def __init__(self, *, concurrency: int) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._waiting: list[int] = []  # first come first served
        self._tasks: dict[int, asyncio.Task] = {}
        self._cancelled: set[int] = set()  # cancelled by their creator (not by a shutdown)

    @property
    def waiting(self) -> tuple[int, ...]:
        """The ids still waiting for a slot, in order."""
        return tuple(self._waiting)

    def submit(self, job_id: int, job: Callable[[], Awaitable[None]]) -> None:
        """Queue a job: it waits in line from now on and ``job()`` runs as a background task named after its id."""
        self._waiting.append(job_id)
        self._tasks[job_id] = background_tasks.create(self._run(job_id, job), name=f'generation-{job_id}')

    @asynccontextmanager
    async def slot(self, job_id: int) -> AsyncIterator[None]:
        """Wait for a free slot and hold it; the job leaves the waiting line either way (got a slot or cancelled)."""
        try:
            await self._slots.acquire()
        finally:
            self._waiting.remove(job_id)
        try:
            yield
        finally:
            self._slots.release()

    def cancel(self, job_id: int) -> bool:
        """Cancel the job's task on behalf of its creator; False when no task of it is alive."""
        task = self._tasks.get(job_id)
        if task is None or task.done():
            return False
        self._cancelled.add(job_id)
        task.cancel()
        return True

    def cancelled_by_user(self, job_id: int) -> bool:
        """Whether a cancellation of this job came from ``cancel`` (rather than a shutdown)."""
        return job_id in self._cancelled

    async def shutdown(self) -> None:
        """Cancel every live job and wait until each has recorded how it ended."""
        tasks = [t for t in self._tasks.values() if not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def _run(self, job_id: int, job: Callable[[], Awaitable[None]]) -> None:
        try:
            await job()
        finally:
            self._tasks.pop(job_id, None)
            self._cancelled.discard(job_id)
