"""Drawing primitives of the feed mockups: a canvas in logical (CSS) pixels at a device scale, mirrored for RTL pages.

Layouts are written left-to-right in logical pixels; ``Canvas`` scales every coordinate and, on a right-to-left page,
mirrors boxes horizontally. Text is shaped by raqm (``fonts.layout_engine``) and aligned by its own direction
(``dir="auto"`` as on YouTube): a Persian title is right-aligned even on an English page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

from routix.language import text_direction
from routix.render import fonts

Colour = tuple[int, int, int] | tuple[int, int, int, int]
ELLIPSIS = '…'


@dataclass(frozen=True, slots=True)
class Theme:
    """The colours of YouTube's light or dark web theme."""

    bg: Colour
    text: Colour
    secondary: Colour
    chip: Colour
    chip_active_bg: Colour
    chip_active_text: Colour
    border: Colour
    search_button: Colour


THEMES: dict[str, Theme] = {
    'light': Theme(
        bg=(255, 255, 255),
        text=(15, 15, 15),
        secondary=(96, 96, 96),
        chip=(242, 242, 242),
        chip_active_bg=(15, 15, 15),
        chip_active_text=(255, 255, 255),
        border=(211, 211, 211),
        search_button=(248, 248, 248),
    ),
    'dark': Theme(
        bg=(15, 15, 15),
        text=(241, 241, 241),
        secondary=(170, 170, 170),
        chip=(39, 39, 39),
        chip_active_bg=(241, 241, 241),
        chip_active_text=(15, 15, 15),
        border=(48, 48, 48),
        search_button=(34, 34, 34),
    ),
}


class Canvas:
    """An RGB image addressed in logical pixels (× ``scale``), mirrored horizontally when ``rtl``."""

    def __init__(self, width: int, height: int, *, scale: float, theme: Theme, rtl: bool) -> None:
        self.width, self.height, self.scale, self.theme, self.rtl = width, height, scale, theme, rtl
        self.image = Image.new('RGB', (self.px(width), self.px(height)), theme.bg[:3])
        self.draw = ImageDraw.Draw(self.image, 'RGBA')

    def px(self, value: float) -> int:
        """Logical pixels → device pixels."""
        return round(value * self.scale)

    def box(self, x: float, y: float, w: float, h: float) -> tuple[int, int, int, int]:
        """Device-pixel corners of a logical box, mirrored on a right-to-left page."""
        if self.rtl:
            x = self.width - x - w
        return self.px(x), self.px(y), self.px(x + w), self.px(y + h)

    def rect(self, x: float, y: float, w: float, h: float, fill: Colour, *, radius: float = 0) -> None:
        """A filled (rounded) rectangle."""
        self.draw.rounded_rectangle(self.box(x, y, w, h), radius=self.px(radius), fill=fill)

    def outline(self, x: float, y: float, w: float, h: float, colour: Colour, *, radius: float, width: float) -> None:
        """A rounded frame (the focus ring of the TV row)."""
        self.draw.rounded_rectangle(self.box(x, y, w, h), radius=self.px(radius), outline=colour, width=self.px(width))

    def circle(self, x: float, y: float, d: float, fill: Colour) -> None:
        """A filled circle of diameter ``d`` with its box's top-left at (x, y)."""
        self.draw.ellipse(self.box(x, y, d, d), fill=fill)

    def picture(self, image: Image.Image, x: float, y: float, w: float, h: float, *, radius: float = 0) -> None:
        """``image`` letterboxed (black bars, as YouTube shows a picture that is not 16:9) into a rounded box."""
        left, top, right, bottom = self.box(x, y, w, h)
        size = (right - left, bottom - top)
        tile = ImageOps.pad(image.convert('RGB'), size, method=Image.Resampling.LANCZOS, color=(0, 0, 0))
        mask = None
        if radius:
            mask = Image.new('L', size, 0)
            ImageDraw.Draw(mask).rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius=self.px(radius), fill=255)
        self.image.paste(tile, (left, top), mask)
        self.draw = ImageDraw.Draw(self.image, 'RGBA')

    def stamp(self, text: str, x: float, y: float, w: float, h: float, *, small: bool = False) -> None:
        """The duration stamp over the bottom-right corner of the thumbnail in box (x, y, w, h) — never mirrored."""
        font = ui_font('medium', self.px(11 if small else 12))
        pad, height, margin = (3, 16, 4) if small else (4, 18, 8)
        tw = font.getlength(text) / self.scale
        left = (self.width - x - w if self.rtl else x) + w - margin - tw - 2 * pad
        top = y + h - margin - height
        box = (self.px(left), self.px(top), self.px(left + tw + 2 * pad), self.px(top + height))
        self.draw.rounded_rectangle(box, radius=self.px(4), fill=(0, 0, 0, 204))
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        self.draw.text(centre, text, font=font, fill=(255, 255, 255), anchor='mm')

    def text(
        self,
        text: str,
        x: float,
        y: float,
        w: float,
        *,
        size: float,
        line: float,
        colour: Colour,
        weight: str = 'regular',
        lines: int = 1,
        centre: bool = False,
        own_direction: bool = True,
    ) -> float:
        """Wrapped text in the logical column (x, w) from ``y``, at most ``lines`` lines (the last ends in '…');
        returns the logical height used. ``own_direction``: aligned by the text's own direction (a title, as
        ``dir="auto"`` does), else by the page's (metadata lines)."""
        font = ui_font(weight, self.px(size))
        wrapped = wrap(text, font, self.px(w), lines)
        page = 'rtl' if self.rtl else 'ltr'
        right_aligned = (text_direction(text, fallback=page) if own_direction else page) == 'rtl'
        left, _top, right, _bottom = self.box(x, y, w, line)
        for i, row in enumerate(wrapped):
            baseline_mid = self.px(y + i * line + line / 2)
            direction = text_direction(row) if own_direction else page
            if centre:
                self.draw.text(
                    ((left + right) / 2, baseline_mid), row, font=font, fill=colour, anchor='mm', direction=direction
                )
            elif right_aligned:
                self.draw.text((right, baseline_mid), row, font=font, fill=colour, anchor='rm', direction=direction)
            else:
                self.draw.text((left, baseline_mid), row, font=font, fill=colour, anchor='lm', direction=direction)
        return len(wrapped) * line

    def dots(self, x: float, y: float, colour: Colour) -> None:
        """The vertical '⋮' menu of a card (three dots in a 24×24 box)."""
        for i in range(3):
            self.circle(x + 10, y + 5 + i * 6, 3.5, colour)

    def png(self) -> bytes:
        """The canvas as a PNG."""
        from io import BytesIO

        out = BytesIO()
        self.image.save(out, format='PNG', compress_level=3)
        return out.getvalue()


def wrap(text: str, font: fonts.Font, width: int, lines: int) -> list[str]:
    """Greedy word wrap into at most ``lines`` lines of ``width`` device pixels; a cut-off last line ends in '…'."""
    rows: list[str] = []
    current = ''
    cut = False
    for word in text.split():
        trial = f'{current} {word}'.strip()
        if not current or _length(font, trial) <= width:
            current = trial
            continue
        rows.append(current)
        current = word
        if len(rows) == lines:
            cut = True
            break
    else:
        if current:
            rows.append(current)
    if rows and (cut or _length(font, rows[-1]) > width):
        last = rows[-1]
        while last and _length(font, last + ELLIPSIS) > width:
            last = last[:-1].rstrip()
        rows[-1] = last + ELLIPSIS
    return rows


def _length(font: fonts.Font, text: str) -> float:
    return float(font.getlength(text, direction=text_direction(text)))


@lru_cache(maxsize=64)
def ui_font(weight: str, size: int) -> fonts.Font:
    """The interface face of the mockups: Vazirmatn Regular/Medium (Latin and Persian in one face), else the
    'body' face ``fonts.font_for`` picks for mixed text."""
    probe = fonts.font_for('body', 'بپگ Ag', size)
    path = getattr(probe, 'path', None)
    if isinstance(path, str) and os.path.basename(path).startswith('Vazirmatn-'):
        sibling = os.path.join(os.path.dirname(path), f'Vazirmatn-{"Medium" if weight == "medium" else "Regular"}.ttf')
        if os.path.exists(sibling):
            return ImageFont.truetype(sibling, size, layout_engine=fonts.layout_engine())
    return probe
