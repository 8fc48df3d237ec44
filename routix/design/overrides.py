"""Per-version layout overrides as pure functions on a template's layout dict: swap sides, move the subject slot.

A version may mirror its template (subject and accents change sides, e.g. for a right-to-left language version) and
may put its subject slot somewhere else; both are stored on the generation (``match['mirrored']``,
``match['subject_box']``) and applied here to the layout every render of that version draws.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from routix.design.textlayer import TextLayer
from routix.vocabulary import CANVAS_SIZE

_SIDES = {'left': 'right', 'right': 'left'}


def overridden_layout(
    layout: dict[str, Any], *, mirrored: bool = False, subject_box: tuple[int, int, int, int] | None = None
) -> dict[str, Any]:
    """``layout`` mirrored and/or with its subject slot moved; the same dict when neither applies."""
    if mirrored:
        layout = mirror_layout(layout)
    if subject_box is not None and layout.get('subject'):
        layout = with_subject_box(layout, subject_box)
    return layout


def mirror_layout(layout: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``layout`` flipped left↔right: every box, arrow end and left/right alignment."""
    result = copy.deepcopy(layout)
    for part in ('headline', 'subtitle', 'subject'):
        spec = result.get(part)
        if isinstance(spec, dict):
            _mirror_spec(spec)
    for accent in result.get('accents') or []:
        _mirror_spec(accent)
        for end in ('from', 'to'):
            if end in accent:
                x, *rest = accent[end]
                accent[end] = [CANVAS_SIZE[0] - x, *rest]
    if 'safe_area' in result:
        result['safe_area'] = list(mirror_box(result['safe_area']))
    return result


def with_subject_box(layout: dict[str, Any], box: tuple[int, int, int, int]) -> dict[str, Any]:
    """A copy of ``layout`` whose subject slot is ``box`` (x, y, w, h), clamped onto the canvas and marked as placed
    by the creator (the illustration is drawn there as it is, not fitted around the text)."""
    result = dict(layout)
    result['subject'] = {**layout['subject'], 'box': list(clamp_box(box)), 'placed': True}
    return result


def mirror_text_layer(layer: TextLayer) -> TextLayer:
    """The text layer on the other side: its box mirrored, left/right alignment and offset swapped."""
    return dataclasses.replace(
        layer, box=mirror_box(layer.box), align=_SIDES.get(layer.align, layer.align), offset_x=-layer.offset_x
    )


def mirror_box(box: Any) -> tuple[int, int, int, int]:
    """(x, y, w, h) reflected across the canvas's vertical centre line."""
    x, y, w, h = (int(v) for v in box)
    return CANVAS_SIZE[0] - x - w, y, w, h


def clamp_box(box: Any) -> tuple[int, int, int, int]:
    """(x, y, w, h) moved (never resized, unless larger than the canvas) to lie on the canvas."""
    x, y, w, h = (int(v) for v in box)
    w, h = min(max(1, w), CANVAS_SIZE[0]), min(max(1, h), CANVAS_SIZE[1])
    return min(max(0, x), CANVAS_SIZE[0] - w), min(max(0, y), CANVAS_SIZE[1] - h), w, h


def _mirror_spec(spec: dict[str, Any]) -> None:
    if 'box' in spec:
        spec['box'] = list(mirror_box(spec['box']))
    if spec.get('align') in _SIDES:
        spec['align'] = _SIDES[spec['align']]


def dressed_for(layer: TextLayer, headline_spec: dict[str, Any], *, mirrored: bool = False) -> TextLayer:
    """The text layer moved into another template's headline slot: its box, alignment, font and line count, with the
    words, colours, outline and scale kept. Right-to-left text keeps a right alignment, as a first render would."""
    align = str(headline_spec.get('align', layer.align))
    if layer.direction == 'rtl' and align == 'left':
        align = 'right'
    x, y, w, h = (int(v) for v in headline_spec['box'])
    moved = dataclasses.replace(
        layer,
        box=(x, y, w, h),
        align=align,
        offset_x=0,
        font_role=str(headline_spec.get('font_role', layer.font_role)),
        max_lines=int(headline_spec.get('max_lines', layer.max_lines)),
    )
    return mirror_text_layer(moved) if mirrored else moved
