"""Persian headlines: right-aligned line by line, broken as one bidirectional paragraph (Latin names stay whole)."""

from __future__ import annotations

from typing import Any

import pytest

from routix.design.textlayer import TextLayer
from routix.render import compose, fonts, paint_background
from routix.render._fit import Fitter, TextStyle

PERSIAN = 'بهترین ترفندهای بازی که هیچ‌کس به شما نمی‌گوید'
IPHONE = 'بررسی کامل و صادقانه گوشی iPhone 16 Pro بعد از یک ماه'
MADRID = 'پیروزی دراماتیک Real Madrid در فینال لیگ قهرمانان اروپا'
MARKS = '\u200e\u200f\u061c'  # LRM, RLM, ALM: invisible, they only tell the bidi algorithm a line's context


def _layout() -> dict[str, Any]:
    return {
        'background': {'kind': 'solid', 'colors': ['#101820']},
        'headline': {'box': [100, 150, 800, 420]},
        'accents': [],
        'safe_area': [48, 40, 1184, 640],
    }


def _headline_boxes(text: TextLayer) -> list[tuple[int, int, int, int]]:
    layout = _layout()
    background = paint_background(layout=layout, palette=['#101820', '#ffffff'], seed=1)
    return compose(background=background, layout=layout, text=text).text_boxes


def _skip_without_shaping() -> None:
    if not fonts.has_raqm():
        pytest.skip('Pillow has no libraqm here: Persian cannot be shaped')
    if not fonts.font_report()['roles']['display']['arabic'].endswith(('.ttf', '.otf')):
        pytest.skip('no Arabic-capable font installed')


@pytest.mark.parametrize('align', ['right', 'left'])  # 'left' on right-to-left text is the reading start: right
@pytest.mark.parametrize('shadow', [False, True])
def test_every_line_of_a_persian_headline_ends_at_the_right_edge(align: str, shadow: bool) -> None:
    _skip_without_shaping()
    text = TextLayer(headline=PERSIAN, direction='rtl', align=align, shadow=shadow, box=(100, 150, 800, 420))
    boxes = _headline_boxes(text)
    assert len(boxes) >= 2, 'the headline should take several lines in this box'
    assert [box[2] for box in boxes] == [900] * len(boxes)


def test_a_centred_persian_headline_stays_centred() -> None:
    _skip_without_shaping()
    text = TextLayer(headline=PERSIAN, direction='rtl', align='center', shadow=False, box=(100, 150, 800, 420))
    for box in _headline_boxes(text):
        assert abs((box[0] + box[2]) / 2 - 500) <= 1


def _lines(headline: str, width: int, *, direction: str = 'rtl', max_lines: int = 3) -> list[str]:
    style = TextStyle(
        role='display',
        color=(255, 255, 255, 255),
        outline_width=6,
        outline_color=(0, 0, 0, 255),
        shadow=None,
        align='right',
        uppercase=False,
        max_lines=max_lines,
        cap=160,
        floor=28,
    )
    language = 'fa' if direction == 'rtl' else None
    lines = Fitter(headline, style, (0, 0, width, 420), direction, language).fit().lines
    return [line.strip(MARKS) for line in lines]


@pytest.mark.parametrize('width', range(260, 1101, 70))
def test_a_latin_name_inside_persian_stays_on_one_line_in_typed_order(width: int) -> None:
    _skip_without_shaping()
    lines = _lines(IPHONE, width)
    assert len(lines) > 1
    assert sum('iPhone 16 Pro' in line for line in lines) == 1, lines
    assert ' '.join(lines) == IPHONE  # logical (typed) order: raqm orders each line for display


@pytest.mark.parametrize('width', range(260, 1101, 70))
def test_real_madrid_is_never_split(width: int) -> None:
    _skip_without_shaping()
    lines = _lines(MADRID, width)
    assert not any(line.endswith('Real') for line in lines), lines
    assert sum('Real Madrid' in line for line in lines) == 1, lines


def test_a_line_broken_out_of_a_long_latin_run_keeps_its_order() -> None:
    """A run too long to keep whole may break, but every line keeps its bidi context: '16 Pro' never reads 'Pro 16'."""
    _skip_without_shaping()
    headline = 'نقد کامل Samsung Galaxy S25 Ultra 16 Pro Max 2025 بعد از یک ماه'
    latin_lines = 0
    for width in range(300, 701, 50):
        style = TextStyle(
            role='display',
            color=(255, 255, 255, 255),
            outline_width=0,
            outline_color=(0, 0, 0, 255),
            shadow=None,
            align='right',
            uppercase=False,
            max_lines=4,
            cap=90,
            floor=28,
        )
        fitter = Fitter(headline, style, (0, 0, width, 600), 'rtl', 'fa')
        block = fitter.fit()
        font = fitter.font(block.size)
        for line in block.lines:
            bare = line.strip(MARKS)
            if any(fonts.is_arabic(ch) for ch in bare):
                continue
            latin_lines += 1  # all Latin and digits: it must look exactly as the same words set left to right
            assert _drawn(font, line, 'rtl') == _drawn(font, bare, 'ltr'), line
    assert latin_lines, 'no width broke the Latin run onto a line of its own'


def _drawn(font: Any, line: str, direction: str) -> bytes:
    from PIL import Image, ImageDraw

    canvas = Image.new('L', (1400, 200))
    ImageDraw.Draw(canvas).text((20, 150), line, font=font, fill=255, anchor='ls', direction=direction)
    box = canvas.getbbox()
    return canvas.crop(box).tobytes() if box else b''
