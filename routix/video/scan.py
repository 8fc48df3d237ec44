"""The worker side of frame mining: decode one stretch of a video cheaply and keep its best distinct frames.

Never every frame. Encoders put a keyframe at every scene cut and at a fixed interval, so when keyframes come often
(``keyframe_gap_s`` ≤ ``KEYFRAMES_ENOUGH_S``) only keyframes are decoded (``skip_frame='NONKEY'``: the decoder drops
the rest unseen). With sparse keyframes the stream is decoded without its non-reference frames (``'NONREF'``) and
one frame every ``step_s`` is judged besides the keyframes. Frames are converted straight to the small analysis size
by FFmpeg's scaler; only a frame that enters the stretch's best few is also converted to ``OUTPUT_SIDE`` and kept as
a JPEG, so memory is bounded by ``keep``, not by the video's length. Module-level functions: they run in the
process pool.
"""

from __future__ import annotations

import io
import itertools
import statistics
from dataclasses import dataclass, field

import av
import numpy as np
from PIL import Image

from routix.core.errors import InvalidUpload
from routix.variants.phash import distance
from routix.video.score import analysis_size, score_frame

KEYFRAMES_ENOUGH_S = 3.0  # keyframes at most this far apart are sample enough on their own
OUTPUT_SIDE = 1920  # px: the long side a kept frame is stored at (the thumbnail crop zooms in on the face)
NEAR_DUPLICATE = 10  # bits of 64 (pHash): frames closer than this are the same shot to a viewer
GAP_PACKETS = 2000  # packets read to estimate the keyframe spacing
THREADS = 'SLICE'
"""not 'AUTO': frame threads made keyframe-only decoding 4× slower here; the stretches already run one per core"""


@dataclass(kw_only=True, slots=True)
class Candidate:
    """A judged frame: when, how good, why, and (for the kept ones) the frame as a JPEG."""

    time_s: float
    score: float
    faces: int
    face_share: float
    reasons: list[str] = field(default_factory=list)
    phash: int = 0
    jpeg: bytes = field(default=b'', repr=False)


def keyframe_gap_s(path: str) -> float:
    """The median time between keyframes over the first ``GAP_PACKETS`` packets (demuxed, not decoded)."""
    with av.open(path, metadata_errors='ignore') as container:
        stream = container.streams.video[0]
        base = _tick_s(stream)
        keys: list[float] = []
        for i, packet in enumerate(container.demux(stream)):
            if packet.is_keyframe and packet.pts is not None:
                keys.append(packet.pts * base)
            if i >= GAP_PACKETS:
                break
    keys.sort()
    gaps = [b - a for a, b in itertools.pairwise(keys) if b > a]
    return statistics.median(gaps) if gaps else float('inf')


def scan_segment(
    path: str, start_s: float, end_s: float, *, keyframes_only: bool, step_s: float, keep: int, floor: float = 0.0
) -> list[Candidate]:
    """The best ``keep`` distinct frames whose time lies in [start_s, end_s), best first. ``floor``: the score the
    whole video's best list already asks for (frames that cannot reach it are not searched for faces)."""
    kept: list[Candidate] = []
    with av.open(path, metadata_errors='ignore') as container:
        stream = container.streams.video[0]
        stream.thread_type = THREADS
        stream.codec_context.skip_frame = 'NONKEY' if keyframes_only else 'NONREF'
        if start_s > 0:
            _seek(container, stream, start_s)
        size: tuple[int, int] | None = None
        next_sample = start_s
        previous = None
        for frame in container.decode(stream):
            when = frame.time
            if when is None or when < start_s:
                continue
            if when >= end_s:
                break
            if not (frame.key_frame or when >= next_sample):
                continue
            next_sample = when + step_s
            if size is None:
                size = analysis_size(frame.width, frame.height)
            rgb = _rotated(frame.to_ndarray(width=size[0], height=size[1], format='rgb24'), frame)
            bar = max(floor, min(c.score for c in kept)) if len(kept) >= keep else floor
            judged = previous = score_frame(rgb, like=previous, floor=bar)
            candidate = Candidate(
                time_s=round(when, 3),
                score=judged.score,
                faces=judged.faces,
                face_share=judged.face_share,
                reasons=judged.reasons,
                phash=judged.phash,
            )
            _offer(kept, candidate, keep=keep, frame=frame)
    kept.sort(key=lambda c: c.score, reverse=True)
    return kept


def frame_at(path: str, time_s: float) -> bytes:
    """The frame on screen at ``time_s`` (the first at or after it; the last one past the end) as a JPEG."""
    with av.open(path, metadata_errors='ignore') as container:
        stream = container.streams.video[0]
        stream.thread_type = THREADS
        _seek(container, stream, max(0.0, time_s))
        last = None
        for frame in container.decode(stream):
            if frame.time is not None and frame.time + 1e-3 >= time_s:
                return _jpeg(frame)
            last = frame
        if last is not None:
            return _jpeg(last)
    raise InvalidUpload('video.no_frames')


def merge_best(pool: list[Candidate], more: list[Candidate], *, keep: int) -> list[Candidate]:
    """The best ``keep`` distinct candidates of both lists, best first (a near-duplicate of a better one goes)."""
    best: list[Candidate] = []
    for candidate in sorted([*pool, *more], key=lambda c: c.score, reverse=True):
        if all(distance(candidate.phash, b.phash) >= NEAR_DUPLICATE for b in best):
            best.append(candidate)
        if len(best) == keep:
            break
    return best


def _offer(kept: list[Candidate], candidate: Candidate, *, keep: int, frame: av.VideoFrame) -> None:
    """Keep ``candidate`` if it beats what it duplicates, or the worst when full; encode its frame only then."""
    twins = [k for k in kept if distance(k.phash, candidate.phash) < NEAR_DUPLICATE]
    if any(t.score >= candidate.score for t in twins):
        return
    for twin in twins:
        kept.remove(twin)
    if len(kept) >= keep:
        worst = min(kept, key=lambda c: c.score)
        if worst.score >= candidate.score:
            return
        kept.remove(worst)
    candidate.jpeg = _jpeg(frame)
    kept.append(candidate)


def _tick_s(stream: av.video.stream.VideoStream) -> float:
    """Seconds per unit of the stream's timestamps (90 kHz, MPEG's clock, when the container names none)."""
    return float(stream.time_base or 0) or 1 / 90000


def _seek(container: av.container.InputContainer, stream: av.video.stream.VideoStream, time_s: float) -> None:
    """Go to the keyframe at or before ``time_s``: decoding from there reaches every frame after it."""
    container.seek(int(time_s / _tick_s(stream)), stream=stream, backward=True, any_frame=False)


def _jpeg(frame: av.VideoFrame) -> bytes:
    scale = min(1.0, OUTPUT_SIDE / max(frame.width, frame.height))
    width, height = max(2, round(frame.width * scale / 2) * 2), max(2, round(frame.height * scale / 2) * 2)
    rgb = _rotated(frame.to_ndarray(width=width, height=height, format='rgb24'), frame)
    out = io.BytesIO()
    Image.fromarray(rgb).save(out, 'JPEG', quality=92)
    return out.getvalue()


def _rotated(rgb: np.ndarray, frame: av.VideoFrame) -> np.ndarray:
    """Apply the display rotation a phone records (degrees counter-clockwise)."""
    turns = round(float(getattr(frame, 'rotation', 0) or 0) / 90) % 4
    return np.ascontiguousarray(np.rot90(rgb, turns)) if turns else rgb
