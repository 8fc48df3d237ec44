"""What the check measures on pixels alone (uploaded images): text lines, their contrast, elements, tonal range.

Everything runs on a half-size (640×360) grey copy of the 1280×720 canvas and answers in canvas pixels.
Text lines come from a text-likelihood map: MSER regions shaped like letters (size, aspect, fill) that sit in a row
with neighbours of a similar height; a lone blob is not text. Elements are the filled connected regions of the edge
map: what a viewer would count as separate things at feed size.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 on the 1280×720 canvas
SCALE = 2  # canvas pixels per analysed pixel
MIN_LETTER, MAX_LETTER = 6, 140  # px at 640×360: letter heights the map looks for
MIN_LETTERS = 3  # a line of text has at least this many letter-like regions
ELEMENT_SIDE = 320  # px: elements are counted at this width (a feed thumbnail is 168 to 360 wide)
MIN_ELEMENT = 0.004  # of the frame: smaller regions are detail, not an element
_LINEAR = np.array([c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in range(256))])


@dataclass(kw_only=True, slots=True)
class TextLine:
    """A line of text found on the pixels: its box, letter height (≈ cap height) and the contrast of its letters."""

    box: Box
    letter_px: float
    contrast: float


def text_lines(grey: np.ndarray) -> list[TextLine]:
    """Lines of text in a 1280×720 grey image (uint8), the tallest letters first."""
    half = cv2.resize(grey, (grey.shape[1] // SCALE, grey.shape[0] // SCALE), interpolation=cv2.INTER_AREA)
    letters = _letters(half)
    if len(letters) < MIN_LETTERS:
        return []
    mask = np.zeros(half.shape, np.uint8)
    for x0, y0, x1, y1 in letters:  # each letter reaches out by half its height: letters of a word, words of a line
        reach = max(2, (y1 - y0) // 2)
        cv2.rectangle(mask, (x0 - reach, y0), (x1 - 1 + reach, y1 - 1), 255, -1)
    _, labels = cv2.connectedComponents(mask, connectivity=8)
    groups: dict[int, list[Box]] = {}
    for box in letters:
        groups.setdefault(int(labels[(box[1] + box[3]) // 2, (box[0] + box[2]) // 2]), []).append(box)
    lines: list[TextLine] = []
    for members in groups.values():
        median = float(np.median([b[3] - b[1] for b in members]))
        core = [b for b in members if 0.6 * median <= b[3] - b[1] <= 1.6 * median]  # dots and flourishes aside
        if len(core) < MIN_LETTERS:
            continue
        x0, y0 = min(b[0] for b in core), min(b[1] for b in core)
        x1, y1 = max(b[2] for b in core), max(b[3] for b in core)
        if x1 - x0 < 2 * median:
            continue
        box = (x0 * SCALE, y0 * SCALE, x1 * SCALE, y1 * SCALE)
        contrast = _line_contrast(grey[box[1] : box[3], box[0] : box[2]])
        lines.append(TextLine(box=box, letter_px=median * SCALE, contrast=contrast))
    lines.sort(key=lambda line: line.letter_px, reverse=True)
    return lines


def elements(rgb: np.ndarray) -> list[Box]:
    """The separate things in a 1280×720 RGB image (uint8), the largest first: filled regions of its edge map."""
    height = round(ELEMENT_SIDE * rgb.shape[0] / rgb.shape[1])
    small = cv2.resize(rgb, (ELEMENT_SIDE, height), interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    edges = cv2.Canny(cv2.GaussianBlur(grey, (3, 3), 0), 60, 160)
    closed = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7)))
    border = np.zeros_like(closed)  # an edge along the frame is the picture's border, not a thing
    border[2:-2, 2:-2] = closed[2:-2, 2:-2]
    contours, _ = cv2.findContours(border, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    factor = rgb.shape[1] / ELEMENT_SIDE
    frame = ELEMENT_SIDE * height
    found: list[tuple[int, Box]] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w * h < MIN_ELEMENT * frame or w * h > 0.9 * frame:
            continue
        box = (round(x * factor), round(y * factor), round((x + w) * factor), round((y + h) * factor))
        found.append((w * h, box))
    found.sort(key=lambda item: item[0], reverse=True)
    return _without_nested([box for _, box in found])


def tonal_range(rgb: np.ndarray) -> float:
    """The spread of lightness (L*, 0–100) between the darkest and lightest 5 % of a feed-size (168×94) copy."""
    small = cv2.resize(rgb, (168, 94), interpolation=cv2.INTER_AREA)
    lightness = cv2.cvtColor(small, cv2.COLOR_RGB2LAB)[:, :, 0].astype(float) * 100 / 255
    low, high = np.percentile(lightness, [5, 95])
    return float(high - low)


def grey_of(image: Image.Image) -> np.ndarray:
    """The grey (uint8) array of an RGB image."""
    return np.asarray(image.convert('L'))


def _letters(half: np.ndarray) -> list[Box]:
    create = cv2.MSER_create  # type: ignore[attr-defined]  # in the wheel, missing from its type stubs
    mser = create(delta=5, min_area=12, max_area=MAX_LETTER * MAX_LETTER // 2)
    regions, boxes = mser.detectRegions(half)
    letters: set[Box] = set()
    for points, (x, y, w, h) in zip(regions, boxes, strict=True):
        if not MIN_LETTER <= h <= MAX_LETTER or not 0.12 <= w / h <= 1.6:
            continue
        fill = len(points) / (w * h)
        if not 0.15 <= fill <= 0.9:  # letters are strokes: neither a solid block nor a thin ring
            continue
        letters.add((int(x), int(y), int(x + w), int(y + h)))
    return _without_nested(sorted(letters, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True))


def _without_nested(boxes: list[Box]) -> list[Box]:
    """Drop boxes that lie mostly inside a larger one already kept (MSER reports a letter at several levels)."""
    kept = np.empty((len(boxes), 4), dtype=np.int64)
    count = 0
    for box in boxes:
        x0, y0, x1, y1 = box
        if count:
            seen = kept[:count]
            wide = np.minimum(x1, seen[:, 2]) - np.maximum(x0, seen[:, 0])
            high = np.minimum(y1, seen[:, 3]) - np.maximum(y0, seen[:, 1])
            if ((wide > 0) & (high > 0) & (wide * high >= 0.7 * max(1, (x1 - x0) * (y1 - y0)))).any():
                continue
        kept[count] = box
        count += 1
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in kept[:count]]


def _line_contrast(crop: np.ndarray) -> float:
    """WCAG contrast between the two tones of a text line (Otsu's split: letters and what is around them)."""
    if crop.size < 16:
        return 1.0
    threshold, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark, light = crop[crop <= threshold], crop[crop > threshold]
    if not dark.size or not light.size:
        return 1.0
    lum_dark, lum_light = _LINEAR[int(np.median(dark))], _LINEAR[int(np.median(light))]
    return float((lum_light + 0.05) / (lum_dark + 0.05))
