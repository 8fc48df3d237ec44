"""An understood edit (text-layer and picture parts) turned into a ``RecipeChange`` against the current version."""

from __future__ import annotations

import dataclasses
from typing import Any

from routix.design.overrides import clamp_box, mirror_box
from routix.design.templates import TemplateSpec
from routix.design.textlayer import TextLayer
from routix.edits import scene_data as d
from routix.edits.apply import apply_edit
from routix.edits.change import NEUTRAL_ADJUST, RecipeChange, normal_adjust
from routix.edits.edit import TextEdit
from routix.edits.scene import SceneEdit
from routix.vocabulary import CANVAS_SIZE

SAFE = (48, 40, 1232, 680)  # x0, y0, x1, y1: where moved boxes may go (inside YouTube's usual safe margins)
TEXT_BAND = 0.45
MIN_SHIFT = 24  # px: a move the text would make less than this is no move
OTHER_BACKGROUNDS = ('#101820', '#1e3a8a', '#7f1d1d', '#064e3b', '#4c1d95', '#f5f5f4')


def plan_change(
    *,
    text: TextEdit | None,
    scene: SceneEdit | None,
    layer: TextLayer,
    match: dict[str, Any],
    spec: TemplateSpec,
    other_templates: list[str],
    upload_id: int | None = None,
) -> RecipeChange:
    """The change ``text`` and ``scene`` ask of a version drawn from ``layer``, ``match`` and ``spec``.

    ``other_templates`` are slugs a 'try another layout' may switch to, best first; ``upload_id`` is the photo that
    came with the message.
    """
    scene = scene or SceneEdit()
    new_layer = layer
    if text is not None:
        new_layer = apply_edit(layer, text)
        if text.align and new_layer.align == layer.align and abs(_left(layer) - _left(new_layer)) < MIN_SHIFT:
            new_layer = dataclasses.replace(new_layer, offset_x=layer.offset_x)  # already at that edge: no claim
        if text.scale is not None and text.scale > 1:
            new_layer = dataclasses.replace(new_layer, box=_grown(layer.box, text.scale, layer.align))
    if scene.text_move:
        new_layer = dataclasses.replace(new_layer, box=_moved_to(new_layer.box, scene.text_move, text=True))
    if scene.badge is not None:
        new_layer = dataclasses.replace(new_layer, badge=scene.badge)
    palette = list(match.get('palette') or spec.palette)
    adjust = {**NEUTRAL_ADJUST, **(match.get('adjust') or {})}
    values: dict[str, Any] = {}
    if new_layer != layer:
        values['text_layer'] = new_layer
    if scene.background or scene.accent_color:
        values['palette'] = _palette(palette, scene)
    if scene.background in ('darker', 'lighter', 'blur', 'sharp') or scene.contrast or scene.saturation:
        values['adjust'] = normal_adjust(_adjusted(adjust, scene))
    if scene.swap:
        values['mirrored'] = not bool(match.get('mirrored'))
    if scene.template:
        current = spec.slug
        wanted = (
            scene.template
            if scene.template != 'another'
            else next((slug for slug in other_templates if slug != current), current)
        )
        if wanted != current:
            values['template_slug'] = wanted
    if scene.subject is not None:
        values['subject'] = scene.subject
    if scene.subject_move:
        values['subject_box'] = _moved_to(_subject_box(match, spec), scene.subject_move)
    if scene.photo and upload_id is not None:
        values['upload_id'] = upload_id
    return RecipeChange(**values)


def _palette(palette: list[str], scene: SceneEdit) -> list[str]:
    result = list(palette)
    if scene.background and scene.background.startswith('#'):
        result[0] = scene.background
    elif scene.background == 'another':
        result[0] = next(c for c in OTHER_BACKGROUNDS if c != result[0].lower())
    if scene.accent_color:
        result[1:] = [scene.accent_color] * max(1, len(result) - 1)
    return result


def _adjusted(adjust: dict[str, float], scene: SceneEdit) -> dict[str, float]:
    result = dict(adjust)
    if scene.background == 'darker':
        result['brightness'] = max(0.2, result['brightness'] * d.BRIGHTNESS_STEP)
    elif scene.background == 'lighter':
        result['brightness'] = min(3.0, result['brightness'] / d.BRIGHTNESS_STEP)
    elif scene.background == 'blur':
        result['blur'] = min(40.0, result['blur'] + d.BLUR_STEP)
    elif scene.background == 'sharp':
        result['blur'] = 0.0
    if scene.contrast:
        step = d.CONTRAST_STEP if scene.contrast > 0 else 1 / d.CONTRAST_STEP
        result['contrast'] = min(3.0, max(0.3, result['contrast'] * step))
    if scene.saturation:
        step = d.SATURATION_STEP if scene.saturation > 0 else 1 / d.SATURATION_STEP
        result['saturation'] = min(3.0, max(0.0, result['saturation'] * step))
    return result


def _grown(box: tuple[int, int, int, int], factor: float, align: str) -> tuple[int, int, int, int]:
    """'Bigger text' also gives the text more room (kept on the side it is aligned to and inside the safe area):
    a headline that already filled its box's width would otherwise come out the same size."""
    x, y, w, h = box
    width = min(SAFE[2] - SAFE[0], round(w * factor))
    height = min(SAFE[3] - SAFE[1], round(h * factor))
    if align == 'right':
        x = x + w - width
    elif align == 'center':
        x = x + (w - width) // 2
    y = y + (h - height) // 2
    x = min(max(SAFE[0], x), SAFE[2] - width)
    y = min(max(SAFE[1], y), SAFE[3] - height)
    return x, y, width, height


def _moved_to(box: tuple[int, int, int, int], side: str, *, text: bool = False) -> tuple[int, int, int, int]:
    """``box`` pushed to one side of the safe area (its size kept; a text box moved up or down is at most
    ``TEXT_BAND`` of the safe height, since text is centred in its box and a tall box would hardly move it)."""
    x, y, w, h = box
    if text and side in ('top', 'bottom'):
        h = min(h, round((SAFE[3] - SAFE[1]) * TEXT_BAND))
    if side == 'left':
        x = SAFE[0]
    elif side == 'right':
        x = SAFE[2] - w
    elif side == 'top':
        y = SAFE[1]
    elif side == 'bottom':
        y = SAFE[3] - h
    return clamp_box((x, y, w, h))


def _left(layer: TextLayer) -> int:
    """Where the text box's left edge lands once the renderer clamps it into the safe area."""
    x, _, w, _ = layer.box
    w = min(w, SAFE[2] - SAFE[0])
    return min(max(x + layer.offset_x, SAFE[0]), SAFE[2] - w)


def _subject_box(match: dict[str, Any], spec: TemplateSpec) -> tuple[int, int, int, int]:
    if match.get('subject_box'):
        x, y, w, h = (int(v) for v in match['subject_box'])
        return x, y, w, h
    slot = spec.layout.get('subject') or {'box': [CANVAS_SIZE[0] // 2, 60, 500, 560]}
    box = tuple(int(v) for v in slot['box'])
    x, y, w, h = mirror_box(box) if match.get('mirrored') else box
    return x, y, w, h
