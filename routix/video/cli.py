"""``routix frames VIDEO [--count N] [--out DIR] [--json]`` and ``routix render PROMPT --video VIDEO``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from routix.video.mining import DEFAULT_COUNT, Mined

MAX_COUNT = 24


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], render: argparse.ArgumentParser) -> None:
    """Add the ``frames`` command, and ``--video`` to ``render`` (its best frame becomes the reference photo)."""
    frames = sub.add_parser('frames', help="the best frames of a video, to use as a thumbnail's photo")
    frames.add_argument('video', type=Path)
    frames.add_argument('--count', type=int, default=DEFAULT_COUNT, help=f'how many frames (1..{MAX_COUNT})')
    frames.add_argument('--out', type=Path, help='folder for the frames (default: a new temporary folder)')
    frames.add_argument('--json', action='store_true', help='print one JSON object')
    frames.set_defaults(func=_frames)
    render.add_argument('--video', type=Path, help='a video: its best frame is the reference photo')


async def best_frame(video: Path) -> bytes:
    """The best frame of ``video`` as JPEG bytes (for ``render --video``); InvalidUpload when it has none usable."""
    from routix.core.errors import InvalidUpload

    mined = await _mine(video, 1)
    if not mined.frames:
        raise InvalidUpload('video.no_frames')
    return mined.frames[0].jpeg


def _frames(args: argparse.Namespace) -> int:
    from routix.core.errors import InvalidRequest

    if not 1 <= args.count <= MAX_COUNT:
        raise InvalidRequest('video.count', max=MAX_COUNT)
    mined = asyncio.run(_mine(args.video, args.count))
    folder = args.out or Path(tempfile.mkdtemp(prefix='routix-frames-'))
    folder.mkdir(parents=True, exist_ok=True)
    found: list[dict[str, Any]] = []
    for rank, frame in enumerate(mined.frames, start=1):
        path = folder / f'frame-{rank:02d}-{frame.time_s:09.3f}s.jpg'
        path.write_bytes(frame.jpeg)
        found.append(
            {
                'time_s': frame.time_s,
                'score': frame.score,
                'path': str(path),
                'faces': frame.faces,
                'reasons': frame.reasons,
            }
        )
    info = mined.info
    result = {
        'frames': found,
        'folder': str(folder),
        'video': {'duration_s': round(info.duration_s, 3), 'width': info.width, 'height': info.height},
    }
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + '\n')
    else:
        for item in found:
            reasons = ', '.join(item['reasons'])
            sys.stdout.write(f'{item["path"]}  {item["time_s"]:9.3f}s  score {item["score"]:.3f}  {reasons}\n')
    return 0


async def _mine(video: Path, count: int) -> Mined:
    from routix.core.errors import InvalidRequest
    from routix.core.runtime import InlineRuntime
    from routix.video.mining import mine_frames

    if not video.is_file():
        raise InvalidRequest('cli.no_such_file', path=str(video))
    return await mine_frames(video, runtime=InlineRuntime(), count=count)
