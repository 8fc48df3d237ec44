"""A 64-bit difference hash (dHash): pictures that look alike at a glance differ in few bits."""

from __future__ import annotations

import numpy as np
from PIL import Image

MIN_DISTANCE = 12  # bits of 64: variants closer than this look like the same thumbnail in the feed


def dhash(image: Image.Image) -> int:
    """64 bits: is each cell of a 9×8 grey copy brighter than its left neighbour."""
    grey = np.asarray(image.convert('L').resize((9, 8), Image.Resampling.LANCZOS), dtype=np.int16)
    bits = (grey[:, 1:] > grey[:, :-1]).flatten()
    return int(sum(1 << i for i, bit in enumerate(bits) if bit))


def distance(a: int, b: int) -> int:
    """How many of the 64 bits differ."""
    return (a ^ b).bit_count()


def phash(image: Image.Image) -> int:
    """64 bits: which of the 8×8 lowest frequencies of a 32×32 grey copy's DCT lie above their median."""
    grey = np.asarray(image.convert('L').resize((32, 32), Image.Resampling.LANCZOS), dtype=np.float64)
    low = (_DCT @ grey @ _DCT.T)[:8, :8].flatten()
    bits = low > np.median(low[1:])
    return int(sum(1 << i for i, bit in enumerate(bits) if bit))


def _dct_matrix(n: int) -> np.ndarray:
    k, i = np.indices((n, n))
    matrix = np.cos(np.pi * (2 * i + 1) * k / (2 * n)) * np.sqrt(2 / n)
    matrix[0] /= np.sqrt(2)
    return matrix


_DCT = _dct_matrix(32)
