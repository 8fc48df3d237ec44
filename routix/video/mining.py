"""Find the best frames of a video: probe it, cut it into stretches, scan them in the process pool, merge.

``mine_frames`` is the one entry point (the chat's video service and ``routix frames`` call it). The stretches are
scanned ``parallel`` at a time through the injected ``Runtime`` (each a separate worker call, so a cancelled mining
starts no further work and the event loop never decodes a frame), and each result is merged into a running best
list at once: what the parent holds stays at ``count`` + a few JPEGs however long the video is. ``progress`` hears
the share of the video done (0..1) after every stretch.
"""

from __future__ import annotations

import asyncio
import math
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from routix.core.runtime import Runtime
from routix.video.probe import VideoInfo, probe_video
from routix.video.scan import KEYFRAMES_ENOUGH_S, Candidate, keyframe_gap_s, merge_best, scan_segment

DEFAULT_COUNT = 8
SEGMENT_S = (8.0, 60.0)  # a stretch lasts between these, aiming at ~24 stretches (progress steps) per video
SAMPLES_PER_VIDEO = 400  # with sparse keyframes: about this many extra frames judged over the whole video
SPARE = 4  # candidates kept beyond ``count`` while merging, so a late near-duplicate still leaves ``count``

Progress = Callable[[float], Awaitable[None] | None]


@dataclass(kw_only=True, slots=True)
class Mined:
    """The video's facts and its best frames, best first."""

    info: VideoInfo
    frames: list[Candidate]
    keyframes_only: bool


async def mine_frames(
    path: str | Path,
    *,
    runtime: Runtime,
    count: int = DEFAULT_COUNT,
    progress: Progress | None = None,
    parallel: int | None = None,
) -> Mined:
    """The ``count`` best distinct frames of the video at ``path``; InvalidUpload when it is not a usable video."""
    source = str(path)
    info = await runtime.cpu(probe_video, source)
    gap = await runtime.cpu(keyframe_gap_s, source)
    keyframes_only = gap <= KEYFRAMES_ENOUGH_S
    step_s = max(1.0, info.duration_s / SAMPLES_PER_VIDEO)
    stretches = _stretches(info.duration_s)
    keep = count + SPARE
    best: list[Candidate] = []
    done = 0.0
    workers = asyncio.Semaphore(parallel or max(1, min(4, os.cpu_count() or 1)))

    async def scan(start: float, end: float) -> tuple[float, list[Candidate]]:
        async with workers:
            floor = best[-1].score if len(best) >= keep else 0.0  # what a frame must beat to make the list by now
            found = await runtime.cpu(
                scan_segment, source, start, end, keyframes_only=keyframes_only, step_s=step_s, keep=keep, floor=floor
            )
        return end - start, found

    tasks = [asyncio.ensure_future(scan(start, end)) for start, end in stretches]
    try:
        for finished in asyncio.as_completed(tasks):  # in the order they finish, not the order they started
            length, found = await finished
            best = merge_best(best, found, keep=keep)
            done += length
            if progress is not None:
                reported = progress(min(1.0, done / info.duration_s))
                if reported is not None:
                    await reported
    finally:
        for task in tasks:  # cancelled (or one failed): the stretches still waiting for a worker never start
            task.cancel()
    return Mined(info=info, frames=best[:count], keyframes_only=keyframes_only)


def _stretches(duration_s: float) -> list[tuple[float, float]]:
    """[start, end) pairs covering the video; the last ends past the end so the final frame is included."""
    length = min(SEGMENT_S[1], max(SEGMENT_S[0], duration_s / 24))
    n = max(1, math.ceil(duration_s / length))
    bounds = [i * duration_s / n for i in range(n)]
    return [(start, bounds[i + 1] if i + 1 < n else duration_s + 1.0) for i, start in enumerate(bounds)]
