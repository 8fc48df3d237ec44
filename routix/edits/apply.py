"""Apply a TextEdit to a TextLayer: a new layer, clamped to sane limits."""

from __future__ import annotations

import dataclasses
from typing import Any

from routix.design.textlayer import TextLayer
from routix.edits.edit import MOVE_LIMIT, MOVE_STEP, OUTLINE_DEFAULT, OUTLINE_MAX, SCALE_MAX, SCALE_MIN, TextEdit
from routix.language import text_direction


def apply_edit(layer: TextLayer, edit: TextEdit) -> TextLayer:
    """A new TextLayer with the edit applied, clamped to sane limits; ``layer`` is not changed."""
    changes: dict[str, Any] = {}
    if edit.scale is not None:
        changes['scale'] = round(min(SCALE_MAX, max(SCALE_MIN, layer.scale * edit.scale)), 4)
    if edit.headline is not None:
        changes['headline'] = edit.headline
        changes['direction'] = text_direction(edit.headline, fallback=layer.direction)
    if edit.subtitle is not None:
        changes['subtitle'] = edit.subtitle
    if edit.color:
        changes['color'] = edit.color
    width = layer.outline_width
    if edit.outline_width is not None:
        width = edit.outline_width
    if edit.outline_step:
        width = width + edit.outline_step if width or edit.outline_step < 0 else OUTLINE_DEFAULT
    if edit.outline_color:
        changes['outline_color'] = edit.outline_color
        if not width and edit.outline_width is None:
            width = OUTLINE_DEFAULT  # asking for a red outline means wanting one
    changes['outline_width'] = min(OUTLINE_MAX, max(0, width))
    if edit.align:
        changes.update(_moved(layer, edit))
    if edit.uppercase is not None:
        changes['uppercase'] = edit.uppercase
    if edit.shadow is not None:
        changes['shadow'] = edit.shadow
    if edit.font_role:
        changes['font_role'] = edit.font_role
    if edit.badge is not None:
        changes['badge'] = edit.badge
    return dataclasses.replace(layer, **changes)


def _moved(layer: TextLayer, edit: TextEdit) -> dict[str, Any]:
    """'Move left' sends the text to the left side; once it is there (or for 'a bit left') it shifts 80 px."""
    if edit.align == 'center':
        return {'align': 'center', 'offset_x': 0}
    if edit.nudge or layer.align == edit.align:
        step = MOVE_STEP if edit.align == 'right' else -MOVE_STEP
        return {'offset_x': min(MOVE_LIMIT, max(-MOVE_LIMIT, layer.offset_x + step))}
    return {'align': edit.align, 'offset_x': 0}
