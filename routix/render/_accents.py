"""Accents (badge, arrow, shape, stripe, glow, mark) and the subject slot that holds a creator's reference image."""

from __future__ import annotations

import io
import math
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from routix.core.errors import InvalidUpload
from routix.render import fonts
from routix.render._color import (
    RGBA,
    Box,
    Stencil,
    paint,
    paint_stencil,
    parse_color,
    paste_stencil,
    smooth_mask,
    solid_stencil,
    stencil,
)
from routix.render._fit import shaping
from routix.vocabulary import CANVAS_SIZE

BACKDROP_KINDS = frozenset({'glow', 'shape'})  # drawn before the subject; the others are drawn over it
LABEL_PAD = 4  # px of margin around a badge label's ink box in its cached mask


def draw_accents(
    image: Image.Image, accents: list[dict[str, Any]], *, backdrop: bool, badge: str = ''
) -> list[tuple[str, Box]]:
    """Draw the backdrop accents (glow, shape) or the overlay ones (badge, arrow, stripe); returns what was drawn as
    (kind, box): 'shape' (a stripe too), 'arrow', 'badge' (the pill) and 'label' (a badge's words). A glow is light
    on the background, not an element: it is not listed.

    A badge slot shows ``badge`` (the text layer's words); without words the slot stays empty, pill and all.
    """
    drawn: list[tuple[str, Box]] = []
    for accent in accents or []:
        kind = accent.get('kind')
        if (kind in BACKDROP_KINDS) != backdrop:
            continue
        color = parse_color(accent.get('color', '#ffffff'))
        if kind == 'glow':
            _glow(image, spec_box(accent), color)
        elif kind == 'shape':
            _shape(image, spec_box(accent), str(accent.get('shape', 'circle')), color)
            drawn.append(('shape', spec_box(accent)))
        elif kind == 'stripe':
            _shape(image, spec_box(accent), 'rect', color)
            drawn.append(('shape', spec_box(accent)))
        elif kind == 'arrow':
            drawn.extend(('arrow', box) for box in _arrow(image, accent, color))
        elif kind == 'badge':
            label = _badge(image, accent, color, badge.strip())
            drawn.extend([('badge', spec_box(accent)), ('label', label[0])] if label else [])
        elif kind == 'mark':
            ink = _mark(image, spec_box(accent), str(accent.get('text', '')), color, accent.get('outline_color'))
            drawn.extend([('mark', ink)] if ink else [])
    return drawn


def draw_subject(image: Image.Image, subject: dict[str, Any], reference: bytes) -> None:
    """Cover-crop ``reference`` into the subject slot with its mask shape and border."""
    x, y, x1, y1 = spec_box(subject)
    shape = str(subject.get('shape', 'rect'))
    width, height = x1 - x, y1 - y
    if shape == 'circle':  # a circle of the slot's smaller side, centred in the slot
        side = min(width, height)
        x, y, width, height = x + (width - side) // 2, y + (height - side) // 2, side, side
    if width < 2 or height < 2:
        return
    border = subject.get('border') or {}
    border_width = max(0, int(border.get('width', 0) or 0))
    photo, alpha = _fitted_reference(reference, (width, height), shape == 'circle')
    if alpha is None:
        paste_stencil(image, (x, y), photo, _slot_stencil(shape, width, height, border_width))
    else:
        inner = _slot_mask(shape, width, height, border_width)
        image.paste(photo, (x, y), Image.composite(alpha, Image.new('L', alpha.size), inner))
    if border_width:
        color = parse_color(border.get('color', '#fff'))
        paint_stencil(image, (x, y), _ring_stencil(shape, width, height, border_width), color)


def spec_box(spec: dict[str, Any]) -> Box:
    """A layout part's ``box`` ([x, y, w, h]) as (x0, y0, x1, y1)."""
    x, y, w, h = (round(float(v)) for v in spec.get('box', (0, 0, 0, 0)))
    return x, y, x + max(0, w), y + max(0, h)


def _glow(image: Image.Image, box: Box, color: RGBA) -> None:
    x0, y0, x1, y1 = box
    if x1 - x0 > 0 and y1 - y0 > 0:
        paint_stencil(image, (x0, y0), _glow_stencil(x1 - x0, y1 - y0), color)


@lru_cache(maxsize=16)
def _glow_stencil(width: int, height: int) -> Stencil:
    """A blurred ellipse, blurred at 1/8 size and upscaled: a soft blob costs the same as a small blur."""
    small = (max(4, width // 8), max(4, height // 8))
    mask = Image.new('L', small)
    ImageDraw.Draw(mask).ellipse((small[0] * 0.2, small[1] * 0.2, small[0] * 0.8, small[1] * 0.8), fill=255)
    blurred = mask.filter(ImageFilter.GaussianBlur(min(small) * 0.1))
    return stencil(blurred.resize((width, height), Image.Resampling.BILINEAR))


def _shape(image: Image.Image, box: Box, shape: str, color: RGBA) -> None:
    x0, y0, x1, y1 = box
    size = (x1 - x0, y1 - y0)
    if size[0] <= 0 or size[1] <= 0:
        return
    if shape == 'rect':
        paint_stencil(image, (x0, y0), solid_stencil(size), color)
        return
    if shape == 'ring':  # a circle drawn round something: the mystery's 'look here'
        paint_stencil(image, (x0, y0), _ring_stencil('circle', *size, max(6, min(size) // 14)), color)
        return
    paint_stencil(image, (x0, y0), _slot_stencil('triangle' if shape == 'triangle' else 'circle', *size, 0), color)


def _arrow(image: Image.Image, accent: dict[str, Any], color: RGBA) -> list[Box]:
    (fx, fy), (tx, ty) = accent.get('from', (0, 0)), accent.get('to', (0, 0))
    width = max(2, int(accent.get('width', 16)))
    shape = _arrow_stencil(float(fx), float(fy), float(tx), float(ty), width)
    if not shape:
        return []
    paint_stencil(image, shape[0], shape[1], color)
    reach = math.ceil(width * 1.7)  # the head's half spread, the widest part
    x0, y0, x1, y1 = round(min(fx, tx)), round(min(fy, ty)), round(max(fx, tx)), round(max(fy, ty))
    return [(x0 - reach, y0 - reach, x1 + reach, y1 + reach)]


@lru_cache(maxsize=32)
def _arrow_stencil(fx: float, fy: float, tx: float, ty: float, width: int) -> tuple[tuple[int, int], Stencil] | None:
    """A thick shaft with a round tail and a triangular head at ``to``; returns (origin, stencil)."""
    length = math.hypot(tx - fx, ty - fy)
    if length < 1:
        return None
    ux, uy = (tx - fx) / length, (ty - fy) / length
    head, spread = min(width * 2.6, length * 0.6), width * 1.7
    bx, by = tx - ux * head, ty - uy * head  # where the head meets the shaft
    pad = math.ceil(spread + width)
    left, top = math.floor(min(fx, tx)) - pad, math.floor(min(fy, ty)) - pad
    size = (math.ceil(max(fx, tx)) + pad - left, math.ceil(max(fy, ty)) + pad - top)

    def draw(d: ImageDraw.ImageDraw, s: int) -> None:
        def at(x: float, y: float) -> tuple[float, float]:
            return (x - left) * s, (y - top) * s

        d.line([at(fx, fy), at(bx + ux, by + uy)], fill=255, width=width * s)
        d.ellipse((*at(fx - width / 2, fy - width / 2), *at(fx + width / 2, fy + width / 2)), fill=255)
        d.polygon(
            [at(tx, ty), at(bx - uy * spread, by + ux * spread), at(bx + uy * spread, by - ux * spread)], fill=255
        )

    return (left, top), stencil(smooth_mask(size, draw))


def _badge(image: Image.Image, accent: dict[str, Any], color: RGBA, label: str) -> list[Box]:
    x0, y0, x1, y1 = spec_box(accent)
    width, height = x1 - x0, y1 - y0
    if width <= 0 or height <= 0 or not label:
        return []
    paint_stencil(image, (x0, y0), _slot_stencil('pill', width, height, 0), color)
    origin, mask, box = _label(label, fonts.font_for('heavy', label, 8), (x0, y0, x1, y1))
    paint(image, origin, mask, (*parse_color(accent.get('text_color', '#ffffff'))[:3], 255))
    return [box]


def _mark(image: Image.Image, box: Box, text: str, color: RGBA, outline: Any) -> Box | None:
    """A language-neutral symbol ('VS', '?', '!') filling ``box``, thickly outlined; returns its ink box."""
    if not text or box[2] - box[0] < 8 or box[3] - box[1] < 8:
        return None
    origin, halo, letters = _mark_masks(text, box)
    paint(image, origin, halo, (*parse_color(outline or '#000000')[:3], 255))
    paint(image, origin, letters, (*color[:3], 255))
    return origin[0], origin[1], origin[0] + halo.width, origin[1] + halo.height


@lru_cache(maxsize=16)
def _mark_masks(text: str, box: Box) -> tuple[tuple[int, int], Image.Image, Image.Image]:
    width, height = box[2] - box[0], box[3] - box[1]
    size = max(8, int(height * 1.05))
    font = fonts.font_for('heavy', text, size)
    stroke = max(3, size // 14)
    while size > 8:
        left, top, right, bottom = font.getbbox(text, stroke_width=stroke, anchor='mm')
        if right - left <= width and bottom - top <= height:
            break
        size -= max(1, size // 12)
        font, stroke = fonts.font_for('heavy', text, size), max(3, size // 14)
    left, top, right, bottom = (int(v) for v in font.getbbox(text, stroke_width=stroke, anchor='mm'))
    center = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
    halo = Image.new('L', (right - left, bottom - top))
    ImageDraw.Draw(halo).text(
        (-left, -top), text, font=font, fill=255, anchor='mm', stroke_width=stroke, stroke_fill=255
    )
    letters = Image.new('L', halo.size)
    ImageDraw.Draw(letters).text((-left, -top), text, font=font, fill=255, anchor='mm')
    return (center[0] + left, center[1] + top), halo, letters


@lru_cache(maxsize=32)
def _label(label: str, face: fonts.Font, pill: Box) -> tuple[tuple[int, int], Image.Image, Box]:
    """A badge's label fitted to its ``pill``, drawn once: (origin, mask, ink box); ``face`` keys the fonts in use.

    Painting the mask is what ``ImageDraw.text`` does with the glyphs (the same fill through the same coverage), and
    the mask keeps the fractional start of the centred text, so the pixels are the same.
    """
    x0, y0, width, height = pill[0], pill[1], pill[2] - pill[0], pill[3] - pill[1]
    size = max(8, int(height * 0.56))
    font = fonts.font_for('heavy', label, size)
    kw = shaping(font, 'rtl' if any(fonts.is_arabic(ch) for ch in label) else None, None)
    while size > 8 and font.getlength(label, **kw) > width - height * 0.5:
        size -= max(1, size // 10)
        font = fonts.font_for('heavy', label, size)
    center = (x0 + width / 2, y0 + height / 2)
    left, top, right, bottom = ImageDraw.Draw(Image.new('L', (1, 1))).textbbox(
        center, label, font=font, anchor='mm', **kw
    )
    box = (math.floor(left), math.floor(top), math.ceil(right), math.ceil(bottom))
    gx, gy = box[0] - LABEL_PAD, box[1] - LABEL_PAD  # whole pixels: the text keeps its fractional start
    mask = Image.new('L', (box[2] + LABEL_PAD - gx, box[3] + LABEL_PAD - gy))
    ImageDraw.Draw(mask).text((center[0] - gx, center[1] - gy), label, font=font, fill=255, anchor='mm', **kw)
    return (gx, gy), mask, box


@lru_cache(maxsize=32)
def _slot_mask(shape: str, width: int, height: int, inset: int) -> Image.Image:
    """An antialiased mask of ``shape`` filling ``width``×``height``, shrunk by ``inset`` px on every side."""
    radius = min(width, height) * 0.08

    def draw(d: ImageDraw.ImageDraw, s: int) -> None:
        box = (inset * s, inset * s, (width - inset) * s - 1, (height - inset) * s - 1)
        if box[2] <= box[0] or box[3] <= box[1]:
            return
        if shape == 'circle':
            d.ellipse(box, fill=255)
        elif shape == 'pill':
            d.rounded_rectangle(box, min(width, height) * 0.3 * s, fill=255)
        elif shape == 'rounded':
            d.rounded_rectangle(box, max(0.0, radius - inset) * s, fill=255)
        elif shape == 'triangle':
            d.polygon([((box[0] + box[2]) / 2, box[1]), (box[2], box[3]), (box[0], box[3])], fill=255)
        else:
            d.rectangle(box, fill=255)

    return smooth_mask((width, height), draw)


@lru_cache(maxsize=32)
def _slot_stencil(shape: str, width: int, height: int, inset: int) -> Stencil:
    """``_slot_mask`` as a stencil: what the slot, shape and badge accents paint through."""
    return stencil(_slot_mask(shape, width, height, inset))


@lru_cache(maxsize=8)
def _ring_stencil(shape: str, width: int, height: int, border: int) -> Stencil:
    """The border: the shape minus the shape inset by ``border``."""
    outer, inner = _slot_mask(shape, width, height, 0), _slot_mask(shape, width, height, border)
    return stencil(Image.composite(Image.new('L', outer.size), outer, inner))


@lru_cache(maxsize=4)
def _fitted_reference(data: bytes, size: tuple[int, int], round_slot: bool) -> tuple[Image.Image, Image.Image | None]:
    """The reference decoded and cropped to ``size`` around its face (RGB) plus its alpha mask when it has one."""
    photo = cover_focused(open_reference(data, size), size, round_slot=round_slot)
    if photo.mode == 'RGBA':
        return photo.convert('RGB'), photo.getchannel('A')
    return photo, None


def open_reference(data: bytes, draft: tuple[int, int]) -> Image.Image:
    """A creator's photo decoded upright, a JPEG at the smallest DCT scale still covering ``draft``; InvalidUpload when
    it cannot be read."""
    try:
        with Image.open(io.BytesIO(data), formats=['PNG', 'JPEG', 'WEBP']) as opened:
            opened.draft('RGB', draft)
            photo = ImageOps.exif_transpose(opened)
            photo.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InvalidUpload('upload.damaged') from exc
    return photo


def cover_focused(image: Image.Image, size: tuple[int, int], *, round_slot: bool = False) -> Image.Image:
    """``cover`` that frames the photo's largest face (headroom above, eyes near the upper third), else its busiest
    region, instead of the centre: a phone selfie keeps the top of the head."""
    from routix.render._faces import find_focus  # OpenCV costs ~0.2 s to import: only renders with a photo pay it

    image = _flattened_mode(image)
    focus = find_focus(image)
    box = cover_box(image.size, size, focus.box, face=focus.kind == 'face', eye_line=2 / 5 if round_slot else 1 / 3)
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)


def cover(image: Image.Image, size: tuple[int, int] = CANVAS_SIZE) -> Image.Image:
    """Scale and centre-crop ``image`` to fill ``size`` exactly (RGB, or RGBA when it has transparency)."""
    image = _flattened_mode(image)
    return image.resize(size, Image.Resampling.LANCZOS, box=cover_box(image.size, size), reducing_gap=2.0)


def _flattened_mode(image: Image.Image) -> Image.Image:
    """``image`` as RGB, or RGBA when it has transparency."""
    has_alpha = image.mode in {'RGBA', 'LA', 'PA'} or (image.mode == 'P' and 'transparency' in image.info)
    return image.convert('RGBA' if has_alpha else 'RGB')


def cover_box(
    source: tuple[int, int],
    size: tuple[int, int],
    focus: Box | None = None,
    *,
    face: bool = False,
    eye_line: float = 1 / 3,
) -> Box:
    """The crop of ``source`` with the aspect of ``size``, in whole pixels and inside the image.

    Without ``focus`` the crop is centred. With one it is centred on the focus; a ``face`` is placed with its centre
    on the ``eye_line`` (a fraction of the crop's height from the top), then moved so that half a face of headroom
    above it and the chin below stay in (the face itself wins when both cannot).
    Integer arithmetic: a float box drifts by ~1e-14 below zero for some sizes, and Pillow refuses a negative offset.
    """
    width, height = max(1, source[0]), max(1, source[1])
    target_w, target_h = max(1, size[0]), max(1, size[1])
    if width * target_h > height * target_w:  # wider than the target: keep the full height
        crop_w, crop_h = min(width, max(1, (height * target_w + target_h // 2) // target_h)), height
    else:
        crop_w, crop_h = width, min(height, max(1, (width * target_h + target_w // 2) // target_w))
    if focus is None:
        left, top = (width - crop_w) // 2, (height - crop_h) // 2
    else:
        x0, y0, x1, y1 = focus
        left, top = (x0 + x1) // 2 - crop_w // 2, (y0 + y1) // 2 - crop_h // 2
        if face:
            top = (y0 + y1) // 2 - round(crop_h * eye_line)
            top = min(top, y0 - (y1 - y0) // 2)  # headroom: the Haar box starts at the brows, the hair is above
            top = max(top, y1 - crop_h)  # the chin stays in
            top = min(top, y0)  # and the face's own top wins over the chin when the face is taller than the crop
        left, top = min(max(0, left), width - crop_w), min(max(0, top), height - crop_h)
    return left, top, left + crop_w, top + crop_h
