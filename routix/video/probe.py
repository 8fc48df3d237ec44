"""Is this file a video Routix can mine? Open the container with PyAV, check its video stream, decode one frame.

Only the containers a creator's camera, phone or editor writes are accepted (MP4/MOV, Matroska/WebM); anything else,
a file without a video stream, one whose codec the bundled FFmpeg cannot decode, or a damaged file is refused with
an ``InvalidUpload`` whose code says which. Probing reads the header and the first frame, never the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

from routix.core.errors import InvalidUpload

ACCEPTED_DEMUXERS = ('mov', 'mp4', 'matroska', 'webm')
"""FFmpeg demuxer names (``container.format.name`` lists aliases, e.g. 'mov,mp4,m4a,3gp,3g2,mj2')"""
MAX_SIDE = 8192  # px: larger than 8K is not a recording a creator makes, and decoding it would eat a small VPS
FIRST_FRAME_PACKETS = 200  # packets read looking for the first decodable frame before the file is called broken


@dataclass(kw_only=True, slots=True)
class VideoInfo:
    """What a probe found: duration, frame size (as displayed, rotation applied), codec and container."""

    duration_s: float
    width: int
    height: int
    codec: str
    container: str
    fps: float


def probe_video(path: str | Path) -> VideoInfo:
    """The video's facts, or InvalidUpload ('video.unreadable', 'video.unsupported', 'video.no_video',
    'video.undecodable', 'video.too_many_pixels') saying why Routix cannot use it."""
    try:
        container = av.open(str(path), metadata_errors='ignore')
    except (av.FFmpegError, OSError, UnicodeDecodeError):
        raise InvalidUpload('video.unreadable') from None
    with container:
        names = set(container.format.name.split(','))
        if not names & set(ACCEPTED_DEMUXERS):
            raise InvalidUpload('video.unsupported')
        if not container.streams.video:
            raise InvalidUpload('video.no_video')
        stream = container.streams.video[0]
        width, height = stream.codec_context.width, stream.codec_context.height
        if width <= 0 or height <= 0:
            raise InvalidUpload('video.unreadable')
        if max(width, height) > MAX_SIDE:
            raise InvalidUpload('video.too_many_pixels', width=width, height=height)
        duration = _duration_s(container, stream)
        rotation = _first_frame_rotation(container, stream)
        if duration <= 0:
            raise InvalidUpload('video.unreadable')
    if rotation % 180:
        width, height = height, width
    rate = stream.average_rate or stream.guessed_rate
    return VideoInfo(
        duration_s=duration,
        width=width,
        height=height,
        codec=stream.codec_context.name,
        container=container.format.name.split(',')[0],
        fps=float(rate) if rate else 0.0,
    )


def _duration_s(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> float:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / av.time_base
    return 0.0


def _first_frame_rotation(container: av.container.InputContainer, stream: av.video.stream.VideoStream) -> int:
    """Decode the first frame (the codec works, the data is not garbage) and return its display rotation."""
    try:
        for i, packet in enumerate(container.demux(stream)):
            for frame in packet.decode():
                return int(getattr(frame, 'rotation', 0) or 0)
            if i >= FIRST_FRAME_PACKETS:
                break
    except av.FFmpegError:
        pass
    raise InvalidUpload('video.undecodable')
