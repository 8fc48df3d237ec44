"""Auto-fit: the largest font size at which a text fits its box in balanced lines, or an ellipsis at the floor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import ImageFont

from routix import fonts
from routix.render_color import RGBA, Box

ELLIPSIS = '…'
REF_SIZE = 100  # word widths are measured once at this size and scaled: advances are linear in the size


@dataclass(kw_only=True, slots=True)
class Shadow:
    """A drop shadow: offset, colour (alpha used) and Gaussian blur radius."""

    dx: int
    dy: int
    color: RGBA
    blur: int


@dataclass(kw_only=True, slots=True)
class TextStyle:
    """How one block of text is drawn and how large it may get."""

    role: str
    color: RGBA
    outline_width: int
    outline_color: RGBA
    shadow: Shadow | None
    align: str
    uppercase: bool
    max_lines: int
    cap: int
    floor: int


@dataclass(kw_only=True, slots=True)
class FittedBlock:
    """Lines at one size, measured: what ``Fitter.fit`` returns."""

    lines: list[str]
    size: int
    stroke: int
    pitch: int
    bboxes: list[Box]  # per line, relative to that line's baseline origin (anchor 'ls'), stroke included
    width: int
    height: int
    top: int  # ink top relative to the first baseline


class Fitter:
    """Finds the largest size at which ``content`` fits ``avail`` in at most ``max_lines`` balanced lines."""

    def __init__(self, content: str, style: TextStyle, avail: Box, direction: str, language: str | None) -> None:
        self.style, self.avail = style, avail
        self.width, self.height = avail[2] - avail[0], avail[3] - avail[1]
        self.words = content.split(' ') if content else ['']
        self.arabic = any(fonts.is_arabic(ch) for ch in content)
        self.content = content
        ref = self.font(REF_SIZE)
        self.kw = shaping(ref, direction, language)
        key = tuple(sorted(self.kw.items()))
        self.advances = [_advance(ref, word, key) for word in self.words]
        self.space = _advance(ref, ' ', key)

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        """The role's font for this content at ``size``."""
        return fonts.font_for(self.style.role, self.content, size)  # type: ignore[return-value]

    def fit(self) -> FittedBlock:
        """The largest block that fits; at the floor size, a truncated one with an ellipsis."""
        floor = min(self.style.floor, max(6, int(self.height / (1.5 if self.arabic else 1.1))))
        low, high, best = floor, max(floor, self.style.cap), None
        while low <= high:
            mid = (low + high) // 2
            block = self._try(mid, self._limit(mid))
            if block:
                best, low = block, mid + 1
            else:
                high = mid - 1
        if best is None:
            return self._truncated(floor)
        if len(best.lines) > 1:  # balance: the narrowest width that still needs no more lines
            narrow, wide = max(self.advances), self._limit(best.size)
            for _ in range(10):
                middle = (narrow + wide) / 2
                if len(_greedy(self.advances, self.space, middle)) <= len(best.lines):
                    wide = middle
                else:
                    narrow = middle
            best = self._try(best.size, wide) or best
        return best

    def _limit(self, size: int) -> float:
        """The available width in reference-size units at ``size``, outline excluded."""
        return (self.width - 2 * stroke_for(size, self.style.outline_width)) * REF_SIZE / size

    def _try(self, size: int, limit: float) -> FittedBlock | None:
        breaks = _greedy(self.advances, self.space, limit)
        if len(breaks) > self.style.max_lines or (len(breaks) - 1) * size > self.height:
            return None
        block = self._measure([' '.join(self.words[a:b]) for a, b in breaks], size)
        return block if block.width <= self.width and block.height <= self.height else None

    def _measure(self, lines: list[str], size: int) -> FittedBlock:
        font, stroke = self.font(size), stroke_for(size, self.style.outline_width)
        pitch = round(size * (1.45 if self.arabic else 1.04)) + stroke
        bboxes = [
            tuple(int(v) for v in font.getbbox(line, stroke_width=stroke, anchor='ls', **self.kw)) for line in lines
        ]
        top = min(i * pitch + bb[1] for i, bb in enumerate(bboxes))
        bottom = max(i * pitch + bb[3] for i, bb in enumerate(bboxes))
        width = max(bb[2] - bb[0] for bb in bboxes)
        return FittedBlock(
            lines=lines,
            size=size,
            stroke=stroke,
            pitch=pitch,
            bboxes=bboxes,  # type: ignore[arg-type]
            width=width,
            height=bottom - top,
            top=top,
        )

    def _truncated(self, size: int) -> FittedBlock:
        breaks = _greedy(self.advances, self.space, self._limit(size))
        lines = [' '.join(self.words[a:b]) for a, b in breaks]
        for count in range(min(self.style.max_lines, len(lines)), 0, -1):
            kept = [self._ellipsize(line, size, cut=False) for line in lines[:count]]
            if count < len(lines):
                kept[-1] = self._ellipsize(kept[-1].removesuffix(ELLIPSIS), size, cut=True)
            block = self._measure(kept, size)
            if block.height <= self.height or count == 1:
                break
        while block.height > self.height and size > 6:  # a box too short for even one line at the floor
            size -= 1
            block = self._measure(block.lines, size)
        return block

    def _ellipsize(self, line: str, size: int, *, cut: bool) -> str:
        """The longest start of ``line`` (whole words if any fit, else letters) that fits, plus an ellipsis."""
        font, stroke = self.font(size), stroke_for(size, self.style.outline_width)

        def fits(candidate: str) -> bool:
            box = font.getbbox(candidate, stroke_width=stroke, anchor='ls', **self.kw)
            return box[2] - box[0] <= self.width

        if fits(line + ELLIPSIS if cut else line):
            return line + ELLIPSIS if cut else line
        words = line.split(' ')
        count = _longest(len(words) - 1, lambda n: fits(' '.join(words[:n]) + ELLIPSIS))
        if count:
            return ' '.join(words[:count]) + ELLIPSIS
        letters = _longest(len(words[0]) - 1, lambda n: fits(words[0][:n] + ELLIPSIS))
        return words[0][:letters] + ELLIPSIS


def _longest(high: int, fits: Callable[[int], bool]) -> int:
    """The largest n in 0..high with fits(n), assuming fits is monotone (0 when none fits)."""
    low = 0
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


def _greedy(advances: list[float], space: float, limit: float) -> list[tuple[int, int]]:
    """Word ranges per line, filling each line up to ``limit`` (a word wider than that gets a line alone)."""
    lines, start, width = [], 0, 0.0
    for index, advance in enumerate(advances):
        if index > start and width + space + advance > limit:
            lines.append((start, index))
            start, width = index, advance
        else:
            width = advance if index == start else width + space + advance
    lines.append((start, len(advances)))
    return lines


@lru_cache(maxsize=8192)
def _advance(font: ImageFont.FreeTypeFont, word: str, kw: tuple[tuple[str, Any], ...]) -> float:
    return float(font.getlength(word, **dict(kw))) if word else 0.0


def stroke_for(size: int, width: int) -> int:
    """Outline px at ``size``: the requested width, thinned for small text so letters stay open."""
    return 0 if width <= 0 else min(width, max(1, round(size * 0.09)))


def shaping(font: fonts.Font, direction: str | None, language: str | None) -> dict[str, Any]:
    """draw.text keywords for raqm (direction, language); empty for the BASIC engine, which rejects them."""
    if getattr(font, 'layout_engine', None) != ImageFont.Layout.RAQM:
        return {}
    kw: dict[str, Any] = {'direction': direction} if direction else {}
    if language:
        kw['language'] = language
    return kw


def first_strong_is_arabic(text: str) -> bool:
    for ch in text:
        if fonts.is_arabic(ch) and ch.isalpha():
            return True
        if ch.isalpha():
            return False
    return False
