"""The explained thumbnail check: every rule meets an image built to fail it, and one built to pass them all."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from skimage import data as samples

from routix.check import PARTS, check_image

W, H = 1280, 720


def _encode(image: Image.Image, fmt: str = 'JPEG') -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **({'quality': 90} if fmt == 'JPEG' else {}))
    return out.getvalue()


def _canvas(color: str = '#1d2233', size: tuple[int, int] = (W, H)) -> Image.Image:
    return Image.new('RGB', size, color)


def _text(image: Image.Image, xy: tuple[int, int], words: str, size: int, fill: str = 'white') -> None:
    ImageDraw.Draw(image).text(xy, words, font=ImageFont.load_default(size), fill=fill)


def _good() -> Image.Image:
    """A thumbnail that passes: a big white headline on the left, one big red subject on the right."""
    image = _canvas()
    _text(image, (60, 200), 'BIG TEXT HERE', 110)
    ImageDraw.Draw(image).ellipse((800, 150, 1150, 500), fill='#e43')
    return image


def _failing(data: bytes, **kwargs: Any) -> set[str]:
    report = check_image(data, **kwargs)
    return {name for name, part in report.parts.items() if not part.ok}


def test_a_well_built_thumbnail_passes_every_part_with_a_sentence_in_both_languages() -> None:
    report = check_image(_encode(_good()))
    assert report.ok, report.text()
    assert tuple(report.parts) == PARTS
    english, persian = report.to_dict('en'), report.to_dict('fa')
    assert english['ok'] is True and set(english['parts']) == set(PARTS)
    legibility = english['parts']['legibility']
    assert legibility['value']['cap_px_at_168'] >= 5 and legibility['value']['source'] == 'pixels'
    assert 'reads at 168×94' in legibility['message']
    for name in PARTS:
        assert persian['parts'][name]['message'] != english['parts'][name]['message']
        assert any('\u0600' <= ch <= '\u06ff' for ch in persian['parts'][name]['message'])
    json.dumps(english)  # every value is plain JSON


@pytest.mark.parametrize(
    ('image', 'fmt', 'code'),
    [
        ((1000, 1000), 'PNG', 'spec.ratio'),
        ((560, 315), 'JPEG', 'spec.small'),
        ((W, H), 'WEBP', 'spec.format'),
    ],
)
def test_spec_fails_a_wrong_shape_size_or_format(image: tuple[int, int], fmt: str, code: str) -> None:
    picture = _good().resize(image)
    report = check_image(_encode(picture, fmt))
    assert not report.parts['spec'].ok and report.parts['spec'].code == code
    assert report.parts['spec'].value['width'] == image[0] and report.parts['spec'].value['format'] == fmt


def test_spec_fails_over_2_mb_and_says_desktop_takes_larger_files() -> None:
    noise = np.random.default_rng(1).integers(0, 256, (H, W, 3), dtype=np.uint8)
    data = _encode(Image.fromarray(noise), 'PNG')
    assert len(data) > 2 * 1024 * 1024
    part = check_image(data).parts['spec']
    assert not part.ok and part.code == 'spec.bytes'
    assert 'desktop accepts larger files' in part.message('en')
    assert check_image(_encode(_good())).parts['spec'].message('en').endswith('(desktop accepts larger files).')


def test_legibility_fails_small_text_on_the_pixels() -> None:
    image = _canvas()
    _text(image, (60, 300), 'tiny words nobody reads in the sidebar', 22)
    ImageDraw.Draw(image).ellipse((800, 150, 1150, 500), fill='#e43')
    part = check_image(_encode(image)).parts['legibility']
    assert not part.ok and part.code == 'legibility.small', part
    assert part.value['cap_px_at_168'] < 5


def test_legibility_fails_big_text_that_barely_differs_from_its_background() -> None:
    image = _canvas('#6a6a6a')
    _text(image, (60, 200), 'BIG GREY TEXT', 110, fill='#858585')
    part = check_image(_encode(image, 'PNG')).parts['legibility']
    assert not part.ok and part.code == 'legibility.faint', part
    assert part.value['contrast'] < 3


def test_contrast_fails_a_flat_picture() -> None:
    image = _canvas('#808080')
    ImageDraw.Draw(image).ellipse((400, 100, 900, 600), fill='#8e8e8e')
    part = check_image(_encode(image)).parts['contrast']
    assert not part.ok and part.code == 'contrast.flat' and part.value < 35
    assert check_image(_encode(_good())).parts['contrast'].ok


def test_timestamp_zone_fails_text_under_the_duration_stamp() -> None:
    image = _good()
    _text(image, (1040, 630), 'NEW 2026', 40)
    part = check_image(_encode(image)).parts['timestamp_zone']
    assert not part.ok and part.code == 'timestamp_zone.text' and part.value['text'] >= 1


def test_timestamp_zone_fails_a_face_under_the_duration_stamp_and_passes_it_elsewhere() -> None:
    # the astronaut at 576 px has a 113 px face; the Haar cascades find it at these two places (test_faces.py's setup)
    astronaut = Image.fromarray(samples.astronaut()).resize((576, 576))
    corner, centre = _canvas('#5a646e'), _canvas('#5a646e')
    corner.paste(astronaut, (847, 521))
    centre.paste(astronaut, (128, 72))
    failing = check_image(_encode(corner)).parts['timestamp_zone']
    assert not failing.ok and failing.code == 'timestamp_zone.face', failing
    passing = check_image(_encode(centre))
    assert passing.parts['timestamp_zone'].ok
    assert passing.parts['focus'].ok and passing.parts['focus'].value['kind'] == 'face'


def test_focus_fails_without_a_subject_with_a_small_one_and_with_two_alike() -> None:
    assert check_image(_encode(_canvas())).parts['focus'].code == 'focus.none'
    small = _canvas()
    ImageDraw.Draw(small).ellipse((600, 300, 700, 400), fill='#e43')
    assert check_image(_encode(small)).parts['focus'].code == 'focus.small'
    twins = _canvas()
    ImageDraw.Draw(twins).ellipse((100, 150, 500, 550), fill='#e43')
    ImageDraw.Draw(twins).ellipse((750, 150, 1150, 550), fill='#3e4')
    part = check_image(_encode(twins)).parts['focus']
    assert not part.ok and part.code == 'focus.competing'


def test_clutter_fails_a_picture_of_many_separate_things() -> None:
    image = _canvas()
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x, y = 60 + (i % 6) * 200, 120 + (i // 6) * 260
        draw.rectangle((x, y, x + 120, y + 120), fill=('#e43', '#3e4', '#fd0')[i % 3])
    part = check_image(_encode(image)).parts['clutter']
    assert not part.ok and part.code == 'clutter.busy' and part.value >= 12
    assert check_image(_encode(_good())).parts['clutter'].ok


def _layers(headline: str, *, cap_px: float = 70, contrast: float = 12, bbox: list[int] | None = None) -> list[dict]:
    return [
        {
            'kind': 'headline',
            'bbox': bbox or [60, 200, 600, 200],
            'text': headline,
            'cap_px': cap_px,
            'contrast': contrast,
        },
        {'kind': 'subject', 'bbox': [800, 150, 350, 350], 'name': 'mouse', 'source': 'illustration'},
        {'kind': 'watermark', 'bbox': [18, 690, 80, 24]},
    ]


def test_title_overlap_fails_a_headline_that_repeats_the_title_word_for_word() -> None:
    data = _encode(_good())
    repeat = check_image(data, title='Budget Gaming Mouse review', layers=_layers('BUDGET GAMING MOUSE')).parts
    assert not repeat['title_overlap'].ok and repeat['title_overlap'].code == 'title_overlap.repeats'
    assert 'budget gaming mouse' in repeat['title_overlap'].message('en')
    other = check_image(data, title='Budget Gaming Mouse review', layers=_layers('WORTH $20?')).parts
    assert other['title_overlap'].ok
    persian = check_image(data, title='بهترین گوشی ارزان ۲۰۲۶', layers=_layers('بهترين گوشی ارزان')).parts
    assert not persian['title_overlap'].ok  # Arabic yeh and Persian yeh are the same letter to a reader
    assert check_image(data, title='Anything').parts['title_overlap'].code == 'title_overlap.unread'


def test_ours_are_judged_on_their_layers() -> None:
    data = _encode(_good())
    ok = check_image(data, layers=_layers('WORTH IT?'))
    assert ok.ok, ok.text()
    assert ok.parts['legibility'].value == {'cap_px_at_168': 9.2, 'contrast': 12.0, 'source': 'layers'}
    assert ok.parts['clutter'].value == 2  # headline and subject; the watermark is not an element
    small = check_image(data, layers=_layers('WORTH IT?', cap_px=30)).parts['legibility']
    assert small.code == 'legibility.small'
    corner = check_image(data, layers=_layers('WORTH IT?', bbox=[1000, 600, 260, 100])).parts['timestamp_zone']
    assert corner.code == 'timestamp_zone.text'


def _routix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', 'routix.cli', *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def test_cli_prints_the_report_as_json_or_text_and_exits_0_even_when_it_fails(tmp_path: Path) -> None:
    image = _good()
    _text(image, (1040, 630), 'NEW 2026', 40)
    path = tmp_path / 'thumb.jpg'
    path.write_bytes(_encode(image))
    result = _routix('check', str(path), '--json', '--title', 'A video', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report['ok'] is False and report['parts']['timestamp_zone']['ok'] is False
    assert report['parts']['title_overlap']['message'].startswith('The text of an uploaded image is not read')
    text = _routix('check', str(path), '--lang', 'fa', cwd=tmp_path)
    assert text.returncode == 0 and 'برچسب مدت ویدیو' in text.stdout


def test_cli_refuses_an_unreadable_file_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / 'notes.jpg'
    bad.write_text('not a picture')
    result = _routix('check', str(bad), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ''
    assert 'damaged or not an image' in result.stderr
    missing = _routix('check', str(tmp_path / 'gone.png'), cwd=tmp_path)
    assert missing.returncode == 2 and 'No such file' in missing.stderr


@pytest.mark.parametrize(('size', 'readable'), [(120, True), (24, False)])
def test_persian_text_is_found_on_the_pixels_and_judged_by_its_size(size: int, readable: bool) -> None:
    from routix.render import fonts

    words = 'بهترین گوشی ارزان'
    image = _canvas()
    ImageDraw.Draw(image).text(
        (1220, 260), words, font=fonts.font_for('display', words, size), fill='white', anchor='rs'
    )
    ImageDraw.Draw(image).ellipse((100, 350, 400, 650), fill='#e43')
    part = check_image(_encode(image)).parts['legibility']
    assert part.value is not None and part.value['source'] == 'pixels', part
    assert part.ok is readable and part.code == ('legibility.ok' if readable else 'legibility.small')


def test_clutter_of_ours_counts_a_repeated_decoration_once_and_distinct_things_each() -> None:
    data = _encode(_good())
    dots = [{'kind': 'shape', 'bbox': [100 + 120 * i, 620, 100, 72]} for i in range(6)]
    patterned = check_image(data, layers=[*_layers('WORTH IT?'), *dots]).parts['clutter']
    assert patterned.ok and patterned.value == 3  # headline, subject and one row of dots
    things = [{'kind': 'shape', 'bbox': [100 + 120 * i, 620, 60 + 16 * i, 72]} for i in range(6)]
    busy = check_image(data, layers=[*_layers('WORTH IT?'), *things]).parts['clutter']
    assert not busy.ok and busy.value == 8 and busy.code == 'clutter.busy'
