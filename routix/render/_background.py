"""Painted backgrounds: the eight layout kinds, built from Pillow gradients and masks and cached."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw

from routix.render._color import mix, parse_color, smooth_mask
from routix.vocabulary import CANVAS_SIZE

RGB = tuple[int, int, int]
DEFAULT_COLORS = ('#101820', '#f2aa4c', '#ffffff')
DEFAULT_ANGLE = {'linear': 135.0, 'diagonal_stripes': 45.0, 'split': 105.0}
SEEDED_KINDS = frozenset({'linear', 'diagonal_stripes', 'split', 'burst', 'dots', 'grid', 'radial'})
LOW_RES = 4  # smooth gradients are computed at 1/4 size and upsampled: bilinear keeps them exact enough


def paint_background(*, layout: dict[str, Any], palette: Sequence[str], seed: int) -> Image.Image:
    """A 1280×720 RGB background for ``layout['background']``; the same inputs always give the same pixels.

    The image is shared with a cache (a copy costs as much as a small paint): read it, or copy it before drawing on
    it, as ``compose`` does.
    """
    spec = layout.get('background') or {}
    kind = str(spec.get('kind') or 'linear')
    if kind not in PAINTERS:
        kind = 'linear'
    colors = tuple(str(c) for c in (spec.get('colors') or palette or DEFAULT_COLORS))
    if not spec.get('colors') and kind in {'linear', 'radial'}:
        colors = colors[:2]  # a palette is background + accents: a gradient through every accent looks garish
    angle = float(spec.get('angle', DEFAULT_ANGLE.get(kind, 135.0)))
    return _painted(kind, colors, angle, seed if kind in SEEDED_KINDS else 0)


@lru_cache(maxsize=12)
def _painted(kind: str, colors: tuple[str, ...], angle: float, seed: int) -> Image.Image:
    rgb = [parse_color(c)[:3] for c in colors] or [parse_color(c)[:3] for c in DEFAULT_COLORS]
    if len(rgb) == 1:
        rgb.append(mix(rgb[0], (0, 0, 0), 0.55))
    rng = random.Random(seed)
    base = PAINTERS[kind](rgb, angle, rng)
    return _lit(base, rgb[0], rng) if seed else base


def _lit(base: Image.Image, ground: RGB, rng: random.Random) -> Image.Image:
    """A soft light (a shade on a light background) at one of nine places the seed picks: the same palette, another
    lighting, so a regenerate reads as a new picture while the design stays."""
    center = (rng.choice((0.15, 0.5, 0.85)), rng.choice((0.2, 0.5, 0.8)))
    light = (255, 255, 255) if sum(ground) < 450 else (0, 0, 0)
    base.paste(light, (0, 0), _light_mask(center, 0.3 if light[0] else 0.16))
    return base


@lru_cache(maxsize=18)
def _light_mask(center: tuple[float, float], strength: float) -> Image.Image:
    """The soft light's coverage: ``strength`` at ``center``, fading to nothing (computed small, then upsampled)."""
    small = _radial_mask(center).reduce(LOW_RES)
    falloff = small.point(lambda v: round(255 * strength * max(0.0, 1 - v / 150) ** 1.5))
    return falloff.resize(CANVAS_SIZE, Image.Resampling.BILINEAR)


def _solid(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    return Image.new('RGB', CANVAS_SIZE, colors[0])


def _linear(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    # a regenerate swings the light by up to 40° either way (in 5° steps: the masks are cached per angle)
    return _colorize(_linear_mask(angle + 5 * rng.randint(-8, 8)), colors)


def _radial(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    # the light's centre moves with the seed (in steps of 1/20: the masks are cached per centre)
    center = (0.5 + rng.randint(-4, 4) / 20, 0.45 + rng.randint(-2, 2) / 20)
    return _colorize(_radial_mask(center), colors)


def _diagonal_stripes(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    base = _colorize(_linear_mask(angle + 90), [colors[0], mix(colors[0], (0, 0, 0), 0.35)])
    period, width, phase = 120, 48, rng.uniform(0, 120)
    mask = smooth_mask(CANVAS_SIZE, lambda d, s: _bands(d, s, angle=angle, period=period, width=width, offset=phase))
    base.paste(colors[1], (0, 0, *CANVAS_SIZE), mask.point(lambda v: v * 90 // 255))  # stripes stay behind text
    return base


def _split(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    width, height = CANVAS_SIZE
    base = _colorize(_linear_mask(180), [colors[0], mix(colors[0], (0, 0, 0), 0.3)])
    right = _colorize(_linear_mask(0), [colors[1], mix(colors[1], (0, 0, 0), 0.25)])
    shift = rng.uniform(-0.05, 0.05) * width
    rad = math.radians(angle + 5 * rng.randint(-3, 3))  # a regenerate tilts the divide
    dx, dy = math.cos(rad), math.sin(rad)  # the line where a hard CSS gradient at ``angle`` would switch colour
    cx, cy = width * 0.55 + shift, height / 2
    far = width + height

    def half(d: ImageDraw.ImageDraw, s: int, inset: float = 0.0) -> None:
        # the half plane to the right of the line through (cx, cy) along (dx, dy), moved by ``inset`` px
        nx, ny = dy, -dx
        x, y = cx + nx * inset, cy + ny * inset
        points = [(x - dx * far, y - dy * far), (x + dx * far, y + dy * far)]
        points += [(px + nx * far, py + ny * far) for px, py in reversed(points)]
        d.polygon([(px * s, py * s) for px, py in points], fill=255)

    base.paste(right, (0, 0), smooth_mask(CANVAS_SIZE, half))
    if len(colors) > 2:
        outer = smooth_mask(CANVAS_SIZE, lambda d, s: half(d, s, -7))
        inner = smooth_mask(CANVAS_SIZE, lambda d, s: half(d, s, 7))
        base.paste(colors[2], (0, 0), Image.composite(Image.new('L', CANVAS_SIZE), outer, inner))
    return base


def _burst(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    width, height = CANVAS_SIZE
    cx, cy = width * (0.5 + rng.uniform(-0.14, 0.14)), height * (0.5 + rng.uniform(-0.1, 0.1))
    rays = rng.choice((12, 16, 20))
    phase, far = rng.uniform(0, 360 / rays), width + height
    center_glow = colors[2] if len(colors) > 2 else mix(colors[0], (255, 255, 255), 0.25)
    base = _colorize(_radial_mask((cx / width, cy / height)), [center_glow, colors[0]])

    def wedges(d: ImageDraw.ImageDraw, s: int) -> None:
        for ray in range(rays):
            a0 = math.radians(phase + ray * 360 / rays)
            a1 = a0 + math.radians(360 / rays / 2)
            points = [(cx, cy), (cx + far * math.cos(a0), cy + far * math.sin(a0))]
            points.append((cx + far * math.cos(a1), cy + far * math.sin(a1)))
            d.polygon([(x * s, y * s) for x, y in points], fill=150)

    base.paste(colors[1], (0, 0), smooth_mask(CANVAS_SIZE, wedges))
    return base


def _dots(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    width, height = CANVAS_SIZE
    base = _colorize(_linear_mask(135), [colors[0], mix(colors[0], (0, 0, 0), 0.4)])
    step = 40
    ox, oy = rng.uniform(0, step), rng.uniform(0, step)

    def halftone(d: ImageDraw.ImageDraw, s: int) -> None:
        for row in range(-1, height // step + 2):
            for col in range(-1, width // step + 2):
                x = ox + col * step + (step / 2 if row % 2 else 0)
                y = oy + row * step
                r = 2 + 11 * max(0.0, min(1.0, x / width))  # halftone: dots grow to the right
                d.ellipse(((x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s), fill=110)

    base.paste(colors[1], (0, 0), smooth_mask(CANVAS_SIZE, halftone))
    return base


def _grid(colors: list[RGB], angle: float, rng: random.Random) -> Image.Image:
    width, height = CANVAS_SIZE
    base = _colorize(_linear_mask(180), [colors[0], mix(colors[0], colors[1], 0.18)])
    step = 64
    ox, oy = round(rng.uniform(0, step)), round(rng.uniform(0, step))
    mask = Image.new('L', CANVAS_SIZE)
    d = ImageDraw.Draw(mask)
    for x in range(ox, width, step):
        d.rectangle((x, 0, x + 1, height), fill=90)
    for y in range(oy, height, step):
        d.rectangle((0, y, width, y + 1), fill=90)
    base.paste(colors[1], (0, 0), mask)
    return base


def _bands(d: ImageDraw.ImageDraw, s: int, *, angle: float, period: int, width: int, offset: float) -> None:
    """Parallel bands ``width`` px wide every ``period`` px, running at ``angle`` degrees."""
    w, h = CANVAS_SIZE
    rad = math.radians(angle)
    ux, uy = math.cos(rad), math.sin(rad)  # along the band
    nx, ny = -uy, ux  # across the band
    far = w + h
    start = -far + offset % period
    t = start
    while t < far:
        a, b = t, t + width
        points = [(nx * a + ux * -far, ny * a + uy * -far), (nx * a + ux * far, ny * a + uy * far)]
        points += [(nx * b + ux * far, ny * b + uy * far), (nx * b + ux * -far, ny * b + uy * -far)]
        d.polygon([((px + w / 2) * s, (py + h / 2) * s) for px, py in points], fill=255)
        t += period


@lru_cache(maxsize=32)
def _linear_mask(angle: float) -> Image.Image:
    """0→255 along the CSS angle (90 = to the right, 180 = downwards), as a full-size 'L' image."""
    width, height = CANVAS_SIZE[0] // LOW_RES, CANVAS_SIZE[1] // LOW_RES
    rad = math.radians(angle)
    length = max(2, round(abs(width * math.sin(rad)) + abs(height * math.cos(rad))))
    side = math.ceil(math.hypot(width, height)) + 4
    square = Image.new('L', (side, side))
    square.paste(255, (0, (side + length) // 2, side, side))
    square.paste(Image.linear_gradient('L').resize((side, length)), (0, (side - length) // 2))
    turned = square.rotate(180 - angle, resample=Image.Resampling.BILINEAR)
    left, top = (side - width) // 2, (side - height) // 2
    return turned.crop((left, top, left + width, top + height)).resize(CANVAS_SIZE, Image.Resampling.BILINEAR)


@lru_cache(maxsize=32)
def _radial_mask(center: tuple[float, float]) -> Image.Image:
    """0 at ``center`` (fractions of the canvas) → 255 at the farthest corner, as a full-size 'L' image."""
    width, height = CANVAS_SIZE[0] // LOW_RES, CANVAS_SIZE[1] // LOW_RES
    cx, cy = center[0] * width, center[1] * height
    radius = max(math.hypot(max(cx, width - cx), max(cy, height - cy)), 1)
    disc = Image.radial_gradient('L').resize((round(radius * 2), round(radius * 2)), Image.Resampling.BILINEAR)
    left, top = round(radius - cx), round(radius - cy)
    return disc.crop((left, top, left + width, top + height)).resize(CANVAS_SIZE, Image.Resampling.BILINEAR)


def _colorize(mask: Image.Image, colors: Sequence[RGB]) -> Image.Image:
    """Map 0..255 in ``mask`` onto evenly spaced colour stops."""
    indexed = mask.copy()
    indexed.putpalette(_ramp(tuple(colors)))
    return indexed.convert('RGB')


@lru_cache(maxsize=64)
def _ramp(colors: tuple[RGB, ...]) -> list[int]:
    stops = list(colors[:5]) if len(colors) > 1 else [colors[0], colors[0]]
    flat: list[int] = []
    for value in range(256):
        pos = value / 255 * (len(stops) - 1)
        index = min(int(pos), len(stops) - 2)
        flat.extend(mix(stops[index], stops[index + 1], pos - index))
    return flat


PAINTERS: dict[str, Callable[[list[RGB], float, random.Random], Image.Image]] = {
    'solid': _solid,
    'linear': _linear,
    'radial': _radial,
    'diagonal_stripes': _diagonal_stripes,
    'split': _split,
    'burst': _burst,
    'dots': _dots,
    'grid': _grid,
}
