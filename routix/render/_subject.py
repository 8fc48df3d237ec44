"""The focal subject of a thumbnail without a photo: the subject's emoji, drawn large as a sticker in the subject slot.

The illustration comes from the Fluent Emoji SVG set that ``scripts/install_illustrations.sh`` puts in ``.art/`` (or
``ROUTIX_ART_DIR``), rasterised at render size with resvg (``resvg-py``: a self-contained wheel, no cairo system
library) and cached per worker process. Without the set a render still succeeds, with no subject and one loud
warning per process.

The sticker keeps to the slot, grown by a margin into free space and cut away from the headline, subtitle, badges
and YouTube's timestamp corner, so it never sits under the text (which is drawn after it anyway). A slot the creator
placed (a drag on the canvas, "move the picture left") is the exception: the sticker goes exactly where they put it.
"""

from __future__ import annotations

import io
import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import resvg_py
from PIL import Image, ImageChops, ImageFilter, ImageOps

from routix.analysis.subjects import emoji_for
from routix.design.textlayer import TextLayer
from routix.render._accents import spec_box
from routix.render._color import Box
from routix.vocabulary import CANVAS_SIZE, TIMESTAMP_ZONE

log = logging.getLogger(__name__)

PROJECT_ART_DIR = Path(__file__).resolve().parents[2] / '.art'
ICONS = Path('npm/node_modules/@iconify-json/fluent-emoji-flat/icons.json')
CHARS = ICONS.with_name('chars.json')
MARGIN = 88  # px the sticker may grow past its slot into free space
GAP = 20  # px kept clear between the sticker and the text
EDGE = 24  # px kept clear of the canvas edge
MAX_SIDE = 560  # a bigger sticker crowds the headline: 560² is 34 % of the frame
MAX_TILT = 8  # degrees either way
NUDGE = 120  # px a pose may move the sticker across its slot: glows and rings drawn for the slot still frame it


def draw_illustration(
    image: Image.Image, slot: dict[str, Any], name: str, *, layout: dict[str, Any], text: TextLayer, seed: int
) -> Box | None:
    """Draw the subject ``name`` as a tilted, outlined sticker in ``slot``; returns its box, None when not drawn."""
    emoji = emoji_for(name)
    icons = _icon_set(os.environ.get('ROUTIX_ART_DIR') or str(PROJECT_ART_DIR))
    if not emoji or icons is None or (icon := _icon_name(icons[1], emoji)) not in icons[0]:
        return None
    obstacles = _obstacles(layout, text)
    pose = Pose.of(seed)
    main, effect = spec_box(slot), str(slot.get('effect') or '')
    placed = bool(slot.get('placed'))  # the creator put it there (a drag, "move the picture left"): it stays there
    echo = slot.get('echo')
    if isinstance(echo, dict):  # the second copy (before/after, versus) goes behind, in its own slot
        other, echo_effect = spec_box(echo), str(echo.get('effect') or '')
        if pose.flip and echo_effect != 'grey' and not placed:  # a rival may stand on either side; a 'before' first
            main, other = other, main
        _place(image, icons[0][icon], other, obstacles, pose=pose.mirrored(), effect=echo_effect)
    if placed:
        return _place_at(image, icons[0][icon], main, pose=pose, effect=effect)
    return _place(image, icons[0][icon], main, obstacles, pose=pose, effect=effect)


@dataclass(frozen=True, slots=True)
class Pose:
    """How a seed stands the sticker: tilt (degrees), share of the free square, mirrored, nudge across the slot."""

    tilt: int
    scale: float
    flip: bool
    nudge: float  # -1..1: toward one side of the free region or the other

    @classmethod
    def of(cls, seed: int) -> Pose:
        """The pose of ``seed``: the same seed always stands the same way, another one visibly otherwise."""
        mixed = (seed * 2654435761) & 0xFFFFFFFF
        tilt = (mixed >> 7) % (2 * MAX_TILT + 1) - MAX_TILT
        return cls(
            tilt=tilt,
            scale=0.82 + (mixed >> 13) % 18 / 100,
            flip=bool(mixed >> 19 & 1),
            nudge=(mixed >> 21) % 9 / 4 - 1,
        )

    def mirrored(self) -> Pose:
        """The pose of an echo: facing the other way, tilted against the subject."""
        return Pose(tilt=-self.tilt, scale=self.scale, flip=not self.flip, nudge=-self.nudge)


def _place(
    image: Image.Image, icon: dict[str, Any], slot: Box, obstacles: list[Box], *, pose: Pose, effect: str
) -> Box | None:
    """Draw one sticker of ``icon`` in ``slot`` (grown into free space, clear of ``obstacles``); returns its ink box."""
    region = _free_region(_grown(slot), obstacles)
    free = min(MAX_SIDE, region[2] - region[0], region[3] - region[1])
    if free < 96:
        return None
    sticker, ink = _sticker(icon, int(free * pose.scale), pose.tilt if not pose.flip else -pose.tilt)
    if pose.flip or effect:
        sticker = _treated(sticker, pose.flip, effect)
        if pose.flip:
            ink = (sticker.width - ink[2], ink[1], sticker.width - ink[0], ink[3])
    sx, sy, ex, ey = slot
    spare = max(0, (region[2] - region[0]) - (ink[2] - ink[0])) // 2
    # centred on the slot (nudged by the pose), then pushed inside the free region
    left = (sx + ex - sticker.width) // 2 + round(pose.nudge * min(spare, NUDGE))
    left = min(max(left, region[0] - ink[0]), region[2] - ink[2])
    top = min(max((sy + ey - sticker.height) // 2, region[1] - ink[1]), region[3] - ink[3])
    image.paste(sticker, (left, top), sticker)
    return left + ink[0], top + ink[1], left + ink[2], top + ink[3]


def _place_at(image: Image.Image, icon: dict[str, Any], slot: Box, *, pose: Pose, effect: str) -> Box | None:
    """Draw one sticker of ``icon`` whose outlined ink fills ``slot`` (its longer side as long as the slot's shorter
    one), centred on it: where the creator put it, at the size they gave it, over the text if that is where they
    dropped it (the text is drawn after it, and the feed check says when it covers the words)."""
    side = min(MAX_SIDE, slot[2] - slot[0], slot[3] - slot[1])
    if side < 48:
        return None
    tilt = pose.tilt if not pose.flip else -pose.tilt
    size = side
    for _ in range(2):  # the ink (art, outline, tilt) is a little bigger than the size asked for: ask again, scaled
        sticker, ink = _sticker(icon, size, tilt)
        inked = max(ink[2] - ink[0], ink[3] - ink[1])
        if abs(inked - side) <= 2:
            break
        size = max(16, round(size * side / inked))
    if pose.flip or effect:
        sticker = _treated(sticker, pose.flip, effect)
        if pose.flip:
            ink = (sticker.width - ink[2], ink[1], sticker.width - ink[0], ink[3])
    left = (slot[0] + slot[2] - ink[0] - ink[2]) // 2
    top = (slot[1] + slot[3] - ink[1] - ink[3]) // 2
    image.paste(sticker, (left, top), sticker)
    return left + ink[0], top + ink[1], left + ink[2], top + ink[3]


def _treated(sticker: Image.Image, flip: bool, effect: str) -> Image.Image:
    """The sticker mirrored and/or dressed for its part: 'grey' (the before), 'blur' (the mystery's hidden thing),
    'silhouette' (the unknown opponent)."""
    if flip:
        sticker = ImageOps.mirror(sticker)
    if effect == 'grey':
        alpha = sticker.getchannel('A')
        sticker = ImageOps.grayscale(sticker).point(lambda v: 40 + v * 6 // 10).convert('RGBA')
        sticker.putalpha(alpha)
    elif effect == 'blur':
        sticker = sticker.filter(ImageFilter.GaussianBlur(max(4, sticker.width // 28)))
    elif effect == 'silhouette':  # the art goes dark; its white outline stays, so it reads on a dark side too
        outline = ImageOps.grayscale(sticker).point(lambda v: 255 if v > 245 else 0)
        dark = Image.new('RGBA', sticker.size, (18, 18, 24, 255))
        dark.paste((255, 255, 255, 255), (0, 0), outline)
        dark.putalpha(sticker.getchannel('A'))
        sticker = dark
    return sticker


def _grown(box: Box) -> Box:
    return (
        max(EDGE, box[0] - MARGIN),
        max(EDGE, box[1] - MARGIN),
        min(CANVAS_SIZE[0] - EDGE, box[2] + MARGIN),
        min(CANVAS_SIZE[1] - EDGE, box[3] + MARGIN),
    )


def _obstacles(layout: dict[str, Any], text: TextLayer) -> list[Box]:
    """Boxes the sticker stays clear of: the headline, the subtitle, badges and the timestamp corner."""
    boxes = []
    if text.headline.strip():
        x, y, w, h = text.box
        boxes.append((x + text.offset_x, y, x + text.offset_x + w, y + h))
    if text.subtitle.strip() and (sub := layout.get('subtitle')):
        boxes.append(spec_box(sub))
    boxes.extend(spec_box(a) for a in layout.get('accents') or [] if a.get('kind') == 'badge')
    zx, zy, zw, zh = TIMESTAMP_ZONE
    boxes.append((zx, zy, zx + zw, zy + zh))
    return [(b[0] - GAP, b[1] - GAP, b[2] + GAP, b[3] + GAP) for b in boxes]


def _free_region(region: Box, obstacles: list[Box]) -> Box:
    """Cut each obstacle out of ``region``, keeping the side (left/right/above/below) that holds the biggest square."""
    for ox0, oy0, ox1, oy1 in obstacles:
        x0, y0, x1, y1 = region
        if ox1 <= x0 or ox0 >= x1 or oy1 <= y0 or oy0 >= y1:
            continue
        sides = [(x0, y0, ox0, y1), (ox1, y0, x1, y1), (x0, y0, x1, oy0), (x0, oy1, x1, y1)]
        region = max(sides, key=lambda b: (min(b[2] - b[0], b[3] - b[1]), (b[2] - b[0]) * (b[3] - b[1])))
    return region


@lru_cache(maxsize=4)
def _icon_set(art_dir: str) -> tuple[dict[str, Any], dict[str, str]] | None:
    """(icons by name, icon name by codepoints) of the installed set; None, warned once, when it is missing."""
    try:
        data = json.loads((Path(art_dir) / ICONS).read_text(encoding='utf-8'))
        chars = json.loads((Path(art_dir) / CHARS).read_text(encoding='utf-8'))
        icons = {
            name: {'body': icon['body'], 'width': icon.get('width', data.get('width', 16))}
            | {'height': icon.get('height', data.get('height', 16))}
            for name, icon in data['icons'].items()
        }
        return icons, chars
    except (OSError, ValueError, KeyError, TypeError):
        log.warning(
            'No subject illustrations in %s: thumbnails without a photo get no focal subject. '
            'Run `make setup` (scripts/install_illustrations.sh, needs npm) to install the Fluent Emoji set.',
            art_dir,
        )
        return None


def _icon_name(chars: dict[str, str], emoji: str) -> str:
    return chars.get('-'.join(f'{ord(ch):x}' for ch in emoji if ch != '\ufe0f'), '')


@lru_cache(maxsize=64)
def _raster(body: str, width: int, height: int, size: int) -> Image.Image:
    """The icon rasterised by resvg at ``size``×``size`` px (RGBA)."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">{body}</svg>'
    png = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size, skip_system_fonts=True)
    with Image.open(io.BytesIO(png)) as opened:
        return opened.convert('RGBA')


@lru_cache(maxsize=32)
def _sticker_cached(body: str, width: int, height: int, size: int, tilt: int) -> tuple[Image.Image, Box]:
    art = _raster(body, width, height, size)
    outline = max(6, size // 22)
    pad = outline * 4
    canvas = (size + 2 * pad, size + 2 * pad)
    alpha = Image.new('L', canvas)
    alpha.paste(art.getchannel('A'), (pad, pad))
    # a thick white outline: the alpha grown by blurring and lifting its faint edge to opaque
    grown = alpha.filter(ImageFilter.BoxBlur(outline)).point(lambda v: min(255, v * 12))
    shadow = grown.filter(ImageFilter.BoxBlur(outline)).point(lambda v: v * 110 // 255)
    sticker = Image.new('RGBA', canvas, (0, 0, 0, 0))
    sticker.putalpha(ImageChops.offset(shadow, outline // 2, outline))  # a soft shadow, down and to the right
    sticker.paste((255, 255, 255, 255), (0, 0), grown)
    sticker.alpha_composite(art, (pad, pad))
    if tilt:
        sticker = sticker.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True)
        grown = grown.rotate(tilt, resample=Image.Resampling.BILINEAR, expand=True)
    ink = grown.point(lambda v: 255 if v > 128 else 0).getbbox() or (0, 0, *sticker.size)
    return sticker, ink


def _sticker(icon: dict[str, Any], size: int, tilt: int) -> tuple[Image.Image, Box]:
    """The sticker (RGBA) and the box of its outlined ink inside it; cached by icon, size and tilt."""
    return _sticker_cached(icon['body'], int(icon['width']), int(icon['height']), size, tilt)
