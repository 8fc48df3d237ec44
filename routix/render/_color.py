"""Colour and mask helpers shared by the renderer modules."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageChops, ImageColor, ImageDraw

RGBA = tuple[int, int, int, int]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1

SUPERSAMPLE = 2  # masks are drawn at 2× and reduced: Pillow's shapes are not antialiased
BAND = 32  # a stencil classifies its mask in bands of this many rows
MIN_RUN = 24  # solid or empty stretches narrower than this are blended with their neighbours (fewer pastes)
_NONZERO, _NOT_FULL = [0] + [255] * 255, [255] * 255 + [0]
_INKED_BIT, _UNFULL_BIT = [0] + [1] * 255, [0] + [2] * 255  # summed per column: the column's class
_SOLID, _SOFT = 1, 3  # column classes in a band: inked and all 255 / inked and not (2 is empty: no ink)
_RUN = re.compile(rb'(.)\1*', re.DOTALL)  # a run of one column class


@dataclass(kw_only=True, slots=True)
class Stencil:
    """A cached mask cut into rectangles: ``solid`` ones are all 255, ``soft`` ones carry their piece of the mask.

    Pillow blends every pixel under a mask, even where it is 0 or 255; painting through a stencil skips the empty
    parts and copies or fills the solid ones, and gives the same pixels (a blend at 0 or 255 is exact).
    """

    solid: tuple[Box, ...]
    soft: tuple[tuple[Box, Image.Image], ...]
    tints: dict[int, tuple[Image.Image, ...]] = field(default_factory=dict)  # alpha → soft pieces scaled by it

    def tinted(self, alpha: int) -> tuple[Image.Image, ...]:
        """The soft pieces with their coverage scaled by ``alpha`` (as ``paint`` does), made once per alpha."""
        pieces = self.tints.get(alpha)
        if pieces is None:
            pieces = self.tints[alpha] = tuple(_with_alpha(piece, alpha) for _box, piece in self.soft)
        return pieces


@lru_cache(maxsize=256)
def parse_color(value: object, default: str = '#ffffff') -> RGBA:
    """``#rgb``, ``#rrggbb``, ``#rrggbbaa`` or a CSS name as RGBA; ``default`` when unreadable."""
    try:
        color = ImageColor.getrgb(str(value))
    except ValueError:
        color = ImageColor.getrgb(default)
    if len(color) == 3:
        return (*color, 255)  # type: ignore[return-value]
    return color  # type: ignore[return-value]


def mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, int, int]:
    """The RGB colour ``t`` of the way from ``a`` to ``b``."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def smooth_mask(size: tuple[int, int], draw: Callable[[ImageDraw.ImageDraw, int], None]) -> Image.Image:
    """An antialiased 'L' mask: ``draw(d, scale)`` paints with fill 255 at ``scale``× size, then it is reduced."""
    width, height = max(1, size[0]), max(1, size[1])
    big = Image.new('L', (width * SUPERSAMPLE, height * SUPERSAMPLE))
    draw(ImageDraw.Draw(big), SUPERSAMPLE)
    return big.reduce(SUPERSAMPLE)


def paint(image: Image.Image, origin: tuple[int, int], mask: Image.Image, color: RGBA) -> None:
    """Blend ``color`` into ``image`` through ``mask`` placed at ``origin`` (clipped to the image, alpha kept)."""
    x, y = origin
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(image.width, x + mask.width), min(image.height, y + mask.height)
    if x1 <= x0 or y1 <= y0:
        return
    if (x0, y0, x1, y1) != (x, y, x + mask.width, y + mask.height):
        mask = mask.crop((x0 - x, y0 - y, x1 - x, y1 - y))
    alpha = color[3]
    if alpha < 255:
        mask = mask.point(_alpha_lut(alpha))
    image.paste(color[:3], (x0, y0, x1, y1), mask)


@lru_cache(maxsize=64)
def _alpha_lut(alpha: int) -> list[int]:
    return [v * alpha // 255 for v in range(256)]


def stencil(mask: Image.Image) -> Stencil:
    """Cut an 'L' ``mask`` into solid and soft rectangles (worth it for masks that are cached and painted often)."""
    width, height = mask.size
    # per band and column: does it have ink (any > 0), is it solid (all 255)? Binary masks reduced over ≤ 255 rows
    # stay non-zero wherever one pixel was set, so the classes are exact.
    inked = mask.point(_NONZERO).reduce((1, BAND)).point(_INKED_BIT)
    unfull = mask.point(_NOT_FULL).reduce((1, BAND)).point(_UNFULL_BIT)
    classes = ImageChops.add(inked, unfull).tobytes()
    spans: list[tuple[int, int, tuple[tuple[int, int, int], ...]]] = []  # y0, y1, runs (x0, x1, class)
    for row in range(inked.height):
        runs = _runs(classes[row * width : (row + 1) * width])
        y0, y1 = row * BAND, min(height, (row + 1) * BAND)
        if spans and spans[-1][2] == runs:
            spans[-1] = (spans[-1][0], y1, runs)
        else:
            spans.append((y0, y1, runs))
    solid: list[Box] = []
    soft: list[tuple[Box, Image.Image]] = []
    for y0, y1, runs in spans:
        for x0, x1, kind in runs:
            if kind == _SOLID:
                solid.append((x0, y0, x1, y1))
            elif kind == _SOFT:
                soft.append(((x0, y0, x1, y1), mask.crop((x0, y0, x1, y1))))
    return Stencil(solid=tuple(solid), soft=tuple(soft))


def solid_stencil(size: tuple[int, int]) -> Stencil:
    """A stencil covering all of ``size`` (a rectangle)."""
    return Stencil(solid=((0, 0, *size),), soft=())


def paint_stencil(image: Image.Image, origin: tuple[int, int], shape: Stencil, color: RGBA) -> None:
    """``paint`` through a stencil: the same pixels, without blending where the mask is 0 or 255."""
    rgb, alpha = color[:3], color[3]
    for box in shape.solid:
        part = _clip(image, origin, box)
        if part:
            x0, y0, x1, y1 = part
            if alpha == 255:
                image.paste(rgb, (origin[0] + x0, origin[1] + y0, origin[0] + x1, origin[1] + y1))
            else:
                image.paste(rgb, (origin[0] + x0, origin[1] + y0), Image.new('L', (x1 - x0, y1 - y0), alpha))
    for (box, _piece), piece in zip(shape.soft, shape.tinted(alpha), strict=True):
        part = _clip(image, origin, box)
        if part:
            image.paste(
                rgb,
                (origin[0] + part[0], origin[1] + part[1]),
                piece.crop(_relative(part, box)) if part != box else piece,
            )


def paste_stencil(image: Image.Image, origin: tuple[int, int], picture: Image.Image, shape: Stencil) -> None:
    """``image.paste(picture, origin, mask)`` through the mask's stencil: the same pixels, blending only soft parts."""
    for box in shape.solid:
        part = _clip(image, origin, box)
        if part:
            whole = part == (0, 0, *picture.size)  # a rectangular slot: one plain paste, no crop
            image.paste(picture if whole else picture.crop(part), (origin[0] + part[0], origin[1] + part[1]))
    for box, piece in shape.soft:
        part = _clip(image, origin, box)
        if part:
            mask = piece if part == box else piece.crop(_relative(part, box))
            image.paste(picture.crop(part), (origin[0] + part[0], origin[1] + part[1]), mask)


def _runs(classes: bytes) -> tuple[tuple[int, int, int], ...]:
    """Runs of equal column classes; solid or empty runs narrower than ``MIN_RUN`` between others become soft."""
    runs: list[list[int]] = []
    for match in _RUN.finditer(classes):
        x0, x1, kind = match.start(), match.end(), classes[match.start()]
        if x1 - x0 < MIN_RUN and kind != _SOFT and 0 < x0 and x1 < len(classes):
            kind = _SOFT
        if runs and runs[-1][2] == kind:
            runs[-1][1] = x1
        else:
            runs.append([x0, x1, kind])
    return tuple((x0, x1, kind) for x0, x1, kind in runs)


def _clip(image: Image.Image, origin: tuple[int, int], box: Box) -> Box | None:
    """``box`` (in stencil coordinates) cut to what lies on ``image`` when the stencil sits at ``origin``."""
    x0, y0 = max(box[0], -origin[0]), max(box[1], -origin[1])
    x1, y1 = min(box[2], image.width - origin[0]), min(box[3], image.height - origin[1])
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def _relative(part: Box, box: Box) -> Box:
    return part[0] - box[0], part[1] - box[1], part[2] - box[0], part[3] - box[1]


def _with_alpha(mask: Image.Image, alpha: int) -> Image.Image:
    return mask if alpha == 255 else mask.point(_alpha_lut(alpha))
