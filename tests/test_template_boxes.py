"""Every template keeps its headline and subtitle apart: the boxes the renderer reports for the two (the drawn lines,
outline included) never intersect, in English and Persian, on the template's own background and with a photo."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from PIL import Image

from routix.analysis.model import Analysis
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer, layout_for, load_templates
from routix.render import compose, paint_background

TEMPLATES = load_templates()
TEXTS = {
    'en': ('I Tried Every Budget Gaming Mouse Ever', 'An honest review after thirty days'),
    'fa': ('همه موس های ارزان را امتحان کردم', 'یک بررسی صادقانه بعد از سی روز'),
}


def _photo() -> bytes:
    """A real face when scikit-image's public-domain astronaut is there (a test extra), else a plain portrait."""
    try:
        from skimage import data as samples

        image = Image.fromarray(samples.astronaut())
    except ImportError:
        image = Image.new('RGB', (600, 800), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format='PNG')
    return out.getvalue()


PHOTO = _photo()


def _layers(spec: TemplateSpec, lang: str, reference: bytes | None) -> list[dict[str, Any]]:
    headline, subtitle = TEXTS[lang]
    analysis = Analysis(
        category=spec.category,
        style='bold',
        mood='exciting',
        palette=[],
        headline=headline,
        subtitle=subtitle,
        language=lang,
        direction='rtl' if lang == 'fa' else 'ltr',
    )
    palette = effective_palette(spec, analysis)
    layout = layout_for(spec, palette)
    text = dataclasses.replace(initial_text_layer(spec, analysis), subtitle=subtitle)
    canvas = paint_background(layout=layout, palette=palette, seed=1)
    return compose(background=canvas, layout=layout, text=text, reference=reference).layers


def _meet(a: list[int], b: list[int]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


@pytest.mark.parametrize('spec', TEMPLATES, ids=lambda spec: spec.slug)
@pytest.mark.parametrize('lang', list(TEXTS))
@pytest.mark.parametrize('photo', [False, True], ids=['no-photo', 'photo'])
def test_the_headline_and_the_subtitle_never_overlap(spec: TemplateSpec, lang: str, photo: bool) -> None:
    layers = _layers(spec, lang, PHOTO if photo else None)
    headline = [layer['bbox'] for layer in layers if layer['kind'] == 'headline']
    subtitle = [layer['bbox'] for layer in layers if layer['kind'] == 'subtitle']
    if spec.full_bleed and not headline:
        pytest.skip('the provider paints the text of a full-bleed template')
    assert headline and subtitle, [layer['kind'] for layer in layers]
    assert not any(_meet(h, s) for h in headline for s in subtitle), (headline, subtitle)
