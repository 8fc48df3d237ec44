"""Frame mining speed and memory on 1280×720 H.264 videos this script builds, against a plain decode in the same run.

- ``sparse``: 1 and 3 minutes with x264's default keyframe spacing (~8 s: keyframes + NONREF-decoded samples);
- ``dense``: 1 minute with a keyframe every second (what phones and editors write: keyframes only);
- baseline: decoding every frame of the 1-minute sparse video with PyAV and nothing else.

Each mining runs in a fresh process (threads, two stretches at a time, as on a 2-core VPS) so its peak RSS is its
own. Speed is seconds of video mined per wall second ("× real time"; target ≥ 10); memory should not grow with the
video's length (``rss_ratio`` = peak RSS at 3 min / at 1 min ≈ 1). Ends with exactly one summary line:

    video realtime_x=<sparse 1 min> realtime_3min_x=<f> dense_realtime_x=<f> decode_all_x=<f>
          ratio=<mining time / plain decode time> rss_1min_mib=<f> rss_3min_mib=<f> rss_ratio=<f>
          cpu_realtime_x=<video seconds per CPU second, 1 min sparse: steadier than wall time on a shared machine>

Run: .venv/bin/python bench/video.py   (encoding the videos takes a minute or two; BENCH_SHORT=1 halves them)
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routix.video.synth import Shot, write_video  # noqa: E402

CYCLE = ['face', 'graphics', 'blur', 'face', 'black', 'graphics']  # 5 s each: a 30 s loop of a typical vlog


def main() -> None:
    """Build the videos, mine each in its own process, decode the baseline, print the lines."""
    minute = 30 if os.environ.get('BENCH_SHORT') else 60
    with tempfile.TemporaryDirectory() as folder:
        videos = {
            'sparse_1': _video(Path(folder) / 'sparse_1.mp4', minute, gop=None),
            'sparse_3': _video(Path(folder) / 'sparse_3.mp4', 3 * minute, gop=None),
            'dense_1': _video(Path(folder) / 'dense_1.mp4', minute, gop=30),
        }
        runs = {name: _mine_in_child(path) for name, path in videos.items()}
        decode_s = _decode_all(videos['sparse_1'])
    for name, r in runs.items():
        print(
            f'  {name:9s} {r["duration_s"]:6.1f} s of video in {r["wall_s"]:6.2f} s'
            f' = {r["realtime_x"]:5.1f}× real time, keyframes_only={r["keyframes_only"]}'
            f'  CPU {r["cpu_realtime_x"]:.1f}× real time  peak RSS {r["rss_mib"]:.0f} MiB  best {r["best"]}'
        )
    short = runs['sparse_1']
    print(f'  plain decode of every frame: {decode_s:.2f} s = {short["duration_s"] / decode_s:.1f}× real time')
    print(
        f'video realtime_x={short["realtime_x"]:.1f} realtime_3min_x={runs["sparse_3"]["realtime_x"]:.1f} '
        f'dense_realtime_x={runs["dense_1"]["realtime_x"]:.1f} decode_all_x={short["duration_s"] / decode_s:.1f} '
        f'ratio={short["wall_s"] / decode_s:.2f} rss_1min_mib={short["rss_mib"]:.0f} '
        f'rss_3min_mib={runs["sparse_3"]["rss_mib"]:.0f} '
        f'rss_ratio={runs["sparse_3"]["rss_mib"] / short["rss_mib"]:.2f} cpu_realtime_x={short["cpu_realtime_x"]:.1f}'
    )


def _video(path: Path, seconds: int, *, gop: int | None) -> Path:
    shots = [Shot(CYCLE[i % len(CYCLE)], 5) for i in range(seconds // 5)]
    return write_video(path, shots, size=(1280, 720), fps=30, gop=gop)


def _mine_in_child(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, '--mine', str(path)], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _mine(path: str) -> None:
    """(In the child) mine the video with two stretches at a time and print one JSON line."""
    from routix.core.runtime import InlineRuntime
    from routix.video.mining import mine_frames

    start, cpu_start = time.perf_counter(), time.process_time()
    mined = asyncio.run(mine_frames(path, runtime=InlineRuntime(), count=8, parallel=2))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    best = mined.frames[0]
    result = {
        'duration_s': mined.info.duration_s,
        'wall_s': wall,
        'realtime_x': mined.info.duration_s / wall,
        'cpu_realtime_x': mined.info.duration_s / cpu,
        'keyframes_only': mined.keyframes_only,
        'rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        'best': f'{best.time_s:.1f}s {best.score:.2f} {",".join(best.reasons)}',
    }
    print(json.dumps(result))


def _decode_all(path: Path) -> float:
    import av

    start = time.perf_counter()
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = 'AUTO'
        for _frame in container.decode(stream):
            pass
    return time.perf_counter() - start


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--mine':
        _mine(sys.argv[2])
    else:
        main()
