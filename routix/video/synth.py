"""Videos made on the spot (for the tests and ``bench/video.py``): no video file is ever kept in git.

``write_video`` encodes a list of ``Shot``s with PyAV's bundled libx264 (or another encoder). A shot is ``seconds``
of one ``kind``: ``black``; ``blur`` (a photo badly out of focus); ``face`` (a real face: scikit-image's public-domain
``astronaut``, drifting slowly); ``graphics`` (sharp, colourful shapes that move); ``grey`` (a flat mid-grey card).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CHANGES_PER_S = 3  # the picture moves this often; in between the encoder repeats it


@dataclass(frozen=True, slots=True)
class Shot:
    """``seconds`` of one ``kind`` of picture."""

    kind: str
    seconds: float


def write_video(
    path: str | Path,
    shots: list[Shot],
    *,
    size: tuple[int, int] = (1280, 720),
    fps: int = 30,
    codec: str = 'libx264',
    gop: int | None = None,
    container: str | None = None,
) -> Path:
    """Encode ``shots`` into ``path`` (the container follows the suffix unless ``container`` names one)."""
    path = Path(path)
    with av.open(str(path), 'w', format=container) as out:
        stream = out.add_stream(codec, rate=fps)
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height = size
        stream.pix_fmt = 'yuv420p'
        if codec == 'libx264':
            stream.options = {'preset': 'ultrafast', 'crf': '23'}
        if gop:
            stream.codec_context.gop_size = gop
        for rgb in _frames(shots, size, fps):
            for packet in stream.encode(av.VideoFrame.from_ndarray(rgb, format='rgb24')):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def _frames(shots: list[Shot], size: tuple[int, int], fps: int) -> Iterator[np.ndarray]:
    for shot in shots:
        n = max(1, round(shot.seconds * fps))
        step = max(1, fps // CHANGES_PER_S)  # drawing every frame would cost more than encoding it
        for i in range(n):
            if i % step == 0:
                picture = _picture(shot.kind, size, i / fps)
            yield picture


def _picture(kind: str, size: tuple[int, int], t: float) -> np.ndarray:
    width, height = size
    if kind == 'black':
        return np.zeros((height, width, 3), np.uint8)
    if kind == 'grey':
        return np.full((height, width, 3), 128, np.uint8)
    if kind == 'graphics':
        return _graphics(size, t)
    canvas = Image.new('RGB', size, (40, 70, 110))
    photo = _astronaut(height)
    x = int((width - photo.width) * (0.3 + 0.1 * np.sin(t)))  # a slow drift, so frames are not identical
    canvas.paste(photo, (x, 0))
    if kind == 'blur':
        canvas = canvas.filter(ImageFilter.GaussianBlur(radius=max(4, height // 60)))
    elif kind != 'face':
        raise ValueError(f'unknown shot kind {kind!r}')
    return np.asarray(canvas)


def _graphics(size: tuple[int, int], t: float) -> np.ndarray:
    width, height = size
    image = Image.new('RGB', size, (70, 90, 140))
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate([(230, 40, 40), (30, 140, 230), (250, 200, 0), (40, 180, 90)]):
        cx = (0.15 + 0.22 * i + 0.05 * np.sin(t * 2 + i)) * width
        cy = (0.5 + 0.25 * np.cos(t * 1.5 + i)) * height
        r = height * (0.08 + 0.03 * i)
        draw.rectangle((cx - r, cy - r, cx + r, cy + r), fill=colour, outline=(0, 0, 0), width=max(2, height // 120))
    for y in range(0, height, max(8, height // 24)):  # fine stripes: edges everywhere, like text on a slide
        draw.line((0, y, width, y), fill=(40, 50, 80), width=1)
    return np.asarray(image)


@lru_cache(maxsize=4)
def _astronaut(height: int) -> Image.Image:
    from skimage import data  # a test extra: public-domain photos with a real face

    return Image.fromarray(data.astronaut()).resize((height, height), Image.Resampling.LANCZOS)
