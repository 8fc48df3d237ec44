"""A template keeps its designed palette unless the creator named colours; named and brand colours are all used."""

from __future__ import annotations

from typing import Any

import pytest

from routix.analysis.model import Analysis
from routix.analysis.offline import analyze_prompt
from routix.colors import find_colors
from routix.design.templates import (
    TemplateSpec,
    background_colors,
    effective_palette,
    initial_text_layer,
    layout_for,
    load_templates,
)
from routix.render import paint_background, render_thumbnail

LIBRARY = {spec.slug: spec for spec in load_templates()}
WHITE, YELLOW = '#ffffff', '#fdd835'


def used_colours(spec: TemplateSpec, analysis: Analysis, brand: list[str] | None = None) -> dict[str, set[str]]:
    """What a first render paints, by role: background, accents (and subject border), text."""
    palette = effective_palette(spec, analysis, brand_colors=brand)
    layout = layout_for(spec, palette)
    layer = initial_text_layer(spec, analysis, brand_colors=brand)
    accents = {str(a['color']).lower()[:7] for a in layout.get('accents') or []}
    border = (layout.get('subject') or {}).get('border') or {}
    if border.get('width'):
        accents.add(str(border['color']).lower()[:7])
    return {
        'background': set(background_colors(spec, palette)),
        'accents': accents,
        'text': {layer.color.lower(), *([layer.subtitle_color.lower()] if layer.subtitle else [])},
    }


@pytest.mark.parametrize('slug', sorted(LIBRARY))
def test_a_prompt_naming_no_colour_renders_with_the_templates_own_palette(slug: str) -> None:
    spec = LIBRARY[slug]
    analysis = analyze_prompt(f'a {spec.category} video about my week')  # its palette is the category default
    assert not find_colors(f'a {spec.category} video about my week')
    palette = effective_palette(spec, analysis)
    assert palette[: len(spec.palette)] == [c.lower() for c in spec.palette]
    assert layout_for(spec, palette) == spec.layout
    painted = paint_background(layout=layout_for(spec, palette), palette=palette, seed=3)
    designed = paint_background(layout=spec.layout, palette=spec.palette, seed=3)
    assert painted.tobytes() == designed.tobytes()
    assert initial_text_layer(spec, analysis).color == spec.layout['headline']['color']


def test_bright_white_is_white() -> None:
    assert find_colors('bright white and yellow') == [WHITE, YELLOW]


@pytest.mark.parametrize('slug', ['gaming-neon-burst', 'tech-clean-review', 'fitness-power-stripes', 'vlog-sunny-day'])
def test_white_and_yellow_named_in_the_prompt_are_both_used(slug: str) -> None:
    analysis = analyze_prompt('my gaming video thumbnail in bright white and yellow')
    used = used_colours(LIBRARY[slug], analysis)
    everything = set().union(*used.values())
    assert {WHITE, YELLOW} <= everything, used


@pytest.mark.parametrize('slug', ['tech-clean-review', 'gaming-neon-burst', 'news-explained-clean', 'vlog-sunny-day'])
def test_two_brand_colours_colour_the_text_and_the_accents_not_the_background(slug: str) -> None:
    spec = LIBRARY[slug]
    analysis = analyze_prompt('my weekly video')
    background = set(background_colors(spec, spec.palette))
    dark, light = '#0b1f4d', '#ffd400'
    brand = [light, dark] if min(_luminance(c) for c in background) < 0.2 else [dark, light]
    used = used_colours(spec, analysis, brand)
    assert used['background'] == background  # the designed background stays
    assert brand[0] in used['text']  # the one that reads on it colours the headline
    assert brand[1] in used['accents']  # the second is no longer ignored


def test_a_recoloured_badge_keeps_a_readable_label() -> None:
    spec = LIBRARY['tech-clean-review']  # a blue badge with white text
    palette = effective_palette(spec, analysis_named([WHITE, YELLOW]), brand_colors=None)
    badge = next(a for a in layout_for(spec, palette)['accents'] if a['kind'] == 'badge')
    assert badge['color'] == YELLOW and badge['text_color'] == '#000000'


def test_the_recoloured_render_is_a_valid_thumbnail() -> None:
    spec = LIBRARY['gaming-neon-burst']
    analysis = analysis_named([WHITE, YELLOW])
    palette = effective_palette(spec, analysis)
    result = render_thumbnail(
        layout=layout_for(spec, palette), palette=palette, text=initial_text_layer(spec, analysis), seed=1
    )
    assert result.jpeg and result.text_boxes


def analysis_named(colours: list[str], **changes: Any) -> Analysis:
    return Analysis(
        category='tech',
        style='clean',
        mood='serious',
        headline='My setup',
        palette=[*colours, '#000000'],
        named_colors=colours,
        **changes,
    )


def _luminance(colour: str) -> float:
    from routix.colors import relative_luminance

    return relative_luminance(colour)
