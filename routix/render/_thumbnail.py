"""The basic renderer: layout JSON + text layer (+ reference image) → thumbnail JPEG, WebP preview, PNG master.

Every public function is pure, module-level and picklable so the app can run it through ``run.cpu_bound``.
``render_thumbnail`` does it all in one call; the steps are public for the pipeline, the CLI and the tests:
``paint_background`` (or ``fit_background`` for a provider's image) → ``compose`` → ``finalise``.

Who owns the canvas: ``paint_background`` hands out its cached image, which nobody may draw on; ``compose`` draws on
a copy of what it is given; ``finalise`` only reads. A render therefore copies the 1280×720 canvas once (none when
the background is a provider's image, which ``fit_background`` decodes into a fresh image).

The ``TextLayer`` is the truth for the headline (box, align, role, colours, outline, scale, offset); the layout
supplies the safe area, the shadow's geometry, the subtitle box and style, accents and the subject slot. The slot
holds the creator's photo when there is one, else the subject's illustration (``subject``, a name from
``routix.analysis.subjects_data``) drawn as a sticker.

Every render also describes its layout as ``layers``: one dict per drawn element, ``{'kind': 'headline' | 'subtitle'
| 'subject' | 'photo' | 'badge' | 'arrow' | 'shape' | 'watermark', 'bbox': [x, y, w, h], ...}`` in pixels of the
1280×720 canvas (clipped to it), in drawing order. Text layers add ``text``, ``font_px``, ``cap_px`` (the font's cap
height), ``outline_px``, ``color`` (as drawn: black or white when the requested colour did not read) and ``contrast``
(WCAG, measured on the pixels under the letters); the subject adds ``name`` and ``source`` ('illustration'), the photo
``source`` ('upload'), a badge its ``text``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageOps

from routix.core.errors import ProviderUnavailable
from routix.design.textlayer import TextLayer
from routix.render._accents import cover, draw_accents, draw_subject
from routix.render._background import paint_background
from routix.render._color import Box
from routix.render._photo import draw_photo, draw_photo_backdrop, photo_details, plan_photo
from routix.render._png import encode_png
from routix.render._subject import draw_illustration
from routix.render._text import DrawnText, draw_text_layer, draw_watermark
from routix.vocabulary import CANVAS_SIZE, MAX_JPEG_BYTES, PREVIEW_SIZE

__all__ = [
    'Composed',
    'Finished',
    'Rendered',
    'compose',
    'finalise',
    'fit_background',
    'paint_background',
    'render_thumbnail',
]

JPEG_START_QUALITY, JPEG_MIN_QUALITY, JPEG_STEP = 92, 30, 6
PREVIEW_QUALITY = 80


@dataclass(kw_only=True, slots=True)
class Composed:
    """The composed 1280×720 RGB image, the box of every drawn text run (outline and shadow included) and the
    box of the subject's illustration (None when none was drawn)."""

    image: Image.Image
    text_boxes: list[Box]
    subject_box: Box | None = None
    layers: list[dict[str, Any]] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Finished:
    """Encoded outputs: the ≤ 2 MB upload JPEG, its quality, a 320×180 WebP preview and (on request) the PNG master."""

    jpeg: bytes
    jpeg_quality: int
    preview: bytes
    png: bytes | None = None


@dataclass(kw_only=True, slots=True)
class Rendered(Finished):
    """A finished thumbnail plus where its text and its subject's illustration landed."""

    text_boxes: list[Box]
    subject_box: Box | None = None
    layers: list[dict[str, Any]] = field(default_factory=list)


def render_thumbnail(
    *,
    layout: dict[str, Any],
    palette: list[str],
    text: TextLayer,
    seed: int,
    reference: bytes | None = None,
    watermark: bool = False,
    background: bytes | None = None,
    master: bool = False,
    subject: str = '',
) -> Rendered:
    """Paint (or fit ``background``), compose and encode one thumbnail (with the PNG master when ``master``)."""
    if background:
        image = fit_background(background)  # a fresh image: drawn on in place
    else:  # the shared cached background: this is the render's one full-canvas copy
        image = paint_background(layout=layout, palette=palette, seed=seed).copy()
    boxes, subject_box, layers = _draw(
        image, layout=layout, text=text, reference=reference, watermark=watermark, subject=subject, seed=seed
    )
    finished = finalise(image, master=master)
    return Rendered(
        jpeg=finished.jpeg,
        jpeg_quality=finished.jpeg_quality,
        preview=finished.preview,
        png=finished.png,
        text_boxes=boxes,
        subject_box=subject_box,
        layers=layers,
    )


def compose(
    *,
    background: Image.Image,
    layout: dict[str, Any],
    text: TextLayer,
    reference: bytes | None = None,
    watermark: bool = False,
    subject: str = '',
    seed: int = 0,
) -> Composed:
    """Draw accents, the reference (or the ``subject``'s illustration, tilted by ``seed``) in the subject slot, the
    text layer and the watermark over a copy of ``background``.

    ``background`` is only read (it may be ``paint_background``'s shared cached image); the one copy drawn on is made
    here.
    """
    image = background.convert('RGB') if background.mode != 'RGB' else background
    if image.size != CANVAS_SIZE:
        image = cover(image, CANVAS_SIZE)
    elif image is background:
        image = background.copy()
    boxes, subject_box, layers = _draw(
        image, layout=layout, text=text, reference=reference, watermark=watermark, subject=subject, seed=seed
    )
    return Composed(image=image, text_boxes=boxes, subject_box=subject_box, layers=layers)


def _draw(
    image: Image.Image,
    *,
    layout: dict[str, Any],
    text: TextLayer,
    reference: bytes | None,
    watermark: bool,
    subject: str,
    seed: int,
) -> tuple[list[Box], Box | None, list[dict[str, Any]]]:
    """Draw what ``compose`` draws straight onto ``image`` (RGB, canvas-sized, owned by the caller).

    Returns the text boxes, the illustration's box and the layers; a photo wins over the illustration.
    """
    slot = layout.get('subject')
    plan = plan_photo(reference, layout=layout, text=text) if reference and slot else None
    if plan:  # the subject cut out and placed; the text, badges and arrows made to keep off its face
        layout, text = plan.layout, plan.text
        draw_photo_backdrop(image, plan)
    accents = layout.get('accents') or []
    drawn = draw_accents(image, accents, backdrop=True)
    subject_box = None
    if plan:
        draw_photo(image, plan, layout)
        drawn.append(('photo', plan.placement.bbox))
    elif reference and slot:  # nothing cut out cleanly: the photo framed in its slot
        draw_subject(image, slot, reference)
        drawn.append(('photo', _photo_box(slot)))
    elif subject and slot:
        subject_box = draw_illustration(image, slot, subject, layout=layout, text=text, seed=seed)
        if subject_box:
            drawn.append(('subject', subject_box))
    drawn += draw_accents(image, accents, backdrop=False, badge=text.badge)
    texts = draw_text_layer(image, layout, text)
    boxes = [box for kind, box in drawn if kind == 'label']
    for block in texts.values():
        boxes += block.boxes
    extra: dict[str, dict[str, Any]] = {
        'subject': {'name': subject, 'source': 'illustration'},
        'photo': photo_details(plan) if plan else {'source': 'upload', 'cutout': False},
        'badge': {'text': text.badge.strip()},
    }
    layers = [_layer(kind, box, **extra.get(kind, {})) for kind, box in drawn if kind != 'label']
    words = {'headline': text.headline, 'subtitle': text.subtitle}
    layers += [_text_layer(kind, block, words[kind]) for kind, block in texts.items()]
    if watermark:
        layers.append(_layer('watermark', draw_watermark(image)))
    return boxes, subject_box, layers


def _layer(kind: str, box: Box, **details: Any) -> dict[str, Any]:
    """One layer: its kind, its box as [x, y, w, h] clipped to the canvas, and what else describes it."""
    x0, y0 = min(max(0, box[0]), CANVAS_SIZE[0]), min(max(0, box[1]), CANVAS_SIZE[1])
    x1, y1 = min(max(x0, box[2]), CANVAS_SIZE[0]), min(max(y0, box[3]), CANVAS_SIZE[1])
    return {'kind': kind, 'bbox': [x0, y0, x1 - x0, y1 - y0], **details}


def _text_layer(kind: str, block: DrawnText, words: str) -> dict[str, Any]:
    inks = block.inks
    union = (min(b[0] for b in inks), min(b[1] for b in inks), max(b[2] for b in inks), max(b[3] for b in inks))
    return _layer(
        kind,
        union,
        text=words,
        lines=len(block.lines),
        font_px=block.size,
        cap_px=block.cap,
        outline_px=block.stroke,
        color=block.color,
        contrast=block.contrast,
    )


def _photo_box(slot: dict[str, Any]) -> Box:
    """Where ``draw_subject`` puts the photo: the slot, or a centred square of its smaller side for a circle."""
    x, y, w, h = (round(float(v)) for v in slot.get('box', (0, 0, 0, 0)))
    if slot.get('shape') == 'circle':
        side = min(w, h)
        x, y, w, h = x + (w - side) // 2, y + (h - side) // 2, side, side
    return x, y, x + max(0, w), y + max(0, h)


def finalise(image: Image.Image, *, max_bytes: int = MAX_JPEG_BYTES, master: bool = False) -> Finished:
    """Encode the upload JPEG (quality stepped down from 92 until ≤ ``max_bytes``), WebP preview and PNG master.

    The lossless master costs as much as everything else together, so it is only made when asked for (renders are
    deterministic: a download re-renders the same pixels from the stored recipe).
    """
    canvas = image.convert('RGB') if image.mode != 'RGB' else image
    if canvas.size != CANVAS_SIZE:
        canvas = cover(canvas, CANVAS_SIZE)
    if canvas.info:  # no ICC, EXIF or comments ride along from a decoded background; ``image`` is only read
        canvas = canvas.copy() if canvas is image else canvas
        canvas.info.clear()
    quality, jpeg = JPEG_START_QUALITY, _jpeg(canvas, JPEG_START_QUALITY)
    while len(jpeg) > max_bytes and quality > JPEG_MIN_QUALITY:
        quality = max(JPEG_MIN_QUALITY, quality - JPEG_STEP)
        jpeg = _jpeg(canvas, quality)
    factor = CANVAS_SIZE[0] // PREVIEW_SIZE[0]
    if (PREVIEW_SIZE[0] * factor, PREVIEW_SIZE[1] * factor) == CANVAS_SIZE:
        small = canvas.reduce(factor)  # an exact box filter, 3× faster than resize(BOX)
    else:
        small = canvas.resize(PREVIEW_SIZE, Image.Resampling.BOX)
    preview = io.BytesIO()
    small.save(preview, format='WEBP', quality=PREVIEW_QUALITY, method=1)
    return Finished(
        jpeg=jpeg, jpeg_quality=quality, preview=preview.getvalue(), png=encode_png(canvas) if master else None
    )


def fit_background(data: bytes) -> Image.Image:
    """Decode a provider's image (PNG/JPEG/WebP) and cover-crop it to exactly 1280×720 RGB, without metadata."""
    try:
        with Image.open(io.BytesIO(data), formats=['PNG', 'JPEG', 'WEBP']) as opened:
            opened.draft('RGB', CANVAS_SIZE)  # JPEG: decode at the smallest DCT scale still covering the canvas
            image = cover(ImageOps.exif_transpose(opened), CANVAS_SIZE)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ProviderUnavailable('provider.unreadable_image') from exc
    image.info.clear()  # the new image is ours: finalise then needs no copy to drop ICC, EXIF or comments
    if image.mode == 'RGBA':
        flat = Image.new('RGB', CANVAS_SIZE)
        flat.paste(image, (0, 0), image)
        return flat
    return image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    # baseline, unoptimised: 3× faster than progressive+optimize and still ~70 KB, far below YouTube's 2 MB
    image.save(out, format='JPEG', quality=quality, subsampling='4:2:0', exif=b'')
    return out.getvalue()
