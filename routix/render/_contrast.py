"""How well text reads on the pixels it is drawn over: WCAG contrast measured on the composed image, and the fixes.

The pixels measured are those under a line's letters just before the fill is painted: the background, accents and
photo where there is no outline, the outline where there is one (that is what the letters touch). A line reads when
90 % of those pixels give at least 4.5:1 (WCAG's ratio for normal text), so a few stray pixels do not fail it.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from routix.colors import contrast_ratio
from routix.render._color import RGBA, Box, paint

MIN_CONTRAST = 4.5
PERCENTILE = 10  # the contrast this share (%) of the pixels under a line's letters fall below
SAMPLE = 2  # measured at half size: the feed shows thumbnails at a seventh, and a quarter of the pixels is plenty
SCRIM_ALPHA = 220  # a scrim this opaque makes white on black (or black on white) read over any pixels
BLACK, WHITE = (0, 0, 0, 255), (255, 255, 255, 255)
_LINEAR = np.array([c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in range(256))])


def under(image: Image.Image, letters: Image.Image, origin: tuple[int, int], box: Box) -> np.ndarray:
    """Relative luminance of the pixels of ``image`` under the letters (``letters`` mask at ``origin``) in ``box``."""
    x0, y0 = max(0, box[0]), max(0, box[1])
    x1, y1 = min(image.width, box[2]), min(image.height, box[3])
    if x1 - x0 < SAMPLE or y1 - y0 < SAMPLE:
        return np.empty(0)
    size = ((x1 - x0) // SAMPLE, (y1 - y0) // SAMPLE)
    crop = (x0, y0, x0 + size[0] * SAMPLE, y0 + size[1] * SAMPLE)
    pixels = np.asarray(image.crop(crop).reduce(SAMPLE))
    ox, oy = origin
    mask = np.asarray(letters.crop((crop[0] - ox, crop[1] - oy, crop[2] - ox, crop[3] - oy)))
    mask = mask.reshape(size[1], SAMPLE, size[0], SAMPLE).min(axis=(1, 3))  # a sample counts when fully inked
    chosen = pixels[mask >= 200]
    linear = _LINEAR[chosen[:, :3]]
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(color: RGBA, luminance: np.ndarray) -> float:
    """The contrast of ``color`` that all but ``PERCENTILE`` % of the pixels (luminances) reach; 21 when none."""
    if not luminance.size:
        return 21.0
    text = float(_LINEAR[list(color[:3])] @ np.array([0.2126, 0.7152, 0.0722]))
    ratios = (np.maximum(luminance, text) + 0.05) / (np.minimum(luminance, text) + 0.05)
    return float(np.percentile(ratios, PERCENTILE))


def worst(color: RGBA, lines: list[np.ndarray]) -> float:
    """The lowest contrast of ``color`` over ``lines`` (each the luminances under one line)."""
    return min((contrast(color, lum) for lum in lines), default=21.0)


def black_or_white(lines: list[np.ndarray]) -> tuple[RGBA, float]:
    """Black or white, whichever reads better on every line, and its contrast."""
    return max(((c, worst(c, lines)) for c in (WHITE, BLACK)), key=lambda pair: pair[1])


def scrim(image: Image.Image, boxes: list[Box], text: RGBA, pad: int) -> None:
    """A near-opaque band behind each line, dark under light text and light under dark text."""
    shade = BLACK if contrast_ratio(hex_of(text), '#000000') >= contrast_ratio(hex_of(text), '#ffffff') else WHITE
    for x0, y0, x1, y1 in boxes:
        band = (max(0, x0 - pad), max(0, y0 - pad), min(image.width, x1 + pad), min(image.height, y1 + pad))
        if band[2] > band[0] and band[3] > band[1]:
            solid = Image.new('L', (band[2] - band[0], band[3] - band[1]), 255)
            paint(image, band[:2], solid, (*shade[:3], SCRIM_ALPHA))


def hex_of(color: RGBA) -> str:
    """'#rrggbb' of an RGBA colour."""
    return '#{:02x}{:02x}{:02x}'.format(*color[:3])
