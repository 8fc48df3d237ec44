"""A creator's photo in a thumbnail, as a designer would use it: the subject cut out of its background (``_cutout``),
sized to 35–50 % of the frame, outlined in white over a glow in the template's colour, dropped on the template's own
background where the text is not; the headline, subtitle, badges and arrows kept off the face.

``plan_photo`` decides (pure geometry: where the subject goes, which text boxes shrink, which accents move or are left
out); ``draw_photo_backdrop`` and ``draw_photo`` paint. The decoded photo, its cut and the drawn matte are cached per
worker process, so the templates of one upload cost one cut.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

from routix.design.textlayer import TextLayer
from routix.render._accents import cover_focused, open_reference, spec_box
from routix.render._color import Box, parse_color
from routix.render._cutout import Cutout, cut_from_alpha, cut_out, matte, rim
from routix.render._text import safe_area, text_area
from routix.vocabulary import CANVAS_SIZE, TIMESTAMP_ZONE

TARGET_SHARE = 0.42  # of the frame the subject's box covers (a designer's 35–50 %)
MIN_VISIBLE = 0.37  # of the frame it still covers when slid partly off a side
HEADROOM = 28  # px above the head when a torso is taller than the canvas
FACE_GAP = 20  # px between the face (with its hair) and any text, badge or arrow
EDGE = 8  # px: the face stays this far inside the canvas
STROKE, GLOW = 10, 22  # px of the white outline and of the coloured glow around the cut-out
DECODE_SIDE = 960  # px: JPEGs are decoded at the smallest DCT scale still covering this (a 12 MP photo at ½)
MIN_HEADLINE = (300, 100)  # px: a headline box shrunk clear of the face keeps at least this size
HEADLINE_GROWTH = 160  # px a top-band headline pushed beside the subject may grow down (a column needs the height)
BACKDROP_SHARE = 0.5  # a slot covering this much of the canvas was meant for a full-bleed photo: it gets it, blurred
WORDS_PER_PX = 200  # px² of the subject under the headline or subtitle that weigh as 1 px away from its slot
ARROW_GAP = 18  # px between an arrow's tip and the subject's outline
_ZX, _ZY, _ZW, _ZH = TIMESTAMP_ZONE
CLOCK: Box = (_ZX, _ZY, _ZX + _ZW, _ZY + _ZH)  # YouTube's timestamp corner as x0, y0, x1, y1: nothing goes there


@dataclass(kw_only=True, slots=True)
class Placement:
    """Where a cut-out goes on the canvas: its scale, the matte's top-left corner, the visible box and the face's."""

    scale: float
    origin: tuple[int, int]
    bbox: Box  # the subject's box as seen (clipped to the canvas)
    face: Box | None  # the face's box on the canvas
    keepout: Box | None  # the face, its hair and a gap: no text, badge or arrow goes here
    clear: bool  # the keep-out misses every obstacle it was placed against


def place(
    cut: Cutout, *, slot: Box, obstacles: list[Box], words: tuple[Box, ...] | list[Box] = (), prefer_right: bool = True
) -> Placement:
    """Size the cut-out to ``TARGET_SHARE`` of the frame and slide it sideways to the spot nearest the ``slot``'s
    centre where its face keep-out misses every obstacle (text, badges, the timestamp corner) and as little of its
    body as may lies under the ``words`` (headline, subtitle); when the face cannot miss them, to the side of the
    canvas nearest the slot (``prefer_right`` on a tie), with ``clear`` False."""
    width, height = CANVAS_SIZE
    scale = _scale_for_share(cut, (slot[1] + slot[3]) / 2)
    w, h = max(1, round(cut.photo.width * scale)), max(1, round(cut.photo.height * scale))
    y = _top(cut, h, (slot[1] + slot[3]) / 2)
    slot_cx = (slot[0] + slot[2]) / 2
    least = min(w, width) * min(h, height) * MIN_VISIBLE / TARGET_SHARE  # at most this much of it off the sides
    spots: list[tuple[int, float, Placement]] = []
    for x in range(-w, width + 1, 8):
        visible = _visible((x, y, x + w, y + h))
        if (visible[2] - visible[0]) * (visible[3] - visible[1]) < least:
            continue
        spot = _placement(cut, scale, (x, y), visible)
        keepout = spot.keepout
        if keepout and (keepout[0] < EDGE or keepout[2] > width - EDGE):
            continue
        hits = sum(_overlap(keepout, o) for o in obstacles) if keepout else 0
        spot.clear = hits == 0
        # a side the photo's frame cut shows as a straight edge: better slid off the canvas
        frayed = (cut.open_sides[0] and x > 0) + (cut.open_sides[1] and x + w < width)
        under = sum(_area(visible, b) for b in words) / WORDS_PER_PX  # the body under the words costs too
        spots.append((hits, frayed * width + under + abs(x + w / 2 - slot_cx), spot))
    if not spots:  # wider than the canvas: centred
        x = (width - w) // 2
        return _placement(cut, scale, (x, y), _visible((x, y, x + w, y + h)))
    clear = [s for s in spots if s[0] == 0]
    if clear:
        return min(clear, key=lambda s: s[1])[2]
    right = slot_cx > width / 2 or (slot_cx == width / 2 and prefer_right)
    return max(spots, key=lambda s: s[2].bbox[2] if right else -s[2].bbox[0])[2]


def _scale_for_share(cut: Cutout, centre_y: float) -> float:
    """The scale at which the cut-out's visible box covers ``TARGET_SHARE`` of the canvas (bisection: the visible
    area grows with the scale)."""
    width, height = CANVAS_SIZE
    goal = TARGET_SHARE * width * height
    low, high = 1e-3, 8 * max(width / cut.photo.width, height / cut.photo.height)
    for _ in range(40):
        mid = (low + high) / 2
        w, h = cut.photo.width * mid, cut.photo.height * mid
        top = _top(cut, round(h), centre_y)
        area = min(w, width) * (min(height, top + h) - max(0, top))
        low, high = (mid, high) if area < goal else (low, mid)
    return low


def _top(cut: Cutout, h: int, centre_y: float) -> int:
    """The cut-out's top edge: a torso stands on the canvas's bottom edge (headroom kept when it is taller), an
    object is centred on the slot inside the canvas."""
    height = CANVAS_SIZE[1]
    if cut.runs_off:
        return max(HEADROOM, height - h)
    return round(min(max(centre_y - h / 2, 0), max(0, height - h)))


def _placement(cut: Cutout, scale: float, origin: tuple[int, int], visible: Box) -> Placement:
    face = keepout = None
    if cut.face is not None:
        x0, y0, x1, y1 = (round(v * scale) for v in cut.face)
        face = (origin[0] + x0, origin[1] + y0, origin[0] + x1, origin[1] + y1)
        fw, fh = face[2] - face[0], face[3] - face[1]
        keepout = (  # the Haar box runs brow to chin: the hair above and the ears beside belong to the face too
            face[0] - round(0.2 * fw) - FACE_GAP,
            face[1] - round(0.45 * fh) - FACE_GAP,
            face[2] + round(0.2 * fw) + FACE_GAP,
            face[3] + round(0.1 * fh) + FACE_GAP,
        )
    return Placement(scale=scale, origin=origin, bbox=visible, face=face, keepout=keepout, clear=True)


def _visible(box: Box) -> Box:
    width, height = CANVAS_SIZE
    return max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3])


def _area(a: Box, b: Box) -> int:
    """The pixels two boxes share."""
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(kw_only=True, slots=True)
class PhotoPlan:
    """How a photo is drawn: the subject's placement and the layout and text layer made to leave its face clear."""

    reference: bytes
    placement: Placement
    layout: dict[str, Any]  # subtitle box shrunk, badges moved, arrows re-aimed or dropped, circles behind the subject
    text: TextLayer  # the headline box shrunk clear of the face when the subject could not move clear of it


def plan_photo(reference: bytes, *, layout: dict[str, Any], text: TextLayer) -> PhotoPlan | None:
    """Place the cut-out of ``reference`` and keep the text off its face; None when nothing cuts out cleanly (the
    photo then goes into the slot as a framed picture)."""
    cut = _cut(reference)[0]
    slot_spec = layout.get('subject')
    if cut is None or not slot_spec:
        return None
    slot = spec_box(slot_spec)
    safe = safe_area(layout)
    rtl = text.direction == 'rtl'
    headline = text_area(text.box, text.offset_x, safe) if text.headline.strip() else None
    subtitle = _subtitle_box(layout, text, headline) if text.subtitle.strip() else None
    badges = [spec_box(a) for a in layout.get('accents') or [] if a.get('kind') == 'badge' and text.badge.strip()]
    obstacles = [b for b in (headline, subtitle, *badges) if b] + [CLOCK]
    words = [b for b in (headline, subtitle) if b]
    spot = place(cut, slot=slot, obstacles=obstacles, words=words, prefer_right=not rtl)
    keep = spot.keepout
    if keep and headline and _overlap(keep, headline):
        carved = _carve(headline, keep, spot.bbox, MIN_HEADLINE)
        if carved and headline[3] <= slot[1] and not _overlap(carved, spot.bbox):  # a band over the slot, now a column
            carved = (*carved[:3], min(safe[3], carved[3] + HEADLINE_GROWTH))  # Persian wraps: it needs the height
        if carved:
            headline = carved
            text = replace(text, box=(carved[0], carved[1], carved[2] - carved[0], carved[3] - carved[1]), offset_x=0)
    layout = dict(layout)
    if keep and subtitle and _overlap(keep, subtitle) and layout.get('subtitle'):
        carved = _carve(subtitle, keep, spot.bbox, (200, 40))
        if carved:
            x0, y0, x1, y1 = carved
            layout['subtitle'] = {**layout['subtitle'], 'box': [x0, y0, x1 - x0, y1 - y0]}
    accents = [_accent_for(a, spot, headline, rtl, reference) for a in layout.get('accents') or []]
    layout['accents'] = [a for a in accents if a is not None]
    return PhotoPlan(reference=reference, placement=spot, layout=layout, text=text)


def draw_photo_backdrop(image: Image.Image, plan: PhotoPlan) -> None:
    """A slot meant for a full-bleed photo gets the photo, blurred and dimmed, behind the cut-out."""
    x0, y0, x1, y1 = spec_box(plan.layout.get('subject') or {})
    if (x1 - x0) * (y1 - y0) < BACKDROP_SHARE * CANVAS_SIZE[0] * CANVAS_SIZE[1]:
        return
    image.paste(_backdrop(plan.reference, (x1 - x0, y1 - y0)), (x0, y0))


def draw_photo(image: Image.Image, plan: PhotoPlan, layout: dict[str, Any]) -> None:
    """The cut-out over a glow in the slot's border colour (else the first accent's), inside a white outline."""
    slot = layout.get('subject') or {}
    accents = [a.get('color') for a in layout.get('accents') or [] if a.get('color')]
    glow_color = parse_color((slot.get('border') or {}).get('color') or (accents[0] if accents else '#ffffff'))
    cutout, pad, outline, halo = _drawn(plan.reference, plan.placement.scale)
    x, y = plan.placement.origin
    image.paste(glow_color[:3], (x - pad, y - pad), halo)
    image.paste((255, 255, 255), (x - pad, y - pad), outline)
    image.paste(cutout, (x, y), cutout)


def photo_details(plan: PhotoPlan) -> dict[str, Any]:
    """What the 'photo' layer says beyond its box: the source, that it is cut out, and where the face is."""
    cut = _cut(plan.reference)[0]
    details: dict[str, Any] = {'source': 'upload', 'cutout': True, 'focus': cut.kind if cut else 'salient'}
    if plan.placement.face:
        x0, y0, x1, y1 = plan.placement.face
        details['face'] = [x0, y0, x1 - x0, y1 - y0]
    return details


def _subtitle_box(layout: dict[str, Any], text: TextLayer, headline: Box | None) -> Box:
    """The subtitle's box, or (with no box in the layout) the band under the headline the text layer puts it in."""
    sub = layout.get('subtitle') or {}
    if sub.get('box'):
        return text_area(sub['box'], text.offset_x, safe_area(layout))
    x0, _, x1, y1 = headline or text_area(text.box, text.offset_x, safe_area(layout))
    return x0, y1, x1, min(CANVAS_SIZE[1], y1 + 84)


def _carve(box: Box, keep: Box, subject: Box, least: tuple[int, int]) -> Box | None:
    """The largest part of ``box`` beside the whole ``subject`` (else beside the ``keep``-out, or above or below it)
    that is at least ``least`` (w, h); None when no part is."""
    x0, y0, x1, y1 = box
    beside_subject = [(x0, y0, min(x1, subject[0] - FACE_GAP), y1), (max(x0, subject[2] + FACE_GAP), y0, x1, y1)]
    beside_face = [
        (x0, y0, min(x1, keep[0]), y1),
        (max(x0, keep[2]), y0, x1, y1),
        (x0, y0, x1, min(y1, keep[1])),
        (x0, max(y0, keep[3]), x1, y1),
    ]
    for options in (beside_subject, beside_face):
        fits = [b for b in options if b[2] - b[0] >= least[0] and b[3] - b[1] >= least[1]]
        if fits:
            return max(fits, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    return None


def _accent_for(
    accent: dict[str, Any], spot: Placement, headline: Box | None, rtl: bool, reference: bytes
) -> dict[str, Any] | None:
    """``accent`` made to serve the subject: a badge or mark moved off the face (or left out), an arrow aimed at the
    subject (or left out), a circle or ring moved behind the subject's head, a stripe behind the subject; anything
    else as it was."""
    kind, keep = accent.get('kind'), spot.keepout
    if kind in {'badge', 'mark'}:  # words and symbols ('?', 'VS'): never over the face
        box = spec_box(accent)
        over_words = kind == 'mark' and headline is not None and _overlap(box, headline)  # a grown column
        if not over_words and (not keep or not _overlap(box, keep)):
            return accent
        w, h = box[2] - box[0], box[3] - box[1]
        spots = [(keep[0] - w, box[1]), (keep[2], box[1])] if keep else []  # beside the face, at the same height
        if over_words and headline:  # under the words, else between them and the subject
            spots = [(box[0], headline[3] + 12), (spot.bbox[2] + 4, box[1]), (spot.bbox[0] - w - 4, box[1]), *spots]
        if kind == 'badge' and headline:  # on the headline's reading edge: level with its slot, above it, below it
            x = headline[2] - w if rtl else headline[0]
            spots = [(x, box[1]), (x, headline[1] - h - 12), (x, headline[3] + 12), *spots]
        clashes = [b for b in (keep, CLOCK, headline) if b]
        for x, y in spots:
            moved = (x, y, x + w, y + h)
            inside = EDGE <= x and x + w <= CANVAS_SIZE[0] - EDGE and EDGE <= y and y + h <= CANVAS_SIZE[1] - EDGE
            if inside and not any(_overlap(moved, other) for other in clashes):
                return {**accent, 'box': [x, y, w, h]}
        return None
    if kind == 'arrow':
        return _aimed(accent, spot, headline, reference)
    if kind == 'stripe' and _overlap(spec_box(accent), spot.bbox):  # a band runs behind the subject, not across it
        return {**accent, 'kind': 'shape', 'shape': 'rect'}  # the same rectangle, drawn in the backdrop pass
    if kind == 'shape' and accent.get('shape', 'circle') in {'circle', 'ring'}:  # behind or round the head
        x0, y0, x1, y1 = spec_box(accent)
        cx, cy = _head_centre(spot)
        side = max(x1 - x0, y1 - y0, round(2.2 * ((spot.face[2] - spot.face[0]) if spot.face else 0)))
        return {**accent, 'box': [round(cx - side / 2), round(cy - side / 2), side, side]}
    return accent


def _aimed(accent: dict[str, Any], spot: Placement, headline: Box | None, reference: bytes) -> dict[str, Any] | None:
    """The arrow from its own tail to just short of the subject's outline, toward the middle of its body; None when
    the tail is on the subject, the arrow would be a stub, or it would cross the face or the headline."""
    fx, fy = (float(v) for v in accent.get('from', (0, 0)))
    bx0, by0, bx1, by1 = spot.bbox
    face_bottom = spot.face[3] if spot.face else by0
    tx, ty = (bx0 + bx1) / 2, max((by0 + by1) / 2, float(face_bottom))
    inside = _inside(reference, spot)
    length = math.hypot(tx - fx, ty - fy)
    if length < 1 or inside(fx, fy):
        return None
    ux, uy = (tx - fx) / length, (ty - fy) / length
    travelled = 0.0
    while travelled < length and not inside(fx + ux * travelled, fy + uy * travelled):
        travelled += 4
    travelled -= ARROW_GAP
    if travelled < 90:
        return None
    end = (round(fx + ux * travelled), round(fy + uy * travelled))
    width = int(accent.get('width', 16))
    reach = math.ceil(width * 1.7)
    box = (min(fx, end[0]) - reach, min(fy, end[1]) - reach, max(fx, end[0]) + reach, max(fy, end[1]) + reach)
    span = (round(box[0]), round(box[1]), round(box[2]), round(box[3]))
    if (spot.keepout and _overlap(span, spot.keepout)) or (headline and _overlap(span, headline)):
        return None
    return {**accent, 'to': list(end)}


def _inside(reference: bytes, spot: Placement) -> Callable[[float, float], bool]:
    """A test of whether a canvas point lies on the placed subject (its matte's alpha ≥ ½)."""
    alpha = np.asarray(_drawn(reference, spot.scale)[0].getchannel('A'))
    ox, oy = spot.origin

    def inside(x: float, y: float) -> bool:
        ix, iy = int(x) - ox, int(y) - oy
        return 0 <= iy < alpha.shape[0] and 0 <= ix < alpha.shape[1] and alpha[iy, ix] >= 128

    return inside


def _head_centre(spot: Placement) -> tuple[float, float]:
    if spot.face:
        return (spot.face[0] + spot.face[2]) / 2, (spot.face[1] + spot.face[3]) / 2
    return (spot.bbox[0] + spot.bbox[2]) / 2, (spot.bbox[1] + spot.bbox[3]) / 2


@lru_cache(maxsize=4)
def _cut(reference: bytes) -> tuple[Cutout | None, Image.Image]:
    """The photo decoded (at most about ``DECODE_SIDE`` px), its cut-out, and a small copy for backdrops."""
    photo = open_reference(reference, (DECODE_SIDE, DECODE_SIDE))
    has_alpha = photo.mode in {'RGBA', 'LA', 'PA'} or (photo.mode == 'P' and 'transparency' in photo.info)
    cut = cut_from_alpha(photo.convert('RGBA')) if has_alpha else None
    photo = photo.convert('RGB')
    if cut is None:  # no alpha, or an opaque one (a PNG screenshot, an export with an alpha channel): cut it here
        cut = cut_out(photo)
    small = photo.copy()
    small.thumbnail((640, 640), Image.Resampling.BILINEAR)
    return cut, small


@lru_cache(maxsize=4)
def _drawn(reference: bytes, scale: float) -> tuple[Image.Image, int, Image.Image, Image.Image]:
    """The cut-out drawn at ``scale`` and its rim: (RGBA matte, padding, outline mask, glow mask)."""
    cut = _cut(reference)[0]
    assert cut is not None  # a plan exists only for a photo that cut out
    cutout = matte(cut, scale)
    (pad, _), outline, halo = rim(cutout.getchannel('A'), stroke=STROKE, glow=GLOW, open_sides=cut.open_sides)
    return cutout, pad, outline, halo


@lru_cache(maxsize=4)
def _backdrop(reference: bytes, size: tuple[int, int]) -> Image.Image:
    """The photo framed to ``size``, blurred and dimmed: the scene stays, the cut-out subject stands in front."""
    small = cover_focused(_cut(reference)[1], (max(1, size[0] // 4), max(1, size[1] // 4)))
    blurred = small.filter(ImageFilter.GaussianBlur(3)).resize(size, Image.Resampling.BILINEAR)
    return Image.eval(blurred, lambda v: v * 3 // 5)
