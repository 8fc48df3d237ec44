"""The editable headline/subtitle layer, stored as data on every generation."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(kw_only=True, slots=True)
class TextLayer:
    """Everything the renderer needs to draw the text; follow-up edits change only this."""

    headline: str
    subtitle: str = ''
    direction: str = 'ltr'  # ltr | rtl
    font_role: str = 'display'  # see vocabulary.FONT_ROLES
    color: str = '#ffffff'
    outline_color: str = '#000000'
    outline_width: int = 6  # px at full size; 0 = none
    shadow: bool = True
    subtitle_color: str = '#ffffff'
    scale: float = 1.0  # 'bigger text' raises it; the renderer caps the font size by scale × box fit
    align: str = 'left'  # left | center | right
    box: tuple[int, int, int, int] = (64, 120, 700, 360)  # headline box x, y, w, h on the 1280×720 canvas
    offset_x: int = 0  # 'move the text left/right' shifts the box, clamped to the safe area
    uppercase: bool = False
    max_lines: int = 3
    badge: str = ''  # the sticker's words, from the request and in the headline's language; '' draws no badge

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        data = asdict(self)
        data['box'] = list(self.box)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextLayer:
        """Rebuild from ``to_dict`` output, ignoring unknown keys."""
        names = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in names}
        if 'box' in values:
            values['box'] = tuple(values['box'])
        return cls(**values)
