"""The text layer: auto-fitted, outlined and shadowed headline and subtitle; Persian is shaped by raqm."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

from routix.design.textlayer import TextLayer
from routix.render import _contrast, fonts
from routix.render._color import Box, paint, parse_color
from routix.render._fit import Fitter, Shadow, TextStyle, first_strong_is_arabic
from routix.vocabulary import CANVAS_SIZE, TIMESTAMP_ZONE

HEADLINE_FLOOR = 28
HEADLINE_SHARE = 0.6  # no fixed px cap: a headline's font is at most this share of its box's height (× scale)
HEADLINE_MIN_STROKE = 16  # an outline × 0.13125 (the 168×94 sidebar) stays ≥ 2 px
SUBTITLE_CAP, SUBTITLE_FLOOR = 64, 16
DEFAULT_SAFE_AREA = (48, 40, 1184, 640)
DEFAULT_SHADOW = {'offset': [5, 5], 'color': '#000000aa', 'blur': 6}
PERSIAN_ONLY = frozenset('پچژگکی')  # letters Persian has and Arabic lacks: pick language 'fa' for raqm


@dataclass(kw_only=True, slots=True)
class DrawnText:
    """One drawn block: where its lines landed and how it reads."""

    boxes: list[Box]  # per line, outline and shadow included
    inks: list[Box]  # per line, outline included
    lines: list[str]
    size: int  # font px
    stroke: int  # outline px
    cap: int  # cap height px of the font drawn ('H')
    color: str  # '#rrggbb' drawn: the requested colour, or black/white when that did not read
    contrast: float  # the worst line's contrast against the pixels under its letters, after any fix
    scrim: bool = False  # a band was laid behind the lines because neither black nor white read


def draw_text_layer(image: Image.Image, layout: dict[str, Any], text: TextLayer) -> dict[str, DrawnText]:
    """Draw the headline and subtitle of ``text`` per ``layout``; returns what was drawn, by 'headline'/'subtitle'."""
    safe = safe_area(layout)
    head = layout.get('headline') or {}
    area = text_area(text.box, text.offset_x, safe)
    style = TextStyle(
        role=text.font_role,
        color=parse_color(text.color),
        outline_width=max(0, int(text.outline_width)),
        outline_color=parse_color(text.outline_color, '#000000'),
        shadow=_shadow(head.get('shadow', DEFAULT_SHADOW) or DEFAULT_SHADOW) if text.shadow else None,
        align=text.align,
        uppercase=text.uppercase,
        max_lines=max(1, int(text.max_lines)),
        cap=max(HEADLINE_FLOOR, round((area[3] - area[1]) * HEADLINE_SHARE * max(1.0, float(text.scale)))),
        floor=HEADLINE_FLOOR,
        min_stroke=HEADLINE_MIN_STROKE,
    )
    rtl = text.direction == 'rtl'
    drawn: dict[str, DrawnText] = {}
    head_size, bottom = 0, area[1]
    if text.headline.strip():
        drawn['headline'] = block = draw_block(image, text.headline, area, style, rtl, scale=float(text.scale))
        head_size, bottom = block.size, max((b[3] for b in block.boxes), default=bottom)
    if text.subtitle.strip():
        sub = layout.get('subtitle') or {}
        box = sub.get('box') or (text.box[0], min(bottom + 12, safe[3] - 48), text.box[2], 72)
        outline = sub.get('outline') or {}
        sub_style = TextStyle(
            role=str(sub.get('font_role', 'body')),
            color=parse_color(text.subtitle_color),
            outline_width=max(0, int(outline.get('width', 0))),
            outline_color=parse_color(outline.get('color', '#000')),
            shadow=_shadow(sub['shadow']) if sub.get('shadow') else None,
            align=str(sub.get('align', text.align)),
            uppercase=bool(sub.get('uppercase', False)),
            max_lines=max(1, int(sub.get('max_lines', 1))),
            cap=max(SUBTITLE_FLOOR, min(SUBTITLE_CAP, round(head_size * 0.6)) if head_size else SUBTITLE_CAP),
            floor=SUBTITLE_FLOOR,
        )
        drawn['subtitle'] = draw_block(image, text.subtitle, text_area(box, text.offset_x, safe), sub_style, rtl)
    return drawn


def draw_block(
    image: Image.Image, text: str, area: Box, style: TextStyle, rtl: bool = False, *, scale: float = 1.0
) -> DrawnText:
    """Fit ``text`` into ``area`` (x0, y0, x1, y1) as large as allowed (× ``scale`` when below 1) and draw it.

    The fill colour is checked against the composed pixels under each line's letters and, when it does not reach
    4.5:1, swapped for black or white, or (when neither reads on a busy background) set on a scrim.
    """
    content = ' '.join(text.split())
    if style.uppercase:  # only cased scripts change; Persian has no case
        content = ''.join(ch if fonts.is_arabic(ch) else ch.upper() for ch in content)
    direction = 'rtl' if rtl or first_strong_is_arabic(content) else 'ltr'
    language = 'fa' if PERSIAN_ONLY.intersection(content) else ('ar' if direction == 'rtl' else None)
    # right-to-left text starts on the right: 'left' (the reading start, as templates say it) and 'right' both mean
    # flush right; mirroring 'right' too would undo the mirroring ``initial_text_layer`` already did
    align = ('center' if style.align == 'center' else 'right') if direction == 'rtl' else style.align
    avail = _inset_for_shadow(area, style.shadow)
    fitter = Fitter(content, style, avail, direction, language)
    block = fitter.fit()
    if scale < 1 and block.size > style.floor:  # 'smaller text': a share of what fills the box
        smaller = replace(style, cap=max(style.floor, round(block.size * scale)))
        fitter = Fitter(content, smaller, avail, direction, language)
        block = fitter.fit()
    font = fitter.font(block.size)
    kw = fitter.kw
    ax0, ay0, ax1, ay1 = avail
    first_baseline = ay0 + (ay1 - ay0 - block.height) // 2 - block.top
    placed: list[tuple[int, int, str, Box]] = []
    for index, (line, bb) in enumerate(zip(block.lines, block.bboxes, strict=True)):
        y = first_baseline + index * block.pitch
        if align == 'right':
            x = ax1 - bb[2]
        elif align == 'center':
            x = (ax0 + ax1 - bb[0] - bb[2]) // 2
        else:
            x = ax0 - bb[0]
        placed.append((x, y, line, (x + bb[0], y + bb[1], x + bb[2], y + bb[3])))
    inks = [ink for *_, ink in placed]
    boxes = inks
    # One silhouette (text + outline) serves as the outline's mask and the shadow's source: the stroked glyphs,
    # the costliest render, are rasterised once. The letters' own mask is measured under and then painted.
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
    silhouette = None
    if block.stroke or style.shadow:
        size = (right - left, bottom - top)
        silhouette = _mask(size, placed=placed, origin=(left, top), font=font, kw=kw, stroke=block.stroke)
        if style.shadow:
            boxes = _draw_shadow(image, silhouette, (left, top), boxes, style.shadow)
        if block.stroke:
            paint(image, (left, top), silhouette, style.outline_color)
    if silhouette is not None and not block.stroke:
        letters = silhouette  # no outline: the shadow's source is the letters themselves
    else:
        letters = _mask((right - left, bottom - top), placed=placed, origin=(left, top), font=font, kw=kw, stroke=0)
    color, scrimmed = (*style.color[:3], 255), False
    under = [_contrast.under(image, letters, (left, top), ink) for ink in inks]
    measured = _contrast.worst(color, under)
    if measured < _contrast.MIN_CONTRAST:
        color, measured = _contrast.black_or_white(under)
        if measured < _contrast.MIN_CONTRAST:  # a busy background: a band behind the lines, the outline over it
            _contrast.scrim(image, inks, color, pad=max(8, block.size // 8))
            if block.stroke and silhouette is not None:
                paint(image, (left, top), silhouette, style.outline_color)
            under = [_contrast.under(image, letters, (left, top), ink) for ink in inks]
            color, measured = _contrast.black_or_white(under)
            scrimmed = True
    paint(image, (left, top), letters, color)
    cap = -int(font.getbbox('H', anchor='ls')[1])
    return DrawnText(
        boxes=boxes,
        inks=inks,
        lines=block.lines,
        size=block.size,
        stroke=block.stroke,
        cap=cap,
        color=_contrast.hex_of(color),
        contrast=round(measured, 2),
        scrim=scrimmed,
    )


def _mask(
    size: tuple[int, int],
    *,
    placed: list[tuple[int, int, str, Box]],
    origin: tuple[int, int],
    font: fonts.Font,
    kw: dict[str, Any],
    stroke: int,
) -> Image.Image:
    """The lines as an 'L' mask of ``size`` placed at ``origin`` (with their outline when ``stroke``)."""
    mask = Image.new('L', size)
    pen = ImageDraw.Draw(mask)
    for x, y, line, _ink in placed:
        pen.text(
            (x - origin[0], y - origin[1]),
            line,
            font=font,
            fill=255,
            anchor='ls',
            stroke_width=stroke,
            stroke_fill=255,
            **kw,
        )
    return mask


def draw_watermark(image: Image.Image) -> Box:
    """A small semi-transparent 'Routix' in the bottom-left corner (the bottom-right belongs to the timestamp);
    returns its box."""
    origin, halo, letters = _watermark_masks()
    paint(image, origin, halo, (0, 0, 0, 90))
    paint(image, origin, letters, (255, 255, 255, 170))
    return origin[0], origin[1], origin[0] + halo.width, origin[1] + halo.height


@lru_cache(maxsize=1)
def _watermark_masks() -> tuple[tuple[int, int], Image.Image, Image.Image]:
    font = fonts.font_for('heavy', 'Routix', 22)
    x, y = 18, CANVAS_SIZE[1] - 16
    left, top, right, bottom = (int(v) for v in font.getbbox('Routix', stroke_width=2, anchor='ls'))
    halo = Image.new('L', (right - left, bottom - top))
    ImageDraw.Draw(halo).text(
        (-left, -top), 'Routix', font=font, fill=255, anchor='ls', stroke_width=2, stroke_fill=255
    )
    letters = Image.new('L', halo.size)
    ImageDraw.Draw(letters).text((-left, -top), 'Routix', font=font, fill=255, anchor='ls')
    return (x + left, y + top), halo, letters


def safe_area(layout: dict[str, Any]) -> Box:
    """The layout's safe area as (x0, y0, x1, y1), inside the canvas."""
    x, y, w, h = (int(v) for v in (layout.get('safe_area') or DEFAULT_SAFE_AREA))
    return max(0, x), max(0, y), min(CANVAS_SIZE[0], x + w), min(CANVAS_SIZE[1], y + h)


def text_area(box: Any, offset_x: int, safe: Box) -> Box:
    """``box`` (x, y, w, h) moved by ``offset_x``, clamped into ``safe`` and shrunk clear of the timestamp zone."""
    x, y, w, h = (int(v) for v in box)
    sx0, sy0, sx1, sy1 = safe
    w, h = max(1, min(w, sx1 - sx0)), max(1, min(h, sy1 - sy0))
    x = min(max(x + int(offset_x), sx0), sx1 - w)
    y = min(max(y, sy0), sy1 - h)
    x0, y0, x1, y1 = x, y, x + w, y + h
    tx0, ty0 = TIMESTAMP_ZONE[0], TIMESTAMP_ZONE[1]
    tx1, ty1 = tx0 + TIMESTAMP_ZONE[2], ty0 + TIMESTAMP_ZONE[3]
    if x0 < tx1 and x1 > tx0 and y0 < ty1 and y1 > ty0:
        above = (x0, y0, x1, min(y1, ty0))
        left = (x0, y0, min(x1, tx0), y1)
        options = [b for b in (above, left) if b[2] - b[0] >= 40 and b[3] - b[1] >= 24]
        if options:
            return max(options, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        return x0, max(sy0, ty0 - h), x1, ty0  # the box starts inside the zone: lift it above
    return x0, y0, x1, y1


def _shadow(spec: dict[str, Any]) -> Shadow:
    dx, dy = (int(v) for v in spec.get('offset', (5, 5)))
    return Shadow(
        dx=dx,
        dy=dy,
        color=parse_color(spec.get('color', '#000000aa'), '#000000aa'),
        blur=max(0, int(spec.get('blur', 6))),
    )


def _spread(shadow: Shadow) -> int:
    return math.ceil(shadow.blur * 3)  # Pillow's Gaussian (three box passes) has no ink beyond ~3 radii


def _inset_for_shadow(area: Box, shadow: Shadow | None) -> Box:
    """Shrink ``area`` so text plus its shadow (offset and blur) stays inside it."""
    if not shadow:
        return area
    spread = _spread(shadow)
    x0, y0, x1, y1 = area
    inset = (
        x0 + max(0, spread - shadow.dx),
        y0 + max(0, spread - shadow.dy),
        x1 - max(0, spread + shadow.dx),
        y1 - max(0, spread + shadow.dy),
    )
    if inset[2] - inset[0] < 24 or inset[3] - inset[1] < 16:
        return area
    return inset


def _draw_shadow(
    image: Image.Image, silhouette: Image.Image, origin: tuple[int, int], inks: list[Box], shadow: Shadow
) -> list[Box]:
    """Blur the silhouette (at half size when the blur is wide) under the text; returns ink ∪ shadow per line."""
    spread = _spread(shadow)
    padded = Image.new('L', (silhouette.width + 2 * spread, silhouette.height + 2 * spread))
    padded.paste(silhouette, (spread, spread))
    if shadow.blur >= 4:  # a soft shadow loses nothing at half size, and the blur costs a quarter
        half = padded.reduce(2).filter(ImageFilter.GaussianBlur(shadow.blur / 2))
        padded = half.resize(padded.size, Image.Resampling.BILINEAR)
    elif shadow.blur:
        padded = padded.filter(ImageFilter.GaussianBlur(shadow.blur))
    paint(image, (origin[0] + shadow.dx - spread, origin[1] + shadow.dy - spread), padded, shadow.color)
    return [
        (
            min(b[0], b[0] + shadow.dx - spread),
            min(b[1], b[1] + shadow.dy - spread),
            max(b[2], b[2] + shadow.dx + spread),
            max(b[3], b[3] + shadow.dy + spread),
        )
        for b in inks
    ]
