"""The template file format's rules: what the loader checks before a layout reaches the renderer.

Every rule breaks with a message that names it (``TemplateBroken``); ``check_template`` runs them all over one parsed
JSON object. The format itself is described in assets/templates/README.md.
"""

from __future__ import annotations

import re
from typing import Any

from routix.vocabulary import CANVAS_SIZE, CATEGORIES, FONT_ROLES, MOODS, STYLES, TIMESTAMP_ZONE

SCRIPTS: tuple[str, ...] = ('latin', 'arabic')
LATIN_ONLY_ROLES = frozenset({'condensed', 'serif'})  # their fonts have no Persian glyphs
BACKGROUND_KINDS: tuple[str, ...] = ('solid', 'linear', 'radial', 'diagonal_stripes', 'split', 'burst', 'dots', 'grid')
STABILITY_STYLES: tuple[str, ...] = tuple(
    'enhance anime photographic digital-art comic-book fantasy-art line-art analog-film neon-punk isometric low-poly '
    'origami modeling-compound cinematic 3d-model pixel-art tile-texture'.split()
)
FAMILIES: tuple[str, ...] = (
    'reaction',  # a big reaction face (or sticker) and two or three huge words
    'closeup',  # one object filling its half, a price or number beside it
    'before-after',  # the same subject twice across a split: greyed before, bright after
    'versus',  # A on one side, its rival on the other, VS between
    'big-number',  # the number is the headline, huge
    'list',  # steps or a ranking beside the subject
    'mystery',  # a question, the subject blurred or hidden behind a '?'
    'news',  # a banner under the picture, a breaking-news strip
    'showcase',  # the product on a lit stage, centred
    'travel',  # a postcard: framed picture, the place in big letters
    'score',  # a result board: a bar, the score as the headline
    'minimal',  # one subject, one line, lots of calm space
)
SUBJECT_EFFECTS: tuple[str, ...] = ('grey', 'blur', 'silhouette')
MARKS: tuple[str, ...] = ('VS', '?', '!', '?!')  # symbols read the same in English and Persian thumbnails
COLOUR = re.compile(r'#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?')


class TemplateBroken(Exception):
    """One rule of the template format is broken; the message names it."""


_SLUG = re.compile(r'[a-z0-9]+(-[a-z0-9]+)*')
_REQUIRED = tuple(
    'slug name name_fa category family style mood palette tags scripts full_bleed stability_style layout'.split()
)
_TEXT_KEYS = ('box', 'align', 'font_role', 'color', 'outline', 'shadow', 'uppercase', 'max_lines')
_ACCENT_KEYS = {
    'badge': ('box', 'color', 'text_color'),  # the words come from the request (TextLayer.badge)
    'arrow': ('from', 'to', 'color', 'width'),
    'shape': ('shape', 'box', 'color'),
    'stripe': ('box', 'color'),
    'glow': ('box', 'color'),
    'mark': ('text', 'box', 'color'),
}


def _require(condition: Any, rule: str) -> None:
    if not condition:
        raise TemplateBroken(rule)


def check_template(data: Any) -> None:
    """Raise ``TemplateBroken`` naming the first rule ``data`` (one parsed template file) breaks."""
    _require(isinstance(data, dict), 'the file must hold one JSON object')
    missing = [key for key in _REQUIRED if key not in data]
    _require(not missing, f'missing keys: {", ".join(missing)}')
    _require(isinstance(data['slug'], str) and _SLUG.fullmatch(data['slug']), 'slug must be lower-case [a-z0-9-]')
    for key in ('name', 'name_fa'):
        _require(isinstance(data[key], str) and data[key].strip(), f'{key} must be a non-empty string')
    for key, vocabulary in (
        ('category', CATEGORIES),
        ('family', FAMILIES),
        ('style', STYLES),
        ('mood', MOODS),
        ('stability_style', STABILITY_STYLES),
    ):
        _require(data[key] in vocabulary, f'{key} {data[key]!r} is not one of {", ".join(vocabulary)}')
    _check_colours(data['palette'], 'palette', low=2, high=5)
    _require(isinstance(data['tags'], list) and all(isinstance(t, str) for t in data['tags']), 'tags must be strings')
    scripts = data['scripts']
    _require(isinstance(scripts, list) and scripts and set(scripts) <= set(SCRIPTS), 'scripts must be latin/arabic')
    _require(isinstance(data['full_bleed'], bool), 'full_bleed must be true or false')
    layout = data['layout']
    _require(isinstance(layout, dict), 'layout must be an object')
    safe = _check_box(layout.get('safe_area'), 'layout.safe_area')
    _check_background(layout.get('background'))
    for part in ('headline', 'subtitle'):
        if part == 'headline' or layout.get(part) is not None:
            _check_text(layout.get(part), part, safe, arabic='arabic' in scripts)
    if layout.get('subject') is not None:
        _check_subject(layout['subject'])
    accents = layout.get('accents', [])
    _require(isinstance(accents, list), 'layout.accents must be a list')
    for index, accent in enumerate(accents):
        _check_accent(accent, f'accents[{index}]', safe)


def _check_background(background: Any) -> None:
    _require(isinstance(background, dict), 'layout.background must be an object')
    _require(
        background.get('kind') in BACKGROUND_KINDS, f'background kind must be one of {", ".join(BACKGROUND_KINDS)}'
    )
    if 'colors' in background:
        _check_colours(background['colors'], 'background.colors', low=1, high=5)
    if 'angle' in background:
        _require(_is_number(background['angle']), 'background.angle must be a number of degrees')


def _check_text(spec: Any, where: str, safe: tuple[int, ...], *, arabic: bool) -> None:
    _require(isinstance(spec, dict), f'{where} must be an object')
    missing = [key for key in _TEXT_KEYS if key not in spec]
    _require(not missing, f'{where} is missing {", ".join(missing)}')
    _check_clear(_check_box(spec['box'], f'{where}.box'), where, safe)
    _require(spec['align'] in ('left', 'center', 'right'), f'{where}.align must be left, center or right')
    _require(spec['font_role'] in FONT_ROLES, f'{where}.font_role must be one of {", ".join(FONT_ROLES)}')
    _require(
        not arabic or spec['font_role'] not in LATIN_ONLY_ROLES,
        f'{where}.font_role {spec["font_role"]!r} has no Persian glyphs, so scripts cannot list arabic',
    )
    _check_colour(spec['color'], f'{where}.color')
    outline = spec['outline']
    _require(
        isinstance(outline, dict) and _is_int(outline.get('width')) and outline['width'] >= 0,
        f'{where}.outline needs a width >= 0',
    )
    _check_colour(outline.get('color'), f'{where}.outline.color')
    shadow = spec['shadow']
    if shadow is not None:
        _require(
            isinstance(shadow, dict)
            and _is_point(shadow.get('offset'), signed=True)
            and _is_number(shadow.get('blur'))
            and shadow['blur'] >= 0,
            f'{where}.shadow needs offset [x, y] and blur >= 0 (or null)',
        )
        _check_colour(shadow.get('color'), f'{where}.shadow.color')
    _require(isinstance(spec['uppercase'], bool), f'{where}.uppercase must be true or false')
    _require(_is_int(spec['max_lines']) and spec['max_lines'] >= 1, f'{where}.max_lines must be >= 1')


def _check_subject(subject: Any) -> None:
    _require(isinstance(subject, dict), 'layout.subject must be an object')
    _check_box(subject.get('box'), 'subject.box')
    _require(subject.get('shape') in ('rect', 'rounded', 'circle'), 'subject.shape must be rect, rounded or circle')
    border = subject.get('border')
    if border is not None:
        _require(
            isinstance(border, dict) and _is_int(border.get('width')) and border['width'] >= 0,
            'subject.border needs a width >= 0 (or null)',
        )
        _check_colour(border.get('color'), 'subject.border.color')
    _require(subject.get('effect') in (None, *SUBJECT_EFFECTS), f'subject.effect must be one of {SUBJECT_EFFECTS}')
    echo = subject.get('echo')
    if echo is not None:
        _require(isinstance(echo, dict), 'subject.echo must be an object (a second copy of the subject)')
        _check_box(echo.get('box'), 'subject.echo.box')
        _require(
            echo.get('effect') in (None, *SUBJECT_EFFECTS), f'subject.echo.effect must be one of {SUBJECT_EFFECTS}'
        )


def _check_accent(accent: Any, where: str, safe: tuple[int, ...]) -> None:
    _require(
        isinstance(accent, dict) and accent.get('kind') in _ACCENT_KEYS,
        f'{where}.kind must be one of {", ".join(_ACCENT_KEYS)}',
    )
    missing = [key for key in _ACCENT_KEYS[accent['kind']] if key not in accent]
    _require(not missing, f'{where} ({accent["kind"]}) is missing {", ".join(missing)}')
    _check_colour(accent['color'], f'{where}.color')
    if accent['kind'] == 'arrow':
        width, height = CANVAS_SIZE
        for end in ('from', 'to'):
            point = accent[end]
            _require(_is_point(point) and point[0] <= width and point[1] <= height, f'{where}.{end} must be on canvas')
        _require(_is_int(accent['width']) and accent['width'] > 0, f'{where}.width must be > 0')
        return
    box = _check_box(accent['box'], f'{where}.box')
    if accent['kind'] == 'badge':
        _check_clear(box, f'{where} (badge)', safe)
        _require(isinstance(accent.get('text', ''), str), f'{where}.text must be a string')
        _check_colour(accent['text_color'], f'{where}.text_color')
    if accent['kind'] == 'shape':
        _require(
            accent['shape'] in ('circle', 'rect', 'triangle', 'ring'),
            f'{where}.shape must be circle, rect, triangle or ring',
        )
    if accent['kind'] == 'mark':
        _check_clear(box, f'{where} (mark)', safe)
        _require(accent['text'] in MARKS, f'{where}.text must be one of {", ".join(MARKS)}')
        if 'outline_color' in accent:
            _check_colour(accent['outline_color'], f'{where}.outline_color')


def _check_box(box: Any, where: str) -> tuple[int, int, int, int]:
    _require(isinstance(box, list) and len(box) == 4 and all(_is_int(v) for v in box), f'{where} must be [x, y, w, h]')
    x, y, w, h = box
    _require(w > 0 and h > 0, f'{where} must have a positive size')
    _require(_inside((x, y, w, h), (0, 0, *CANVAS_SIZE)), f'{where} {box} is outside the {CANVAS_SIZE} canvas')
    return x, y, w, h


def _check_clear(box: tuple[int, ...], where: str, safe: tuple[int, ...]) -> None:
    _require(_inside(box, safe), f'{where} box {list(box)} is outside the safe area {list(safe)}')
    _require(not _intersects(box, TIMESTAMP_ZONE), f'{where} box {list(box)} overlaps the timestamp zone')


def _check_colours(colours: Any, where: str, *, low: int, high: int) -> None:
    _require(isinstance(colours, list) and low <= len(colours) <= high, f'{where} must hold {low}..{high} colours')
    for colour in colours:
        _check_colour(colour, where)


def _check_colour(colour: Any, where: str) -> None:
    _require(isinstance(colour, str) and COLOUR.fullmatch(colour), f'{where}: {colour!r} is not #rrggbb or #rrggbbaa')


def _inside(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    (x, y, w, h), (ox, oy, ow, oh) = inner, outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def _intersects(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_point(value: Any, *, signed: bool = False) -> bool:
    return (
        isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value) and (signed or min(value) >= 0)
    )
