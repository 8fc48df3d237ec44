"""Video mining as procrastinate jobs: the web process that kept an upload defers one, ``routix worker`` mines it.

One job per video, deferred with ``lock`` and ``queueing_lock`` ``video-<token>`` (a video is never mined twice at
once, nor queued twice). The job names the creator, the token and the tab; the video itself stays in
``ROUTIX_DATA_DIR/videos``, which the worker must see at the same path (one machine, or shared storage). Mining only
reads the video and overwrites its frames and sidecar, so a job whose worker died is safely run again from the start
by whichever worker ``retry_stalled`` hands it to. A worker stopped while mining puts the video back in line; a search
the creator stops is aborted on its worker, which then tells the tab so after its last progress.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import procrastinate
import procrastinate.exceptions
from procrastinate.job_context import AbortReason, JobContext

if TYPE_CHECKING:
    from routix.video.service import VideoService

TASK = 'routix.mine_video'
QUEUE = 'videos'
"""a queue of its own, not the generations': a video can take minutes of decoding and may only run where its file
is, so ``routix worker --queues generations`` on a machine without the shared video folder leaves these alone"""
log = logging.getLogger(__name__)


async def defer(app: procrastinate.App, *, owner_id: int, token: str, tab: str) -> None:
    """Queue the mining of this creator's stored video (``AlreadyEnqueued`` while a job of it waits)."""
    lock = lock_of(token)
    task = app.configure_task(TASK, queue=QUEUE, lock=lock, queueing_lock=lock)
    await task.defer_async(owner_id=owner_id, token=token, tab=tab)


def lock_of(token: str) -> str:
    """The procrastinate lock of a video's mining job."""
    return f'video-{token}'


def register_task(app: procrastinate.App, video: VideoService) -> None:
    """Make ``app`` (a worker's) run the mining jobs with ``video``."""

    @app.task(name=TASK, queue=QUEUE, pass_context=True)
    async def mine_video(context: JobContext, owner_id: int, token: str, tab: str) -> None:
        """Mine one video start to end; its progress, frames or failure reach the creator's tabs as events."""
        job = context.job
        log.info('worker %s mines video %s (attempt %s)', context.worker_name, token, job.attempts + 1)
        try:
            await video.run_job(owner_id=owner_id, token=token, tab=tab)
        except asyncio.CancelledError:
            reason = context.abort_reason()
            if reason == AbortReason.SHUTDOWN:  # not the creator's wish: another worker goes on
                await asyncio.shield(_hand_over(app, video, owner_id=owner_id, token=token, tab=tab))
            elif reason == AbortReason.USER_REQUEST:  # the last word after any progress still on its way to the tab
                video.ended_early(owner_id=owner_id, token=token, tab=tab, cancelled=True)
            raise


async def _hand_over(app: procrastinate.App, video: VideoService, *, owner_id: int, token: str, tab: str) -> None:
    """Queue the video again (the job waits for this one's lock to go); if even that fails, the tab hears it failed."""
    try:
        await defer(app, owner_id=owner_id, token=token, tab=tab)
    except procrastinate.exceptions.AlreadyEnqueued:
        return
    except Exception:
        log.exception('video %s could not be handed to another worker', token)
        video.ended_early(owner_id=owner_id, token=token, tab=tab, cancelled=False)
        return
    log.warning('worker stopping: video %s put back in line', token)
