"""Font lookup by role and script: which font file draws a headline, and at what cost.

Each role names its display faces best first: the OFL families ``scripts/install_fonts.sh`` fetches from npm into the
project's ``.fonts/`` (or ``ROUTIX_FONTS_DIR``) — Anton, Archivo Black, Bebas Neue, Lilita One, Playfair Display,
Montserrat, Vazirmatn — then Debian's fonts from the system font dirs (``ROUTIX_SYSTEM_FONTS_DIRS``,
``os.pathsep``-separated, default ``/usr/share/fonts``), so a machine without root still gets a distinct face per role.
Arabic-script text always gets a font that covers Arabic (and Latin too when the text mixes both); a font is
only chosen after checking that it really has glyphs for the text's scripts. With nothing usable installed,
Pillow's Latin-only default font is used and one warning says what to install.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont, features

log = logging.getLogger(__name__)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

PROJECT_FONTS_DIR = Path(__file__).resolve().parents[2] / '.fonts'
SYSTEM_FONTS_DIRS = '/usr/share/fonts'
DEBIAN_PACKAGES = (
    'fonts-league-spartan fonts-inter fonts-bebas-neue fonts-roboto-unhinted fonts-open-sans '
    'fonts-lemonada fonts-liberation2 fonts-noto-core fonts-dejavu-core'
)

# Preferred files per role, best first (npm's @expo-google-fonts names, then Debian's); then Vazirmatn and
# _LAST_RESORT. Every pick is checked for coverage.
_LATIN: dict[str, tuple[str, ...]] = {
    'display': (
        'Anton_400Regular.ttf',
        'LeagueSpartan-Black.otf',
        'LeagueSpartan-ExtraBold.otf',
        'InterDisplay-Black.otf',
        'Inter-Black.otf',
        'Roboto-Black.ttf',
    ),
    'heavy': (
        'ArchivoBlack_400Regular.ttf',
        'InterDisplay-Black.otf',
        'Inter-Black.otf',
        'Roboto-Black.ttf',
        'LeagueSpartan-Black.otf',
        'OpenSans-ExtraBold.ttf',
    ),
    'condensed': (
        'BebasNeue_400Regular.ttf',
        'BebasNeue-Bold.otf',
        'BebasNeue-Regular.otf',
        'RobotoCondensed-Bold.ttf',
        'OpenSans-CondBold.ttf',
        'DejaVuSansCondensed-Bold.ttf',
    ),
    'rounded': ('LilitaOne_400Regular.ttf', 'Lemonada-Bold.otf', 'Lemonada-SemiBold.otf'),
    'serif': ('PlayfairDisplay_900Black.ttf', 'LiberationSerif-Bold.ttf', 'NotoSerif-Bold.ttf', 'DejaVuSerif-Bold.ttf'),
    'body': (
        'Montserrat_800ExtraBold.ttf',
        'OpenSans-Bold.ttf',
        'Roboto-Bold.ttf',
        'Inter-Bold.otf',
        'NotoSans-Bold.ttf',
    ),
}
_ARABIC: dict[str, tuple[str, ...]] = {
    'display': ('Vazirmatn-Black.ttf', 'NotoKufiArabic-Bold.ttf'),
    'heavy': ('Vazirmatn-Black.ttf', 'NotoKufiArabic-Bold.ttf'),
    'condensed': ('Vazirmatn-ExtraBold.ttf', 'NotoSansArabic-CondensedBold.ttf', 'NotoSansArabic-Bold.ttf'),
    'rounded': ('Vazirmatn-ExtraBold.ttf', 'NotoKufiArabic-Bold.ttf'),  # Lemonada's Persian gaf (گ) is broken
    'serif': ('NotoNaskhArabic-Bold.ttf', 'Vazirmatn-Bold.ttf', 'NotoSansArabic-Bold.ttf'),
    'body': ('Vazirmatn-Bold.ttf', 'NotoSansArabic-Bold.ttf', 'NotoKufiArabic-Bold.ttf'),
}
_LAST_RESORT = ('Vazirmatn-Bold.ttf', 'DejaVuSans-Bold.ttf', 'NotoSans-Bold.ttf', 'LiberationSans-Bold.ttf')
_SAMPLES = {'latin': 'AaGg', 'arabic': 'بپگ'}
_NOTDEF = '\U0010fffd'  # a private-use code point no font maps: renders as .notdef


def font_for(role: str, text: str, size: int) -> Font:
    """A font for ``role`` at ``size`` px that has glyphs for the scripts in ``text``."""
    dirs = _search_dirs()
    path = _resolve(role, scripts_of(text), dirs)
    size = max(1, int(size))
    if path is None:
        _warn_missing(dirs)
        return _default_font(size)
    return _load(path, size)


@lru_cache(maxsize=1024)
def scripts_of(text: str) -> frozenset[str]:
    """The scripts a font must cover for ``text``: 'arabic' and/or 'latin' (digits alone count as Latin)."""
    arabic = any(is_arabic(ch) for ch in text)
    latin = any(ch.isalpha() and not is_arabic(ch) for ch in text)
    if arabic and latin:
        return frozenset({'arabic', 'latin'})
    return frozenset({'arabic'}) if arabic else frozenset({'latin'})


def is_arabic(ch: str) -> bool:
    """True for a character of the Arabic script (Persian included)."""
    code = ord(ch)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def has_raqm() -> bool:
    """True when Pillow can shape text with libraqm (needed for joined, right-to-left Persian)."""
    return bool(features.check('raqm'))


def layout_engine() -> ImageFont.Layout:
    """RAQM when available; otherwise BASIC, with a loud warning (once) that Persian will render unjoined."""
    return _layout_engine()


def font_report() -> dict[str, Any]:
    """Which file each role resolves to per script, plus the shaping engine (for the CLI and README)."""
    dirs = _search_dirs()
    default = 'Pillow default font (Latin only)'
    roles = {
        role: {
            script: _resolve(role, frozenset(scripts), dirs) or default
            for script, scripts in (('latin', {'latin'}), ('arabic', {'arabic'}), ('mixed', {'arabic', 'latin'}))
        }
        for role in _LATIN
    }
    return {
        'raqm': has_raqm(),
        'layout_engine': 'raqm' if has_raqm() else 'basic',
        'search_dirs': list(dirs),
        'roles': roles,
    }


def _search_dirs() -> tuple[str, ...]:
    project = os.environ.get('ROUTIX_FONTS_DIR') or str(PROJECT_FONTS_DIR)
    system = os.environ.get('ROUTIX_SYSTEM_FONTS_DIRS', SYSTEM_FONTS_DIRS)
    return (project, *(d for d in system.split(os.pathsep) if d))


@lru_cache(maxsize=16)
def _index(dirs: tuple[str, ...]) -> dict[str, str]:
    """File name -> path for every font under ``dirs``; earlier dirs win, then the shortest path."""
    found: dict[str, str] = {}
    for base in dirs:
        paths: list[str] = []
        for folder, _subdirs, files in os.walk(base):
            paths.extend(os.path.join(folder, f) for f in files if f.lower().endswith(('.ttf', '.otf')))
        for path in sorted(paths, key=lambda p: (p.count(os.sep), p)):
            found.setdefault(os.path.basename(path), path)
    return found


@lru_cache(maxsize=256)
def _resolve(role: str, scripts: frozenset[str], dirs: tuple[str, ...]) -> str | None:
    index = _index(dirs)
    if 'arabic' in scripts:
        names = _ARABIC.get(role, _ARABIC['display']) + _LAST_RESORT
        if not any(name.startswith('Vazirmatn') for name in index):
            _warn_no_vazirmatn(dirs[0])
    else:
        vazirmatn = 'Vazirmatn-Black.ttf' if role in {'display', 'heavy'} else 'Vazirmatn-Bold.ttf'
        names = (*_LATIN.get(role, _LATIN['display']), vazirmatn, *_LAST_RESORT)
    for name in names:
        path = index.get(name)
        if path and all(_covers(path, script) for script in scripts):
            return path
    return None


@lru_cache(maxsize=256)
def _covers(path: str, script: str) -> bool:
    """True if the font draws real glyphs (not .notdef) for the script's sample letters."""
    try:
        font = ImageFont.truetype(path, 24, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        return False
    notdef = _glyph_pixels(font, _NOTDEF)
    return all(_glyph_pixels(font, ch) != notdef for ch in _SAMPLES[script])


def _glyph_pixels(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    canvas = Image.new('L', (48, 48))
    ImageDraw.Draw(canvas).text((8, 8), ch, font=font, fill=255)
    return canvas.tobytes()


@lru_cache(maxsize=512)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=_layout_engine())


@lru_cache(maxsize=64)
def _default_font(size: int) -> Font:
    return ImageFont.load_default(size)


@lru_cache(maxsize=1)
def _layout_engine() -> ImageFont.Layout:
    if has_raqm():
        return ImageFont.Layout.RAQM
    log.warning(
        'Pillow has no libraqm: Persian/Arabic headlines will render UNJOINED and in the wrong order. '
        'Install libraqm0 / libfribidi0 (Debian) or a Pillow wheel with raqm.'
    )
    return ImageFont.Layout.BASIC


@lru_cache(maxsize=16)
def _warn_missing(dirs: tuple[str, ...]) -> None:
    log.warning(
        "No usable font under %s: using Pillow's Latin-only default font (Persian will show as boxes). "
        'Run scripts/install_fonts.sh (npm display fonts + Vazirmatn) or apt-get install %s.',
        ', '.join(dirs),
        DEBIAN_PACKAGES,
    )


@lru_cache(maxsize=16)
def _warn_no_vazirmatn(project_dir: str) -> None:
    log.warning(
        'Vazirmatn not found under %s: Persian headlines fall back to Noto Arabic / DejaVu Sans Bold. '
        'Run scripts/install_fonts.sh (npm vazirmatn) for the intended look.',
        project_dir,
    )
