"""Persian headlines: right-aligned line by line, broken as one bidirectional paragraph (Latin names stay whole)."""

from __future__ import annotations

from typing import Any

import pytest

from routix.design.textlayer import TextLayer
from routix.render import compose, fonts, paint_background

PERSIAN = 'بهترین ترفندهای بازی که هیچ‌کس به شما نمی‌گوید'


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
