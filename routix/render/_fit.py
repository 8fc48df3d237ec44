"""Auto-fit: the largest font size at which a text fits its box in balanced lines, or an ellipsis at the floor."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from PIL import ImageFont

from routix.render import fonts
from routix.render._color import RGBA, Box

ELLIPSIS = '…'
REF_SIZE = 100  # word widths are measured once at this size and scaled: advances are linear in the size
GALLOP = 3  # after a fit, at most this many sizes up are measured to find where the same line breaks overflow
GLUED_WORDS = 4  # a Latin/number run inside right-to-left text up to this many words never breaks ('iPhone 16 Pro')
LRM, ALM = '\u200e', '\u061c'  # invisible strong marks: a line's bidi context from the text before it


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
    min_stroke: int = 0  # an outline, when there is one, is at least this wide (the headline's: visible in the feed)


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
        self.words = units(content, direction) if content else ['']
        self.marks = _context_marks(self.words, direction)
        self.arabic = any(fonts.is_arabic(ch) for ch in content)
        self.content = content
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}
        self._bboxes: dict[tuple[int, str], Box] = {}  # (size, line) → ink box: measured once per fitter
        self._fit_upto: dict[tuple[tuple[int, int], ...], int] = {}  # breaks → largest size measured to fit
        self._overflow_from: dict[tuple[tuple[int, int], ...], int] = {}  # breaks → smallest measured to overflow
        self._scale = 1.0  # measured / guessed height of the latest fit
        ref = self.font(REF_SIZE)
        self.kw = shaping(ref, direction, language)
        key = tuple(sorted(self.kw.items()))
        self.advances = [_advance(ref, word, key) for word in self.words]
        self.space = _advance(ref, ' ', key)
        ascent, descent = ref.getmetrics() if hasattr(ref, 'getmetrics') else (REF_SIZE, 0)
        self.ink = ascent + descent  # a line's height at REF_SIZE, for guesses at a block's height

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        """The role's font for this content at ``size``."""
        font = self._fonts.get(size)
        if font is None:
            # only the last-resort built-in font is not a FreeTypeFont, and it measures through the same calls
            font = self._fonts[size] = cast(ImageFont.FreeTypeFont, fonts.font_for(self.style.role, self.content, size))
        return font

    def fit(self) -> FittedBlock:
        """The largest block that fits; at the floor size, a truncated one with an ellipsis."""
        floor = min(self.style.floor, max(6, int(self.height / (1.5 if self.arabic else 1.1))))
        size = self._search(floor, infer=True)
        best = self._try(size, self._limit(size)) if size else None
        if size and best is None:  # an inferred answer did not hold: search again, measuring every probe
            size = self._search(floor, infer=False)
            best = self._try(size, self._limit(size)) if size else None
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

    def _search(self, floor: int, *, infer: bool) -> int | None:
        """Binary search for the largest size that fits, between ``floor`` and the cap; None when none does."""
        low, high, best = floor, max(floor, self.style.cap), None
        while low <= high:
            mid = (low + high) // 2
            if self._fits(mid, high) if infer else self._try(mid, self._limit(mid)):
                best, low = mid, mid + 1
            else:
                high = mid - 1
        return best

    def _fits(self, size: int, high: int) -> bool:
        """Whether ``_try(size)`` succeeds: a probe of the binary search, answered without measuring where it can be.

        With the same line breaks a block only grows with the size, so one fit answers every smaller size with those
        breaks and one overflow every larger one. So the size these breaks likely fit up to is measured rather than
        ``size``, then the sizes after it up to the first overflow: that answers all probes at these breaks.
        """
        breaks = self._breaks(size)
        lines = len(breaks)
        if lines > self.style.max_lines or (lines - 1) * size > self.height:
            return False
        fits, overflows = self._fit_upto.get(breaks, 0), self._overflow_from.get(breaks, high + 1)
        if size <= fits or size >= overflows:
            return size <= fits
        top = min(overflows - 1, self.height // (lines - 1) if lines > 1 else high)
        top = _longest(top, lambda n: self._breaks(n) == breaks, size)  # breaks only ever change one way
        for probe in dict.fromkeys((self._guess(size, top, lines), size)):
            if self._probe(probe, breaks):
                self._gallop(probe, top, breaks)
                return True
        return False

    def _gallop(self, size: int, top: int, breaks: tuple[tuple[int, int], ...]) -> None:
        """After a fit at ``size``, measure larger sizes (guessed, at least one up) until the first overflow."""
        top = min(top, self._overflow_from.get(breaks, top + 1) - 1)
        for _ in range(GALLOP):
            size = max(size + 1, self._guess(size, top, len(breaks)))
            if size > top or not self._probe(size, breaks):
                return

    def _probe(self, size: int, breaks: tuple[tuple[int, int], ...]) -> bool:
        """Measure ``_try(size)`` and record what it says about every size with these ``breaks``."""
        block = self._try(size, self._limit(size))
        if block is None:
            self._overflow_from[breaks] = min(size, self._overflow_from.get(breaks, size))
            return False
        self._fit_upto[breaks] = max(size, self._fit_upto.get(breaks, 0))
        self._scale = block.height / max(1.0, self._tall(size, len(breaks)))  # corrects the next guesses
        return True

    def _guess(self, low: int, high: int, lines: int) -> int:
        """The largest size in low..high at which ``lines`` lines likely fit the height (``low`` if none)."""
        return _longest(high, lambda size: self._tall(size, lines) * self._scale <= self.height, low)

    def _tall(self, size: int, lines: int) -> float:
        """A rough height of ``lines`` lines at ``size``, from the font's ascent and descent."""
        stroke = stroke_for(size, self.style.outline_width, self.style.min_stroke)
        return (lines - 1) * self._pitch(size, stroke) + self.ink * size / REF_SIZE + 2 * stroke

    def _breaks(self, size: int) -> tuple[tuple[int, int], ...]:
        return tuple(_greedy(self.advances, self.space, self._limit(size)))

    def _limit(self, size: int) -> float:
        """The available width in reference-size units at ``size``, outline excluded."""
        return (self.width - 2 * stroke_for(size, self.style.outline_width, self.style.min_stroke)) * REF_SIZE / size

    def _try(self, size: int, limit: float) -> FittedBlock | None:
        breaks = _greedy(self.advances, self.space, limit)
        if len(breaks) > self.style.max_lines or (len(breaks) - 1) * size > self.height:
            return None
        lines = [self._line(a, b) for a, b in breaks]
        stroke = stroke_for(size, self.style.outline_width, self.style.min_stroke)
        pitch = self._pitch(size, stroke)
        # stop at the first line too wide or once the lines so far span too much: first and last bound the height
        order = (0, len(lines) - 1, *range(1, len(lines) - 1)) if len(lines) > 1 else (0,)
        top, bottom = math.inf, -math.inf
        for index in order:
            bb = self._bbox(lines[index], size, stroke)
            top, bottom = min(top, index * pitch + bb[1]), max(bottom, index * pitch + bb[3])
            if bb[2] - bb[0] > self.width or bottom - top > self.height:
                return None
        return self._measure(lines, size)  # every line is measured now: this only assembles the block

    def _measure(self, lines: list[str], size: int) -> FittedBlock:
        stroke = stroke_for(size, self.style.outline_width, self.style.min_stroke)
        pitch = self._pitch(size, stroke)
        bboxes = [self._bbox(line, size, stroke) for line in lines]
        top = min(i * pitch + bb[1] for i, bb in enumerate(bboxes))
        bottom = max(i * pitch + bb[3] for i, bb in enumerate(bboxes))
        width = max(bb[2] - bb[0] for bb in bboxes)
        return FittedBlock(
            lines=lines, size=size, stroke=stroke, pitch=pitch, bboxes=bboxes, width=width, height=bottom - top, top=top
        )

    def _line(self, start: int, end: int) -> str:
        """Units ``start``..``end`` as one line, after the mark that carries the paragraph's context into it."""
        return self.marks[start] + ' '.join(self.words[start:end])

    def _pitch(self, size: int, stroke: int) -> int:
        return round(size * (1.45 if self.arabic else 1.04)) + stroke

    def _bbox(self, line: str, size: int, stroke: int) -> Box:
        """``line``'s ink box at ``size`` (anchor 'ls', outline included), measured once per fitter."""
        box = self._bboxes.get((size, line))
        if box is None:
            left, top, right, bottom = self.font(size).getbbox(line, stroke_width=stroke, anchor='ls', **self.kw)
            box = self._bboxes[size, line] = (int(left), int(top), int(right), int(bottom))
        return box

    def _truncated(self, size: int) -> FittedBlock:
        breaks = _greedy(self.advances, self.space, self._limit(size))
        lines = [self._line(a, b) for a, b in breaks]
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
        font, stroke = self.font(size), stroke_for(size, self.style.outline_width, self.style.min_stroke)

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


def units(content: str, direction: str) -> list[str]:
    """The pieces lines break between: words, but a short Latin/number run inside right-to-left text stays whole.

    Lines break in logical (typed) order and raqm orders each line for display, so a name such as 'iPhone 16 Pro' or
    'Real Madrid' is only ever split when it alone is longer than ``GLUED_WORDS`` words.
    """
    words = content.split(' ')
    if direction != 'rtl':
        return words
    pieces: list[str] = []
    run: list[str] = []
    for word in [*words, '']:  # the empty sentinel ends the last run
        if word and not any(fonts.is_arabic(ch) for ch in word) and any(ch.isalnum() for ch in word):
            run.append(word)
            continue
        if run:
            pieces.extend([' '.join(run)] if len(run) <= GLUED_WORDS else run)
            run = []
        if word:
            pieces.append(word)
    return pieces


def _context_marks(pieces: list[str], direction: str) -> list[str]:
    """Per piece, the mark a line starting there needs so the bidi algorithm sees the text before it.

    raqm resolves each line on its own: a line '16 Pro …' of a right-to-left paragraph would lose the Latin 'iPhone'
    before it and show as 'Pro 16'. A left-to-right mark (or an Arabic letter mark in left-to-right text) stands in
    for the last strong letter before the line; it has no width and no ink.
    """
    marks, last = [], ''
    for piece in pieces:
        marks.append(LRM if direction == 'rtl' and last == 'L' else ALM if direction != 'rtl' and last == 'R' else '')
        for ch in reversed(piece):
            if ch.isalpha():
                last = 'R' if fonts.is_arabic(ch) else 'L'
                break
    return marks


def _longest(high: int, fits: Callable[[int], bool], low: int = 0) -> int:
    """The largest n in low..high with fits(n), assuming fits is monotone (low when none fits)."""
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


def stroke_for(size: int, width: int, floor: int = 0) -> int:
    """Outline px at ``size``: the requested width, thinned for small text so letters stay open, never below ``floor``
    (no outline stays none)."""
    return 0 if width <= 0 else max(floor, min(width, max(1, round(size * 0.09))))


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
