"""The person (or the salient object) of a creator's photo cut out of its background, with a rim light, as designers do.

No model and nothing downloaded: OpenCV's GrabCut seeded by the face box. Probable foreground is the head (hair above
the Haar box, which starts at the brows) and a neck-and-shoulders trapezoid widening down to the photo's bottom; sure
foreground is the face's core; sure background is everything well away from that silhouette. GrabCut's cost grows
with the pixels it sees (~0.5 ms per 100 px² on these cores), so it runs on the region around the person reduced to
``CUT_SIDE`` px; the mask is then scaled to the size the subject is drawn at and snapped to the photo's real edges
with a guided filter on the full-resolution grey image, then feathered. Without a face the salient region seeds a
rectangle cut, accepted only when it looks like an object (neither a speck nor the whole picture).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
from PIL import Image

from routix.render._color import Box
from routix.render._faces import find_focus

CUT_SIDE = 176  # px: the long side GrabCut works at
ITERATIONS = 2
RNG_SEED = 0x5EED
HAIR = 0.75  # face heights above the Haar box's top (the brows) that may still be hair
SOURCE_SIDE = 2000  # px: a photo more than twice this long is reduced by a whole factor before anything else
KEEP_SIDE = 1400  # px: a crop longer than this is kept reduced to it
KEEP_BELOW_CHIN = 3.2  # face heights of body kept under the chin: a medium close-up, the rest runs off the canvas
GUIDE_RADIUS = 3  # px of the drawn size per work pixel: how far the guided filter may move an edge
SALIENT_RECT = 0.8  # of the photo's sides: the rectangle a cut without a face starts from
MIN_SALIENT, MAX_SALIENT = 0.12, 0.85  # share of that rectangle the cut must fill to count as an object


@dataclass(kw_only=True, slots=True)
class Cutout:
    """A subject cut out of a photo: the photo cropped to it, its coarse mask, where its face is."""

    photo: Image.Image  # RGB crop of the source around the subject
    box: Box  # where ``photo`` was cropped from, in the source's pixels
    photo_scale: float = 1.0  # ``photo``'s pixels per source pixel (a big photo's crop is reduced once)
    mask: np.ndarray  # float32 0…1 over ``photo``, at work resolution
    face: Box | None  # in ``photo``'s pixels
    kind: Literal['face', 'salient']
    runs_off: bool  # the subject goes on below the crop's bottom edge (a torso): anchor it to the canvas bottom
    open_sides: tuple[bool, bool] = (False, False)  # the photo's frame cuts the subject on its left / right side


def cut_out(image: Image.Image) -> Cutout | None:
    """The largest face's person (else the salient object) cut out of ``image``; None when nothing cuts cleanly."""
    image = image.convert('RGB')
    if min(image.size) < 32:
        return None
    factor = max(1, max(image.size) // SOURCE_SIDE)
    if factor > 1:  # a 12 MP photo: one fast box reduction serves the face search, the cut and the crop
        image = image.reduce(factor)
    focus = find_focus(image)
    cut = _cut_person(image, focus.box) if focus.kind == 'face' else _cut_salient(image, focus.box)
    if cut is not None and factor > 1:  # say where the crop came from in the photo as it was given
        cut.box = (cut.box[0] * factor, cut.box[1] * factor, cut.box[2] * factor, cut.box[3] * factor)
        cut.photo_scale /= factor
    return cut


def matte(cut: Cutout, scale: float) -> Image.Image:
    """The cut-out drawn at ``scale`` × the source's pixels: RGBA, alpha snapped to the photo's edges, feathered."""
    size = (max(1, round(cut.photo.width * scale)), max(1, round(cut.photo.height * scale)))
    photo = cut.photo.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
    coarse = cv2.resize(cut.mask, size, interpolation=cv2.INTER_LINEAR)
    grey = np.asarray(photo.convert('L'), dtype=np.float32) / 255
    radius = max(2, round(GUIDE_RADIUS * size[0] / cut.mask.shape[1]))
    alpha = np.clip(_guided(grey, coarse, radius, 2e-3), 0, 1)
    alpha = cv2.GaussianBlur(alpha, (0, 0), max(0.8, size[1] / 600))
    alpha[coarse < 0.02] = 0  # the filter may not grow the subject into background it was told is background
    if cut.face is not None:  # the face is the point of the picture: never see-through
        fx0, fy0, fx1, fy1 = (round(v * scale) for v in cut.face)
        inset_x, inset_y = (fx1 - fx0) // 6, (fy1 - fy0) // 8
        alpha[fy0 + inset_y : fy1 - inset_y, fx0 + inset_x : fx1 - inset_x] = 1
    if cut.runs_off:  # the bottom edge is where the canvas will cut it: no feathered hem
        rows = max(2, size[1] // 100)
        alpha[-rows:] = np.maximum(alpha[-rows:], (coarse[-rows:] > 0.5).astype(np.float32))
    rgba = photo.convert('RGBA')
    rgba.putalpha(Image.fromarray((alpha * 255 + 0.5).astype(np.uint8), 'L'))
    return rgba


def rim(
    alpha: Image.Image, *, stroke: int, glow: int, open_sides: tuple[bool, bool] = (False, False)
) -> tuple[tuple[int, int], Image.Image, Image.Image]:
    """The outline and the glow around a cut-out's ``alpha``: (padding, stroke mask, glow mask), both ``alpha``'s size
    grown by the padding on every side (the cut-out goes at (padding, padding) in them). Where the photo's frame cut
    the subject (``open_sides``: left, right) there is no outline: the subject goes on, it does not end there."""
    pad = stroke + 2 * glow
    grown = cv2.copyMakeBorder(np.asarray(alpha), pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * stroke + 1, 2 * stroke + 1))
    outline = cv2.dilate(grown, kernel)
    factor = 4  # the glow is a wide blur: blurred at a quarter size and scaled back, it costs a small blur
    small = cv2.resize(outline, (max(1, outline.shape[1] // factor), max(1, outline.shape[0] // factor)))
    halo = cv2.GaussianBlur(small, (0, 0), max(1.0, glow / factor / 2))
    halo = cv2.resize(halo, (outline.shape[1], outline.shape[0]), interpolation=cv2.INTER_LINEAR)
    halo = np.minimum(255, halo.astype(np.uint16) * 2).astype(np.uint8)  # a bright halo, not a faint haze
    source = np.asarray(alpha)
    for side, cut in zip((slice(0, pad + 1), slice(pad + source.shape[1] - 1, None)), open_sides, strict=True):
        if cut:
            rows = np.flatnonzero(source[:, 0 if side.start == 0 else -1] > 0) + pad
            if len(rows):
                span = slice(max(0, int(rows.min()) - stroke), int(rows.max()) + 1)
                outline[span, side] = 0
                halo[span, side] = 0
    return (pad, pad), Image.fromarray(outline, 'L'), Image.fromarray(halo, 'L')


def _cut_person(image: Image.Image, face: Box) -> Cutout:
    """GrabCut seeded by the head-and-shoulders silhouette around ``face``."""
    x0, y0, x1, y1 = face
    fw, fh = x1 - x0, y1 - y0
    width, height = image.size
    bottom = min(height, round(y1 + KEEP_BELOW_CHIN * fh))  # a longer body is cut here: it runs off the canvas
    roi = (max(0, round(x0 - 2.6 * fw)), max(0, round(y0 - 1.1 * fh)), min(width, round(x1 + 2.6 * fw)), bottom)
    work, scale = _work_copy(image, roi)
    seeds = _person_seeds(work.shape[:2], [(v - o) / scale for v, o in zip(face, roi[:2] * 2, strict=True)])
    fg = _grabcut(work, seeds)
    fg = _tidy(fg, ((face[0] + face[2]) / 2 - roi[0]) / scale, ((face[1] + face[3]) / 2 - roi[1]) / scale)
    return _crop(image, roi, fg, scale, face=face, kind='face', runs_off=bool(fg[-1].any()))


def _cut_salient(image: Image.Image, box: Box) -> Cutout | None:
    """A rectangle cut (``SALIENT_RECT`` of the photo, centred on the salient ``box`` as far as the photo allows, a
    band of background all round); None when the result is no object: a speck, or the whole rectangle."""
    width, height = image.size
    roi = (0, 0, width, height)
    work, scale = _work_copy(image, roi)
    wh, ww = work.shape[:2]
    band_x, band_y = max(2, round(ww * 0.04)), max(2, round(wh * 0.04))
    rw, rh = round(ww * SALIENT_RECT), round(wh * SALIENT_RECT)
    cx, cy = (box[0] + box[2]) / 2 / scale, (box[1] + box[3]) / 2 / scale
    rx0 = min(max(band_x, round(cx - rw / 2)), ww - band_x - rw)
    ry0 = min(max(band_y, round(cy - rh / 2)), wh - band_y - rh)
    rx1, ry1 = rx0 + rw, ry0 + rh
    if rw < 8 or rh < 8 or rx0 < 1 or ry0 < 1:
        return None
    seeds = np.full(work.shape[:2], cv2.GC_BGD, np.uint8)
    seeds[ry0:ry1, rx0:rx1] = cv2.GC_PR_FGD
    core = max(1, round((box[2] - box[0]) / scale / 4))  # the middle of the salient region is the object
    seeds[max(0, round(cy) - core) : round(cy) + core, max(0, round(cx) - core) : round(cx) + core] = cv2.GC_FGD
    fg = _tidy(_grabcut(work, seeds), cx, cy)
    share = float(fg[ry0:ry1, rx0:rx1].mean())
    if not MIN_SALIENT <= share <= MAX_SALIENT:
        return None
    return _crop(image, roi, fg, scale, face=None, kind='salient', runs_off=False)


def _work_copy(image: Image.Image, roi: Box) -> tuple[np.ndarray, float]:
    """The ``roi`` of ``image`` reduced to at most ``CUT_SIDE`` px (BGR for OpenCV) and its scale back to ``image``."""
    scale = max(1.0, max(roi[2] - roi[0], roi[3] - roi[1]) / CUT_SIDE)
    size = (max(8, round((roi[2] - roi[0]) / scale)), max(8, round((roi[3] - roi[1]) / scale)))
    small = image.resize(size, Image.Resampling.BILINEAR, box=roi, reducing_gap=2.0)
    return np.ascontiguousarray(np.asarray(small)[:, :, ::-1]), (roi[2] - roi[0]) / size[0]


def _person_seeds(shape: tuple[int, ...], face: list[float]) -> np.ndarray:
    """GrabCut's starting labels for a head and shoulders around ``face`` (x0, y0, x1, y1 in work pixels)."""
    height, width = shape[0], shape[1]
    x0, y0, x1, y1 = face
    fw, fh = x1 - x0, y1 - y0
    cx = (x0 + x1) / 2
    silhouette = np.zeros((height, width), np.uint8)
    head = ((round(cx), round(y0 + 0.3 * fh)), (round(0.78 * fw), round(0.9 * fh)))  # hair to 0.6 face over the box
    cv2.ellipse(silhouette, head[0], head[1], 0, 0, 360, 1, -1)
    shoulders = y1 + 0.45 * fh
    body = np.array(
        [
            (cx - 0.4 * fw, y1 - 0.1 * fh),
            (cx + 0.4 * fw, y1 - 0.1 * fh),
            (cx + 1.7 * fw, shoulders),
            (cx + 2.0 * fw, height),
            (cx - 2.0 * fw, height),
            (cx - 1.7 * fw, shoulders),
        ],
        np.int32,
    )
    cv2.fillPoly(silhouette, [body], 1)
    margin = max(3, round(0.45 * fw))
    near = cv2.dilate(silhouette, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * margin + 1, 2 * margin + 1)))
    seeds = np.where(near > 0, cv2.GC_PR_BGD, cv2.GC_BGD).astype(np.uint8)
    seeds[silhouette > 0] = cv2.GC_PR_FGD
    seeds[: max(0, round(y0 - HAIR * fh))] = cv2.GC_BGD  # nothing above the hair belongs to the person
    core = ((round(cx), round((y0 + y1) / 2 + 0.05 * fh)), (max(1, round(0.3 * fw)), max(1, round(0.36 * fh))))
    cv2.ellipse(seeds, core[0], core[1], 0, 0, 360, int(cv2.GC_FGD), -1)
    crown = (round(cx - 0.2 * fw), round(y0 - 0.12 * fh), round(cx + 0.2 * fw), round(y0 + 0.15 * fh))  # brow, hair
    seeds[max(0, crown[1]) : max(0, crown[3]), max(0, crown[0]) : max(0, crown[2])] = cv2.GC_FGD
    chest = (round(cx - 0.3 * fw), round(y1 + 0.55 * fh), round(cx + 0.3 * fw), round(y1 + 1.3 * fh))
    seeds[max(0, chest[1]) : max(0, chest[3]), max(0, chest[0]) : max(0, chest[2])] = cv2.GC_FGD
    return seeds


def _grabcut(work: np.ndarray, seeds: np.ndarray) -> np.ndarray:
    """GrabCut from ``seeds``; the foreground as a bool array (the probable foreground when there is no background)."""
    if not np.isin(seeds, (cv2.GC_BGD, cv2.GC_PR_BGD)).any() or not np.isin(seeds, (cv2.GC_FGD, cv2.GC_PR_FGD)).any():
        return np.isin(seeds, (cv2.GC_FGD, cv2.GC_PR_FGD))
    mask = seeds.copy()
    background, foreground = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(RNG_SEED)  # GrabCut starts its colour models with k-means on OpenCV's global generator: a render
    # must not depend on what the worker cut before (the same photo once lost its hair on a fourth run)
    cv2.grabCut(work, mask, (0, 0, 0, 0), background, foreground, ITERATIONS, cv2.GC_INIT_WITH_MASK)
    return np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD))


def _tidy(fg: np.ndarray, cx: float, cy: float) -> np.ndarray:
    """The foreground's part that holds (or is nearest to) the seed point, specks dropped and holes filled."""
    mask = cv2.morphologyEx(fg.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return fg
    x, y = min(labels.shape[1] - 1, max(0, round(cx))), min(labels.shape[0] - 1, max(0, round(cy)))
    keep = labels[y, x] or 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    body = (labels == keep).astype(np.uint8)
    outside = np.pad(1 - body, 1, constant_values=1)  # holes: background not reachable from the border
    flood = outside.copy()
    cv2.floodFill(flood, None, (0, 0), 2)
    return (body > 0) | (flood[1:-1, 1:-1] == 1)


def _crop(
    image: Image.Image, roi: Box, fg: np.ndarray, scale: float, *, face: Box | None, kind: str, runs_off: bool
) -> Cutout:
    """The ``roi`` cut to the foreground's bounding box (a pixel of margin at work size)."""
    ys, xs = np.nonzero(fg)
    if not len(xs):
        ys, xs = np.array([0, fg.shape[0] - 1]), np.array([0, fg.shape[1] - 1])
    wx0, wy0 = max(0, int(xs.min()) - 1), max(0, int(ys.min()) - 1)
    wx1, wy1 = min(fg.shape[1], int(xs.max()) + 2), min(fg.shape[0], int(ys.max()) + 2)
    box = (
        roi[0] + round(wx0 * scale),
        roi[1] + round(wy0 * scale),
        min(roi[2], roi[0] + round(wx1 * scale)),
        min(roi[3], roi[1] + round(wy1 * scale)),
    )
    open_sides = (box[0] == 0 and bool(fg[:, 0].any()), box[2] == image.width and bool(fg[:, -1].any()))
    # a render never draws the subject much larger than the canvas: a bigger crop is reduced once, here, not per draw
    reduce = min(1.0, KEEP_SIDE / max(1, box[2] - box[0], box[3] - box[1]))
    size = (max(1, round((box[2] - box[0]) * reduce)), max(1, round((box[3] - box[1]) * reduce)))
    photo = image.crop(box) if reduce == 1 else image.resize(size, Image.Resampling.BILINEAR, box=box, reducing_gap=2)
    local: Box | None = None
    if face is not None:
        x0, y0, x1, y1 = ((v - o) * reduce for v, o in zip(face, box[:2] * 2, strict=True))
        local = (round(x0), round(y0), round(x1), round(y1))
    return Cutout(
        photo=photo,
        box=box,
        photo_scale=reduce,
        mask=np.ascontiguousarray(fg[wy0:wy1, wx0:wx1], dtype=np.float32),
        face=local,
        kind='face' if kind == 'face' else 'salient',
        runs_off=runs_off,
        open_sides=open_sides,
    )


def _guided(guide: np.ndarray, source: np.ndarray, radius: int, eps: float) -> np.ndarray:
    """He et al.'s guided filter: ``source`` smoothed while following ``guide``'s edges (box filters only)."""
    size = (2 * radius + 1, 2 * radius + 1)

    def mean(a: np.ndarray) -> np.ndarray:
        return cv2.boxFilter(a, -1, size, borderType=cv2.BORDER_REFLECT)

    mean_g, mean_s = mean(guide), mean(source)
    a = (mean(guide * source) - mean_g * mean_s) / (mean(guide * guide) - mean_g * mean_g + eps)
    b = mean_s - a * mean_g
    return np.asarray(mean(a) * guide + mean(b), dtype=np.float32)


def cut_from_alpha(image: Image.Image) -> Cutout | None:
    """A photo that is already cut out (a PNG or WebP with transparency) keeps its own alpha; None when it is opaque."""
    alpha = np.asarray(image.getchannel('A'))
    inked = alpha > 127
    if inked.mean() > 0.97 or not inked.any():
        return None
    ys, xs = np.nonzero(inked)
    box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
    return Cutout(
        photo=image.convert('RGB').crop(box),
        box=box,
        mask=np.ascontiguousarray(alpha[box[1] : box[3], box[0] : box[2]], dtype=np.float32) / 255,
        face=None,
        kind='salient',
        runs_off=bool(inked[-1].any()),
    )
