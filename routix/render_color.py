"""Colour and mask helpers shared by the renderer modules."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw

RGBA = tuple[int, int, int, int]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1

SUPERSAMPLE = 2  # masks are drawn at 2× and reduced: Pillow's shapes are not antialiased


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
