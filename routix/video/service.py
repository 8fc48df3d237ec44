"""Videos in the chat: take an upload as a stream, probe it, mine its best frames in the background, hand one over.

The route streams the body here chunk by chunk (never whole in memory) into a 0600 temp file in the creator's own
folder, counting bytes: past ``max_bytes`` the file is deleted and ``video.too_many_bytes`` raised. The probe runs in
the process pool; a file that fails it is deleted too, so a bad upload leaves nothing behind. Mining then runs as a
background task (in a cluster, ``jobs`` set: as a job on a ``routix worker``, which calls ``run_job``) and reports to
the creator's tabs through ``updates_for`` like a generation's stages (``stored`` → ``mining`` with its share →
``done`` with the frames, or ``failed``). ``use_frame`` stores a frame as an ordinary reference image through the
chat's upload path, so it becomes the photo of the next proposal.
"""

from __future__ import annotations

import asyncio
import base64
import io
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

from nicegui import Event, background_tasks
from PIL import Image

from routix.chat.views import UploadView
from routix.core.errors import InvalidUpload, NotFound, RoutixError
from routix.core.events import EventTables, local_tables
from routix.core.runtime import Runtime
from routix.video import library
from routix.video.mining import mine_frames
from routix.video.probe import probe_video
from routix.video.scan import frame_at
from routix.video.views import FrameView, VideoUpdate

log = logging.getLogger(__name__)

STRIP_COUNT = 8  # frames offered in the chat (the issue asks for 6–8)
PREVIEW_SIDE = 320  # px: the strip's previews travel to the browser as data URLs of this size
WRITE_BATCH = 1024 * 1024  # bytes gathered before one write in a worker thread
SUFFIXES = {'mov': '.mov', 'mp4': '.mp4', 'matroska': '.mkv', 'webm': '.webm'}
LOOSE_AFTER_S = 24 * 3600  # a video sent from a chat without a conversation yet is kept this long


FrameSaver = Callable[..., Awaitable[UploadView]]
DeletedHook = Callable[[int, int], Awaitable[None]]


class MiningJobs(Protocol):
    """A job queue whose workers (``routix worker``, other processes) mine the videos instead of this process;
    ``cancel_mining`` answers whether a job of the video was still waiting or running."""

    async def defer_mining(self, *, owner_id: int, token: str, tab: str) -> None: ...

    async def cancel_mining(self, token: str) -> bool: ...


class VideoService:
    """Receive, probe, mine and hand over videos; results arrive as events in the creator's tabs."""

    def __init__(
        self,
        *,
        root: Path,
        runtime: Runtime,
        max_bytes: int,
        save_upload: FrameSaver,
        on_conversation_deleted: list[DeletedHook] | None = None,
        events: EventTables = local_tables,
    ) -> None:
        """``on_conversation_deleted``: the chat's list of hooks run when a conversation is deleted (joined here)."""
        if on_conversation_deleted is not None:
            on_conversation_deleted.append(self.delete_for_conversation)
        self.root = root
        self.runtime = runtime
        self.max_bytes = max_bytes
        self._save_upload = save_upload
        self._events: defaultdict[int, Event[VideoUpdate]] = events('video')  # stored, progress, frames, failed
        self._mining: dict[tuple[int, str], asyncio.Task[None]] = {}
        self.jobs: MiningJobs | None = None
        """set (by routix/cluster/link.py) when workers mine the videos; None: this process mines them"""
        self._deferred: set[tuple[int, str]] = set()  # handed to the workers here, not yet heard done or failed
        self._watched: set[int] = set()  # creators whose updates this service follows to forget finished jobs

    def updates_for(self, owner_id: int) -> Event[VideoUpdate]:
        """Fires when one of this creator's videos was stored, progressed, finished or failed."""
        return self._events[owner_id]

    async def receive(
        self, *, owner_id: int, tab: str, conversation_id: int | None, chunks: AsyncIterator[bytes]
    ) -> str:
        """Stream a video to disk, probe it, keep it and start mining; returns its token. InvalidUpload (nothing
        left behind) when it is too big or not a usable video; the tab is told either way."""
        try:
            folder = await self.runtime.io(library.owner_folder, self.root, owner_id)
            token, incoming = await self.runtime.io(library.new_incoming, folder)
            try:
                await self._stream(chunks, incoming)
                info = await self.runtime.cpu(probe_video, str(incoming))
                meta: dict[str, Any] = {'conversation_id': conversation_id, 'tab': tab, 'frames': []}
                meta |= {'duration_s': info.duration_s, 'width': info.width, 'height': info.height, 'codec': info.codec}
                suffix = SUFFIXES.get(info.container, '.mp4')
                video = await self.runtime.io(library.keep, folder, token, incoming, suffix=suffix, meta=meta)
            except BaseException:
                await self.runtime.io(incoming.unlink, missing_ok=True)
                raise
        except RoutixError as error:
            self._events[owner_id].emit(VideoUpdate(tab=tab, token='', stage='failed', error=error))
            raise
        self._events[owner_id].emit(VideoUpdate(tab=tab, token=token, stage='stored'))
        if self.jobs is not None:
            await self._defer(owner_id, tab, token)
        else:
            task = background_tasks.create(self._mine(owner_id, tab, token, video), name=f'mine video {token}')
            self._mining[(owner_id, token)] = task
            task.add_done_callback(lambda _t: self._mining.pop((owner_id, token), None))
        await self._sweep_loose(owner_id, folder)
        return token

    async def run_job(self, *, owner_id: int, token: str, tab: str) -> None:
        """Mine one of this creator's stored videos here and now (a queue worker's entry point); running it again
        after a worker died starts over on the same file and overwrites what the first run left."""
        folder = library.folder_of(self.root, owner_id)
        try:
            video = await self.runtime.io(library.video_path, folder, token)
        except NotFound as error:  # deleted with its conversation, or this machine does not see the web's videos
            log.warning('video %s is not in %s (deleted, or not on storage this worker shares)', token, folder)
            self._events[owner_id].emit(VideoUpdate(tab=tab, token=token, stage='failed', error=error))
            return
        await self._mine(owner_id, tab, token, video)

    def ended_early(self, *, owner_id: int, token: str, tab: str, cancelled: bool) -> None:
        """Tell the creator's tab that a worker stopped mining this video for good: the creator ``cancelled`` it, or
        it was interrupted. Sent after the worker's last progress, it leaves the tab at the end, never a stale share."""
        error = RoutixError('generation.cancelled' if cancelled else 'generation.interrupted')
        self._events[owner_id].emit(VideoUpdate(tab=tab, token=token, stage='failed', error=error))

    async def use_frame(self, *, owner_id: int, token: str, rank: int) -> UploadView:
        """Store frame ``rank`` of this creator's video as a reference image (it then goes with the next message)."""
        folder = library.folder_of(self.root, owner_id)
        jpeg = await self.runtime.io(library.frame_bytes, folder, token, rank)
        return await self._save_upload(owner_id=owner_id, data=jpeg)

    async def use_time(self, *, owner_id: int, token: str, time_s: float) -> UploadView:
        """Store the frame at ``time_s`` of this creator's video as a reference image (the creator scrubbed to it)."""
        folder = library.folder_of(self.root, owner_id)
        video = await self.runtime.io(library.video_path, folder, token)
        jpeg = await self.runtime.cpu(frame_at, str(video), float(time_s))
        return await self._save_upload(owner_id=owner_id, data=jpeg)

    def cancel(self, *, owner_id: int, token: str) -> bool:
        """Stop mining this creator's video (the video stays); False when nothing was running. In a cluster the
        worker's job is aborted in the background; True when this process handed it over and has not heard it end."""
        if (owner_id, token) in self._deferred:
            self._deferred.discard((owner_id, token))
            assert self.jobs is not None
            background_tasks.create(self._cancel_job(token), name=f'cancel mining {token}')
            return True
        task = self._mining.get((owner_id, token))
        if task is None or task.done():
            return False
        task.cancel()
        return True

    async def delete_for_conversation(self, owner_id: int, conversation_id: int) -> None:
        """Delete the videos (and frames) sent in a conversation that was deleted."""
        folder = library.folder_of(self.root, owner_id)
        if not await self.runtime.io(folder.is_dir):
            return
        for token in await self.runtime.io(library.tokens_of, folder, conversation_id=conversation_id):
            if self.jobs is not None:  # the job may come from another web process: cancel it wherever it is
                self._deferred.discard((owner_id, token))
                await self._cancel_job(token)
            else:
                self.cancel(owner_id=owner_id, token=token)
            await self.runtime.io(library.delete, folder, token)

    # ---- helpers -------------------------------------------------------------------------------------------------

    async def _stream(self, chunks: AsyncIterator[bytes], incoming: Path) -> None:
        size, batch = 0, bytearray()
        async for chunk in chunks:
            size += len(chunk)
            if size > self.max_bytes:
                raise InvalidUpload('video.too_many_bytes', mb=round(self.max_bytes / 1024**2, 2))
            batch += chunk
            if len(batch) >= WRITE_BATCH:
                await self.runtime.io(library.append, incoming, bytes(batch))
                batch.clear()
        if batch:
            await self.runtime.io(library.append, incoming, bytes(batch))

    async def _defer(self, owner_id: int, tab: str, token: str) -> None:
        """Hand the mining to the workers; if the queue cannot take it, the tab hears it failed (the video stays)."""
        assert self.jobs is not None
        self._follow(owner_id)
        self._deferred.add((owner_id, token))
        try:
            await self.jobs.defer_mining(owner_id=owner_id, token=token, tab=tab)
        except Exception:
            log.exception('mining video %s could not be queued', token)
            self._deferred.discard((owner_id, token))
            self._events[owner_id].emit(VideoUpdate(tab=tab, token=token, stage='failed', error=RoutixError()))

    def _follow(self, owner_id: int) -> None:
        """Forget a handed-over video once its end arrives (from whichever worker mined it) so ``cancel`` knows."""
        if owner_id in self._watched:
            return
        self._watched.add(owner_id)

        def ended(update: VideoUpdate) -> None:
            if update.stage in {'done', 'failed'}:
                self._deferred.discard((owner_id, update.token))

        self._events[owner_id].subscribe(ended, unsubscribe_on_delete=False)

    async def _cancel_job(self, token: str) -> None:
        assert self.jobs is not None
        try:
            await self.jobs.cancel_mining(token)
        except Exception:
            log.exception('the mining job of video %s could not be cancelled', token)

    async def _mine(self, owner_id: int, tab: str, token: str, video: Path) -> None:
        event = self._events[owner_id]

        def progress(share: float) -> None:
            event.emit(VideoUpdate(tab=tab, token=token, stage='mining', share=share))

        folder = video.parent
        try:
            mined = await mine_frames(video, runtime=self.runtime, count=STRIP_COUNT, progress=progress)
            # deleted meanwhile (with its conversation, cancelled from another process): leave no frames behind
            meta = await self.runtime.io(library.read_meta, folder, token)
            jpegs = [f.jpeg for f in mined.frames]
            await self.runtime.io(library.save_frames, folder, token, jpegs)
            previews = await self.runtime.cpu(preview_urls, jpegs)
        except NotFound:
            log.info('video %s was deleted while it was mined', token)
            return
        except RoutixError as error:
            event.emit(VideoUpdate(tab=tab, token=token, stage='failed', error=error))
            return
        except Exception:
            log.exception('mining video %s failed', token)
            event.emit(VideoUpdate(tab=tab, token=token, stage='failed', error=RoutixError()))
            return
        frames = [
            FrameView(rank=i, time_s=f.time_s, score=f.score, faces=f.faces, reasons=f.reasons, preview=p)
            for i, (f, p) in enumerate(zip(mined.frames, previews, strict=True), start=1)
        ]
        meta['frames'] = [{k: v for k, v in asdict(f).items() if k != 'preview'} for f in frames]
        await self.runtime.io(library.write_meta, folder, token, meta)
        done = VideoUpdate(
            tab=tab, token=token, stage='done', share=1.0, frames=frames, duration_s=mined.info.duration_s
        )
        event.emit(done)

    async def _sweep_loose(self, owner_id: int, folder: Path) -> None:
        """Loose videos (sent before the chat had a conversation) and dead temp files of this creator go after a day."""
        for token in await self.runtime.io(library.tokens_of, folder, older_than_s=LOOSE_AFTER_S):
            if (owner_id, token) not in self._mining and (owner_id, token) not in self._deferred:
                await self.runtime.io(library.delete, folder, token)
        for path in await self.runtime.io(library.stale_incoming, folder, older_than_s=LOOSE_AFTER_S):
            await self.runtime.io(path.unlink, missing_ok=True)


def preview_urls(jpegs: list[bytes]) -> list[str]:
    """Small JPEG data URLs of the frames, for the strip (module level: it runs in the process pool)."""
    urls = []
    for jpeg in jpegs:
        with Image.open(io.BytesIO(jpeg)) as image:
            image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE))
            out = io.BytesIO()
            image.convert('RGB').save(out, 'JPEG', quality=80)
        urls.append('data:image/jpeg;base64,' + base64.b64encode(out.getvalue()).decode())
    return urls
