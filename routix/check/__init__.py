"""An explained thumbnail check for any image, ours or uploaded: ``check_image(data, title=..., layers=...)``.

Pure and CPU-bound (callers run it through ``runtime.cpu``). For an image Routix rendered, ``layers`` (what
``render.Composed.layers`` reported) tell where the text, subject and photo are, with the headline's cap height and
measured contrast; for any other image the same facts are measured on the pixels (``pixels``). Faces come from the
renderer's detector (OpenCV Haar cascades).
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from routix import render
from routix.check import pixels, rules
from routix.check.report import PARTS, CheckPart, CheckReport
from routix.core.errors import InvalidUpload

__all__ = ['PARTS', 'CheckPart', 'CheckReport', 'check_image']

MAX_PIXELS = 40_000_000
ORIENTATION = 0x0112  # the EXIF tag a phone photo is turned by
CANVAS = (rules.WIDTH, rules.HEIGHT)


def check_image(data: bytes, *, title: str = '', layers: list[dict[str, Any]] | None = None) -> CheckReport:
    """Check a thumbnail's bytes; ``layers`` are the render's own description (None for an uploaded image).

    Raises ``InvalidUpload`` when the bytes are not a readable image.
    """
    image, fmt = _decode(data)
    width, height = image.size
    canvas = ImageOps.fit(image, CANVAS, Image.Resampling.BILINEAR) if image.size != CANVAS else image
    rgb = np.asarray(canvas)
    if layers is not None:
        texts = _texts_of(layers)
        photo = any(layer['kind'] == 'photo' for layer in layers)
        faces = render.find_faces(canvas, profiles=False) if photo else []
        subjects = [_box(layer['bbox']) for layer in layers if layer['kind'] in ('subject', 'photo')]
        count = _element_count(layers)
        words: str | None = ' '.join(
            str(layer.get('text', '')) for layer in layers if layer['kind'] in rules.TEXT_KINDS
        )
        source = 'layers'
    else:
        texts = [
            rules.Text(box=line.box, cap_px=line.letter_px, contrast=line.contrast)
            for line in pixels.text_lines(pixels.grey_of(canvas))
        ]
        faces = render.find_faces(canvas, profiles=False)  # thumbnails face the camera; profiles cost 2× more
        subjects = pixels.elements(rgb)
        count = len(subjects)
        words, source = None, 'pixels'
    parts: dict[str, CheckPart] = {
        'spec': rules.spec(width=width, height=height, fmt=fmt, size=len(data)),
        'legibility': rules.legibility(texts, source=source),
        'contrast': rules.contrast(pixels.tonal_range(rgb)),
        'timestamp_zone': rules.timestamp_zone(texts, faces),
        'focus': rules.focus(faces=faces, subjects=subjects, text_is_subject=bool(texts)),
        'clutter': rules.clutter(count),
        'title_overlap': rules.title_overlap(words, title),
    }
    assert tuple(parts) == PARTS
    return CheckReport(parts=parts)


def _decode(data: bytes) -> tuple[Image.Image, str]:
    """The image as RGB (EXIF orientation applied) and its format; InvalidUpload when it is no image."""
    with warnings.catch_warnings():
        warnings.simplefilter('error', Image.DecompressionBombWarning)
        try:
            image: Image.Image = Image.open(io.BytesIO(data))
            fmt = image.format or ''
            if image.width * image.height > MAX_PIXELS:
                raise InvalidUpload('upload.too_many_pixels', width=image.width, height=image.height)
            image.load()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
            raise InvalidUpload('upload.damaged') from e
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as e:
            raise InvalidUpload('upload.too_large') from e
    if image.getexif().get(ORIENTATION, 1) != 1:
        image = ImageOps.exif_transpose(image)
    return (image if image.mode == 'RGB' else image.convert('RGB')), fmt


def _texts_of(layers: list[dict[str, Any]]) -> list[rules.Text]:
    return [
        rules.Text(
            box=_box(layer['bbox']),
            cap_px=float(layer.get('cap_px') or 0),
            contrast=float(layer.get('contrast') or 21),
            words=str(layer.get('text', '')),
        )
        for layer in layers
        if layer['kind'] in rules.TEXT_KINDS and str(layer.get('text', '')).strip()
    ]


def _element_count(layers: list[dict[str, Any]]) -> int:
    """What a viewer counts: every drawn layer but the watermark, a repeated decoration (shapes of one size) once."""
    sizes: set[tuple[int, int]] = set()
    count = 0
    for layer in layers:
        if layer['kind'] == 'watermark':
            continue
        if layer['kind'] == 'shape':
            size = (round(layer['bbox'][2] / 8), round(layer['bbox'][3] / 8))  # within 8 px: the same decoration
            if size in sizes:
                continue
            sizes.add(size)
        count += 1
    return count


def _box(bbox: list[int]) -> rules.Box:
    x, y, w, h = (int(v) for v in bbox)
    return x, y, x + w, y + h
