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


NPM_DIR = fonts.PROJECT_FONTS_DIR / 'npm' / 'node_modules' / '@expo-google-fonts'
LATIN_ROLES = ('display', 'heavy', 'condensed', 'rounded', 'serif', 'body')


def _family(path: str) -> str:
    return ImageFont.truetype(path, 12).getname()[0] or ''


@pytest.fixture
def npm_fonts_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The project's npm fonts and no system fonts: a fresh machine after `make setup`."""
    if not NPM_DIR.is_dir():
        pytest.skip('npm display fonts not installed (run scripts/install_fonts.sh)')
    monkeypatch.setenv('ROUTIX_FONTS_DIR', str(fonts.PROJECT_FONTS_DIR))
    monkeypatch.setenv('ROUTIX_SYSTEM_FONTS_DIRS', str(tmp_path / 'no-system-fonts'))


@pytest.mark.usefixtures('npm_fonts_only')
def test_each_latin_role_gets_its_own_display_family_from_npm_without_debian_fonts() -> None:
    paths = {role: fonts.font_report()['roles'][role]['latin'] for role in LATIN_ROLES}
    families = {role: _family(path) for role, path in paths.items()}
    assert all(str(NPM_DIR) in path for path in paths.values()), paths
    assert not any('Vazirmatn' in family for family in families.values()), families
    assert len(set(families.values())) == len(LATIN_ROLES), families
    assert 'Anton' in families['display'] and 'Bebas' in families['condensed']


@pytest.mark.usefixtures('npm_fonts_only')
def test_persian_keeps_vazirmatn_when_the_npm_display_fonts_are_there() -> None:
    assert 'Vazirmatn' in fonts.font_report()['roles']['display']['arabic']
    assert 'Vazirmatn' in fonts.font_report()['roles']['display']['mixed']  # the Latin display faces lack Arabic


@pytest.mark.usefixtures('npm_fonts_only')
def test_routix_fonts_names_the_file_of_each_role(capsys: pytest.CaptureFixture[str]) -> None:
    from routix.cli import main

    assert main(['fonts']) == 0
    out = capsys.readouterr().out
    for name in (
        'Anton_400Regular.ttf',
        'ArchivoBlack_400Regular.ttf',
        'BebasNeue_400Regular.ttf',
        'LilitaOne_400Regular.ttf',
        'PlayfairDisplay_900Black.ttf',
        'Montserrat_800ExtraBold.ttf',
    ):
        assert name in out


def test_renderer_still_renders_with_no_fonts_anywhere_and_warns_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from routix import render
    from routix.design.textlayer import TextLayer

    monkeypatch.setenv('ROUTIX_FONTS_DIR', str(tmp_path / 'empty-project'))
    monkeypatch.setenv('ROUTIX_SYSTEM_FONTS_DIRS', str(tmp_path / 'empty-system'))
    layout = {'background': {'kind': 'solid', 'colors': ['#202020']}, 'headline': {}, 'accents': []}
    text = TextLayer(headline='FONTS ARE MISSING', subtitle='still drawn', font_role='condensed')
    with caplog.at_level(logging.WARNING, logger='routix.render.fonts'):
        background = render.paint_background(layout=layout, palette=['#202020'], seed=1)
        image = render.compose(background=background, layout=layout, text=text, reference=None, watermark=False)
        render.compose(background=background, layout=layout, text=text, reference=None, watermark=False)
    assert image.image.convert('L').getextrema()[1] > 200  # white words were drawn on the dark background
    warnings = [r for r in caplog.records if "Pillow's Latin-only default font" in r.getMessage()]
    assert len(warnings) == 1
