"""Fonts: Persian always gets a font with Arabic glyphs; with nothing installed, a usable font and one warning."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from routix.render import fonts
from routix.vocabulary import FONT_ROLES

PERSIAN = 'بهترین ترفندهای بازی'


def _glyphs(font: fonts.Font, text: str) -> bytes:
    canvas = Image.new('L', (900, 160))
    ImageDraw.Draw(canvas).text((10, 20), text, font=font, fill=255)
    return canvas.tobytes()


def _arabic_font_installed() -> bool:
    return fonts.font_report()['roles']['display']['arabic'].endswith(('.ttf', '.otf'))


@pytest.mark.parametrize('role', FONT_ROLES)
def test_persian_gets_a_font_that_draws_arabic_letters(role: str) -> None:
    if not _arabic_font_installed():
        pytest.skip('no Arabic-capable font installed (apt-get install fonts-dejavu-core or run install_fonts.sh)')
    font = fonts.font_for(role, PERSIAN, 64)
    assert isinstance(font, ImageFont.FreeTypeFont)
    tofu = '\U0010fffd' * len(PERSIAN.replace(' ', ''))
    assert _glyphs(font, PERSIAN) != _glyphs(font, tofu)
    assert any(_glyphs(font, PERSIAN))


def test_mixed_persian_and_latin_gets_a_font_covering_both() -> None:
    if not _arabic_font_installed():
        pytest.skip('no Arabic-capable font installed')
    path = fonts.font_report()['roles']['serif']['mixed']
    font = fonts.font_for('serif', f'{PERSIAN} iPhone', 64)
    assert font.path == path  # type: ignore[union-attr]
    assert 'Naskh' not in path and 'Kufi' not in path  # Noto Arabic fonts have no Latin letters


def test_sizes_are_cached_and_honoured() -> None:
    small, large = fonts.font_for('display', 'HELLO', 20), fonts.font_for('display', 'HELLO', 120)
    assert small.getbbox('HELLO')[2] < large.getbbox('HELLO')[2]
    assert fonts.font_for('display', 'OTHER TEXT', 120) is large


def test_report_lists_every_role_and_script() -> None:
    report = fonts.font_report()
    assert set(report['roles']) == set(FONT_ROLES)
    for scripts in report['roles'].values():
        assert set(scripts) == {'latin', 'arabic', 'mixed'}
    assert report['raqm'] == fonts.has_raqm()
    assert report['layout_engine'] in {'raqm', 'basic'}


def test_layout_engine_is_raqm_when_available() -> None:
    expected = ImageFont.Layout.RAQM if fonts.has_raqm() else ImageFont.Layout.BASIC
    assert fonts.layout_engine() == expected


def test_empty_project_fonts_dir_still_gives_persian_a_font_and_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv('ROUTIX_FONTS_DIR', str(tmp_path))
    with caplog.at_level(logging.WARNING, logger='routix.render.fonts'):
        font = fonts.font_for('display', PERSIAN, 48)
    assert font.getbbox(PERSIAN)[2] > 0
    assert any('install_fonts.sh' in record.getMessage() for record in caplog.records)


def test_no_fonts_at_all_falls_back_to_pillow_default_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv('ROUTIX_FONTS_DIR', str(tmp_path))
    monkeypatch.setenv('ROUTIX_SYSTEM_FONTS_DIRS', str(tmp_path / 'none'))
    with caplog.at_level(logging.WARNING, logger='routix.render.fonts'):
        first = fonts.font_for('display', 'HELLO', 48)
        fonts.font_for('body', 'WORLD', 32)
    assert first.getbbox('HELLO')[2] > 0
    assert 24 < first.getbbox('HELLO')[3] - first.getbbox('HELLO')[1] < 72  # the default font is scaled too
    warnings = [r for r in caplog.records if 'Pillow' in r.getMessage()]
    assert len(warnings) == 1
    assert 'fonts-noto-core' in warnings[0].getMessage()
    assert fonts.font_report()['roles']['display']['latin'].startswith('Pillow default')
