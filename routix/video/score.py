"""How good a still is as the photo of a thumbnail: sharp, well exposed, colourful, and best with a big face.

A frame is judged on a copy whose long side is ``ANALYSIS_SIDE`` px (what the face finder works at anyway). The
score lies in [0, 1] and is a product, so one fatal flaw sinks it whatever else is right: a black, washed-out or flat
frame keeps a tenth of its quality, a blurry one half; a face lifts a good frame, it never rescues a bad one. The
reasons are short stable codes (``sharp``, ``blurry``, ``dark``, ``face``, ``close_up``, ``eyes_open``…) the pages
translate (``video.reason.<code>``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from routix.render import find_faces
from routix.variants.phash import distance, phash

Box = tuple[int, int, int, int]

ANALYSIS_SIDE = 640  # px: the face finder's own working size, so no detail it needs is thrown away
SHARP_LAPLACIAN = 500.0  # variance of the Laplacian of a crisp 640 px frame; a frame this sharp scores 1
BLURRY = 0.45  # sharpness below this: the frame reads as soft on a phone and is halved
DARK_MEAN, BRIGHT_MEAN = 40.0, 230.0  # mean luma (0..255) outside which a frame is called dark / washed out
FLAT_STD = 8.0  # luma standard deviation under which a frame is one colour (a fade, a title card's background)
FACE_SIDE = 480  # px: faces are looked for at this long side (found down to ~14 % of the height; twice as quick)
SAME_SHOT = 4  # bits of 64: a frame this close to the previous one has its faces
MIN_SKIN = 0.2  # of a face box's middle: less, and the "face" is a pattern the cascade mistook
CLOSE_UP = 0.22  # a face this tall (of the frame's height) fills a thumbnail the way creators like it


@dataclass(kw_only=True, slots=True)
class FrameScore:
    """A frame's score in [0, 1], its faces, the height of the largest as a share of the frame, and why."""

    score: float
    faces: int = 0
    face_share: float = 0.0
    reasons: list[str] = field(default_factory=list)
    phash: int = 0
    boxes: list[Box] = field(default_factory=list)
    searched: bool = False  # faces were looked for (not skipped as hopeless)


def score_frame(rgb: np.ndarray, *, like: FrameScore | None = None, floor: float = 0.0) -> FrameScore:
    """Judge one RGB frame (uint8, H×W×3, long side about ``ANALYSIS_SIDE``). ``like``: the frame judged just before;
    when this one looks the same (pHash within ``SAME_SHOT`` bits) its faces are taken over instead of searched for.
    ``floor``: the score a frame must beat to matter; one that cannot even with the best face is not searched."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    image = Image.fromarray(rgb)
    fingerprint = phash(image)
    mean, std = float(grey.mean()), float(grey.std())
    if mean < DARK_MEAN / 2 or std < FLAT_STD:  # black, a fade, one flat colour: not worth looking for faces
        reasons = ['dark' if mean < DARK_MEAN else 'flat']
        return FrameScore(score=round(0.02 * _exposure(mean, std), 4), reasons=reasons, phash=fingerprint)
    sharp = min(1.0, float(np.log1p(cv2.Laplacian(grey, cv2.CV_32F).var()) / np.log1p(SHARP_LAPLACIAN)))
    exposure = _exposure(mean, std)
    colour = _colourfulness(rgb)
    quality = 0.5 * sharp + 0.3 * exposure + 0.2 * colour
    reasons = ['sharp' if sharp >= 0.8 else 'blurry' if sharp < BLURRY else 'soft']
    if sharp < BLURRY:
        quality *= 0.5
    if mean < DARK_MEAN:
        reasons.append('dark')
        quality *= 0.1
    elif mean > BRIGHT_MEAN:
        reasons.append('bright')
        quality *= 0.1
    elif exposure >= 0.6:
        reasons.append('well_exposed')
    if colour >= 0.5:
        reasons.append('colourful')
    if sharp < BLURRY or quality <= floor:  # no face could lift it far enough: spare the search
        faces: list[Box] = []
    elif like is not None and like.searched and distance(like.phash, fingerprint) <= SAME_SHOT:
        faces = like.boxes
    else:
        faces = [box for box in _faces(image) if _skin_share(rgb, box) >= MIN_SKIN]
    face_term, share = 0.0, 0.0
    if faces:
        top, bottom = faces[0][1], faces[0][3]
        share = (bottom - top) / rgb.shape[0]
        face_term = 0.6 + 0.4 * min(1.0, share / CLOSE_UP)
        reasons.append('close_up' if share >= CLOSE_UP else 'face')
        if _eyes_open(grey, faces[0]):
            reasons.append('eyes_open')
            face_term += 0.15
    score = quality * (0.6 + 0.4 * min(1.0, face_term))
    return FrameScore(
        score=round(score, 4),
        faces=len(faces),
        face_share=round(share, 3),
        reasons=reasons,
        phash=fingerprint,
        boxes=faces,
        searched=not (sharp < BLURRY or quality <= floor),
    )


def analysis_size(width: int, height: int) -> tuple[int, int]:
    """The (even) size a ``width``×``height`` frame is judged at."""
    scale = min(1.0, ANALYSIS_SIDE / max(width, height))
    return max(2, round(width * scale / 2) * 2), max(2, round(height * scale / 2) * 2)


def _faces(image: Image.Image) -> list[Box]:
    """Frontal faces (the render facade's finder) looked for on a ``FACE_SIDE`` copy, in ``image``'s pixels."""
    scale = min(1.0, FACE_SIDE / max(image.size))
    small = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BILINEAR)
    return [
        (round(x0 / scale), round(y0 / scale), round(x1 / scale), round(y1 / scale))
        for x0, y0, x1, y1 in find_faces(small, profiles=False)
    ]


def _skin_share(rgb: np.ndarray, box: Box) -> float:
    """The share of the box's middle in a broad skin-tone range (YCrCb); Haar's hits on shapes and text have none."""
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) // 4, (y1 - y0) // 4
    middle = rgb[y0 + dy : y1 - dy, x0 + dx : x1 - dx]
    if middle.size == 0:
        return 0.0
    ycrcb = cv2.cvtColor(np.ascontiguousarray(middle), cv2.COLOR_RGB2YCrCb)
    cr, cb = ycrcb[..., 1], ycrcb[..., 2]
    return float(((cr >= 133) & (cr <= 180) & (cb >= 70) & (cb <= 135)).mean())


def _exposure(mean: float, std: float) -> float:
    """1 for a mid-grey mean with healthy contrast; falls off towards black, white and flatness."""
    level = max(0.0, 1.0 - abs(mean - 120.0) / 120.0)
    contrast = min(1.0, std / 55.0)
    return round(0.6 * level + 0.4 * contrast, 4)


def _colourfulness(rgb: np.ndarray) -> float:
    """Hasler and Süsstrunk's colourfulness metric, scaled so ~100 ("very colourful") is 1."""
    small = rgb[::4, ::4].astype(np.float32)
    rg = small[..., 0] - small[..., 1]
    yb = 0.5 * (small[..., 0] + small[..., 1]) - small[..., 2]
    metric = float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))
    return min(1.0, metric / 100.0)


def _eyes_open(grey: np.ndarray, face: tuple[int, int, int, int]) -> bool:
    """At least one open eye in the upper part of the face (the Haar eye cascade rarely fires on a closed lid)."""
    x0, y0, x1, y1 = face
    upper = grey[y0 : y0 + (y1 - y0) * 6 // 10, x0:x1]
    side = max(12, (x1 - x0) // 8)
    if min(upper.shape[:2]) < 2 * side:  # too small to hold an eye (and the cascade asserts on tiny inputs)
        return False
    try:
        found = _eye_cascade().detectMultiScale(upper, scaleFactor=1.1, minNeighbors=6, minSize=(side, side))
    except cv2.error:
        return False
    return len(found) > 0


@lru_cache(maxsize=1)
def _eye_cascade() -> cv2.CascadeClassifier:
    path = Path(cv2.data.haarcascades) / 'haarcascade_eye.xml'  # type: ignore[attr-defined]
    return cv2.CascadeClassifier(str(path))
