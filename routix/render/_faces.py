"""Where the eye goes in a creator's photo: the faces (OpenCV's bundled Haar cascades), else the busiest region.

Detection runs on a grey copy whose long side is at most ``DETECT_SIDE`` px, so a 12-megapixel phone photo costs
about what a 720p frame does. The cascades ship inside the ``opencv-python-headless`` 4.x wheel (the 5.x wheels have
none); they are loaded once per worker process. Boxes come back in the coordinates of the image passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import cv2
import numpy as np
from PIL import Image, ImageOps

from routix.render._color import Box

DETECT_SIDE = 640  # px: the long side frontal detection runs at (at 480 a 44 px astronaut face was missed)
PROFILE_SIDE = 320  # px: the profile pass is a fallback, run coarser (it costs twice the frontal pass: both ways)
SALIENT_SIDE = 96  # px: the long side the salient-region fallback looks at
MIN_FACE = 0.1  # of the short side: smaller "faces" are mostly false hits on texture, and too small to frame


@dataclass(kw_only=True, slots=True)
class Focus:
    """What a crop should keep in view: a face (framed with headroom) or a salient region (centred)."""

    kind: Literal['face', 'salient']
    box: Box


def find_focus(image: Image.Image) -> Focus:
    """The largest face in ``image``, else the centre of its edge and colour energy."""
    faces = find_faces(image)
    if faces:
        return Focus(kind='face', box=faces[0])
    return Focus(kind='salient', box=salient_box(image))


def find_faces(image: Image.Image, *, profiles: bool = True) -> list[Box]:
    """Faces in ``image``, the largest first: frontal faces, else (unless not ``profiles``) profiles either way."""
    grey, scale = _detection_copy(image, DETECT_SIDE)
    found = _detect(_cascade('haarcascade_frontalface_default.xml'), grey, 1.1, 6)  # 5 saw a cheek as a face
    if not found and profiles:  # a profile: on the photo and mirrored (the cascade only knows faces looking right)
        profile = _cascade('haarcascade_profileface.xml')
        grey, scale = _detection_copy(image, PROFILE_SIDE)
        width = grey.shape[1]
        found = _detect(profile, grey, 1.2, 8)  # 6 neighbours saw a profile in a coffee cup
        mirrored = _detect(profile, np.ascontiguousarray(grey[:, ::-1]), 1.2, 8)
        found += [(width - x1, y0, width - x0, y1) for x0, y0, x1, y1 in mirrored]
    found.sort(key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True)
    w, h = image.size
    return [
        (
            max(0, int(x0 * scale)),
            max(0, int(y0 * scale)),
            min(w, max(int(x0 * scale) + 1, round(x1 * scale))),
            min(h, max(int(y0 * scale) + 1, round(y1 * scale))),
        )
        for x0, y0, x1, y1 in found
    ]


def salient_box(image: Image.Image) -> Box:
    """A box around the centre of mass of edge energy and saturation, a quarter of the image's short side across.

    Flat photos (a gradient, a plain wall) have no centre of mass worth the name: they get the image's centre.
    """
    small = image.convert('RGB')
    small.thumbnail((SALIENT_SIDE, SALIENT_SIDE), Image.Resampling.BILINEAR)
    rgb = np.asarray(small, dtype=np.float32)
    grey = rgb.mean(axis=2)
    edges = np.abs(np.diff(grey, axis=0, prepend=grey[:1])) + np.abs(np.diff(grey, axis=1, prepend=grey[:, :1]))
    saturation = rgb.max(axis=2) - rgb.min(axis=2)
    energy = edges + 0.5 * saturation
    energy -= np.median(energy)  # what is everywhere (grain, an even tint) is not where the eye goes
    np.clip(energy, 0, None, out=energy)
    total = float(energy.sum())
    w, h = image.size
    if total <= 1e-6:
        cx, cy = w / 2, h / 2
    else:
        ys, xs = np.indices(energy.shape)
        cx = float((energy * (xs + 0.5)).sum() / total) * w / small.width
        cy = float((energy * (ys + 0.5)).sum() / total) * h / small.height
    half = max(1, min(w, h) // 8)
    x0 = min(max(0, round(cx) - half), max(0, w - 2 * half))
    y0 = min(max(0, round(cy) - half), max(0, h - 2 * half))
    return x0, y0, min(w, x0 + 2 * half), min(h, y0 + 2 * half)


def _detection_copy(image: Image.Image, side: int) -> tuple[np.ndarray, float]:
    """A histogram-equalised grey copy no longer than ``side``, and the factor back to ``image``'s pixels."""
    width, scale = image.width, max(image.size) / side
    if scale > 1:  # shrink first (a box pre-reduction for big photos), then drop the colour: 12 MP costs ~10 ms
        size = (max(1, round(image.width / scale)), max(1, round(image.height / scale)))
        image = image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    grey = image.convert('L')
    return np.asarray(ImageOps.equalize(grey)), width / grey.width


def _detect(cascade: cv2.CascadeClassifier, grey: np.ndarray, step: float, neighbours: int) -> list[Box]:
    side = max(24, round(min(grey.shape) * MIN_FACE))
    hits = cascade.detectMultiScale(grey, scaleFactor=step, minNeighbors=neighbours, minSize=(side, side))
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in hits]


@lru_cache(maxsize=4)
def _cascade(name: str) -> cv2.CascadeClassifier:
    """One classifier per cascade file and worker process (loading parses ~1 MB of XML)."""
    cascade = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / name))  # type: ignore[attr-defined]
    if cascade.empty():
        raise RuntimeError(f'OpenCV cascade {name} did not load')
    return cascade
