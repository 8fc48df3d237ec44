"""Type for the feed: every template's headline read at the 168×94 sidebar size, on the layers the renderer reports.

Cap height ≥ 10 px there for headlines up to 4 words and ≥ 8 px up to 7 words, an outline (when drawn) ≥ 2 px, and
every text line's colour at ≥ 4.5:1 (WCAG) against the composed pixels under it, with a photo, on a busy picture
and with a named colour that cannot read ('yellow on white'). Run with -s for the measured table.
"""

from __future__ import annotations

import dataclasses
import io
import statistics
from typing import Any

import pytest
from PIL import Image, ImageDraw

from routix.analysis.model import Analysis
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer, layout_for, load_templates
from routix.design.textlayer import TextLayer
from routix.render import compose, paint_background
from routix.vocabulary import CANVAS_SIZE

SIDEBAR = 168 / 1280  # 0.13125
HEADLINES = {
    'en3': 'Best Budget Phone',
    'en4': 'Best Budget Gaming Phone',
    'en6': 'I Tried Every Budget Gaming Mouse',
    'en7': 'I Tried Every Budget Gaming Mouse Ever',
    'fa3': 'بهترین گوشی ارزان',
    'fa6': 'همه موس های ارزان را امتحان کردم',
}
PERSIAN = frozenset({HEADLINES['fa3'], HEADLINES['fa6']})
TEMPLATES = load_templates()
MEASURED: list[tuple[str, str, float, float, float]] = []  # slug, case, cap px, outline px (sidebar), contrast


def _analysis(headline: str, named: list[str] | None = None) -> Analysis:
    rtl = headline in PERSIAN
    return Analysis(
        category='tech',
        style='clean',
        mood='informative',
        palette=named or ['#0f0c29', '#ff00e0', '#00f0ff'],
        named_colors=named or [],
        headline=headline,
        subtitle='',
        language='fa' if rtl else 'en',
        direction='rtl' if rtl else 'ltr',
    )


def _render(
    spec: TemplateSpec,
    text: TextLayer,
    *,
    palette: list[str],
    reference: bytes | None = None,
    background: Image.Image | None = None,
) -> list[dict[str, Any]]:
    layout = layout_for(spec, palette)
    canvas = background if background is not None else paint_background(layout=layout, palette=palette, seed=1)
    return compose(background=canvas, layout=layout, text=text, reference=reference).layers


def _text_layers(layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = [layer for layer in layers if layer['kind'] in {'headline', 'subtitle'}]
    assert found
    return found


def _busy_photo() -> bytes:
    """Black and white stripes with a yellow square: neither black nor white text reads on it everywhere."""
    image = Image.new('RGB', (640, 360), 'white')
    draw = ImageDraw.Draw(image)
    for x in range(0, 640, 24):
        draw.rectangle((x, 0, x + 11, 360), fill='black')
    draw.rectangle((200, 100, 400, 260), fill='#ffe600')
    out = io.BytesIO()
    image.save(out, format='PNG')
    return out.getvalue()


def _headline(spec: TemplateSpec, case: str) -> dict[str, Any]:
    analysis = _analysis(HEADLINES[case])
    layers = _render(spec, initial_text_layer(spec, analysis), palette=effective_palette(spec, analysis))
    return next(layer for layer in layers if layer['kind'] == 'headline')


@pytest.mark.parametrize('spec', TEMPLATES, ids=lambda spec: spec.slug)
@pytest.mark.parametrize('case', list(HEADLINES))
def test_the_headline_outline_and_contrast_hold_at_sidebar_size(spec: TemplateSpec, case: str) -> None:
    head = _headline(spec, case)
    cap, outline = head['cap_px'] * SIDEBAR, head['outline_px'] * SIDEBAR
    MEASURED.append((spec.slug, case, cap, outline, head['contrast']))
    assert head['outline_px'] == 0 or outline >= 2, head
    assert head['contrast'] >= 4.5, head


@pytest.mark.parametrize('spec', TEMPLATES, ids=lambda spec: spec.slug)
@pytest.mark.parametrize('case', list(HEADLINES))
def test_the_headline_cap_height_reaches_the_feed_floor(spec: TemplateSpec, case: str) -> None:
    head = _headline(spec, case)
    words = len(HEADLINES[case].split())
    assert head['cap_px'] * SIDEBAR >= (10 if words <= 4 else 8), head


@pytest.mark.parametrize('spec', TEMPLATES, ids=lambda spec: spec.slug)
def test_text_reads_with_a_photo_on_a_busy_picture_and_in_yellow_on_white(spec: TemplateSpec) -> None:
    analysis = _analysis('Best Budget Phone')
    palette = effective_palette(spec, analysis)
    text = dataclasses.replace(initial_text_layer(spec, analysis), subtitle='Honest review')
    photo = _busy_photo()
    busy = Image.open(io.BytesIO(photo)).convert('RGB').resize(CANVAS_SIZE)
    white = Image.new('RGB', CANVAS_SIZE, 'white')
    yellow = dataclasses.replace(text, color='#ffff00', subtitle_color='#ffff00')
    bare_yellow = dataclasses.replace(yellow, outline_width=0, shadow=False)
    bare = dataclasses.replace(text, outline_width=0)
    for label, layers in (
        ('photo', _render(spec, text, palette=palette, reference=photo)),
        ('busy picture', _render(spec, text, palette=palette, background=busy)),
        ('busy, no outline', _render(spec, bare, palette=palette, background=busy)),
        ('yellow on white', _render(spec, yellow, palette=palette, background=white)),
        ('yellow on white, no outline', _render(spec, bare_yellow, palette=palette, background=white)),
    ):
        for layer in _text_layers(layers):
            MEASURED.append((spec.slug, f'{label} {layer["kind"]}', 0, 0, layer['contrast']))
            assert layer['contrast'] >= 4.5, (label, layer)


FIXED_SIDE = [spec for spec in TEMPLATES if spec.family in {'before-after', 'versus'}]


def _face_photo() -> bytes:
    """scikit-image's public-domain astronaut (a test extra): a real face, which the text must keep clear of."""
    samples = pytest.importorskip('skimage.data')
    out = io.BytesIO()
    Image.fromarray(samples.astronaut()).save(out, format='PNG')
    return out.getvalue()


@pytest.mark.parametrize('spec', FIXED_SIDE, ids=lambda spec: spec.slug)
@pytest.mark.parametrize('case', list(HEADLINES))
def test_a_photo_leaves_a_before_after_or_versus_headline_at_the_feed_floor(spec: TemplateSpec, case: str) -> None:
    """The face takes the top band the headline had: the words move beside the subject and keep their size."""
    analysis = _analysis(HEADLINES[case])
    layers = _render(
        spec, initial_text_layer(spec, analysis), palette=effective_palette(spec, analysis), reference=_face_photo()
    )
    head = next(layer for layer in layers if layer['kind'] == 'headline')
    photo = next(layer for layer in layers if layer['kind'] == 'photo')
    MEASURED.append(
        (spec.slug, f'{case} face photo', head['cap_px'] * SIDEBAR, head['outline_px'] * SIDEBAR, head['contrast'])
    )
    words = len(HEADLINES[case].split())
    assert 'face' in photo, photo  # the case under test: a face found and kept clear
    assert head['cap_px'] * SIDEBAR >= (10 if words <= 4 else 8), head
    assert head['contrast'] >= 4.5, head


def test_zz_print_the_measured_table() -> None:
    """Not a check: the table behind the numbers (pytest -s)."""
    print(f'\n{"template":30} {"case":34} {"cap@168":>8} {"outline@168":>11} {"contrast":>8}')
    for slug, case, cap, outline, contrast in MEASURED:
        print(f'{slug:30} {case:34} {cap:8.1f} {outline:11.1f} {contrast:8.1f}')
    for case in HEADLINES:
        caps = [row[2] for row in MEASURED if row[1] == case]
        if caps:
            print(f'cap height at 168×94, {case}: min {min(caps):.1f} px, median {statistics.median(caps):.1f} px')
    contrasts = [row[4] for row in MEASURED]
    if contrasts:
        low, middle = min(contrasts), statistics.median(contrasts)
        print(f'contrast: min {low:.2f}, median {middle:.2f} over {len(contrasts)} blocks')
