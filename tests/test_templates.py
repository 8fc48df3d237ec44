"""The shipped template library, its loader's rules, and what a first render takes from a template."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from routix.analysis.model import Analysis
from routix.core.errors import InvalidRequest
from routix.design.templates import (
    FAMILIES,
    LATIN_ONLY_ROLES,
    TEMPLATE_DIR,
    TemplateSpec,
    background_colors,
    contrast_ratio,
    effective_palette,
    initial_text_layer,
    load_templates,
    parse_template,
    scripts_of,
)
from routix.vocabulary import CANVAS_SIZE, CATEGORIES, MOODS, STYLES, TIMESTAMP_ZONE

BACKGROUND_KINDS = {'solid', 'linear', 'radial', 'diagonal_stripes', 'split', 'burst', 'dots', 'grid'}


@pytest.fixture(scope='module')
def library() -> list[TemplateSpec]:
    return load_templates()


def by_slug(library: list[TemplateSpec], slug: str) -> TemplateSpec:
    return next(spec for spec in library if spec.slug == slug)


def overlaps(a: list[int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def inside(box: list[int], area: list[int] | tuple[int, ...]) -> bool:
    return (
        area[0] <= box[0]
        and area[1] <= box[1]
        and box[0] + box[2] <= area[0] + area[2]
        and (box[1] + box[3] <= area[1] + area[3])
    )


def text_boxes(spec: TemplateSpec) -> list[list[int]]:
    layout = spec.layout
    boxes = [layout['headline']['box']]
    if layout.get('subtitle'):
        boxes.append(layout['subtitle']['box'])
    boxes += [accent['box'] for accent in layout['accents'] if accent['kind'] == 'badge']
    return boxes


# ---------------------------------------------------------------- the shipped library


def test_the_shipped_library_loads_sorted_by_slug(library: list[TemplateSpec]) -> None:
    assert len(library) >= 28
    slugs = [spec.slug for spec in library]
    assert slugs == sorted(slugs)
    assert len(set(slugs)) == len(slugs)
    assert {path.stem for path in TEMPLATE_DIR.glob('*.json')} == set(slugs)  # files are named <slug>.json


def test_every_category_has_at_least_two_templates_and_one_for_persian(library: list[TemplateSpec]) -> None:
    counts = Counter(spec.category for spec in library)
    assert all(counts[category] >= 2 for category in CATEGORIES), counts
    for category in ('gaming', 'tech', 'vlog', 'education'):
        assert counts[category] >= 4
    persian = {spec.category for spec in library if 'arabic' in spec.scripts}
    assert persian == set(CATEGORIES)  # matching.WEIGHTS relies on this


def test_the_library_spreads_over_styles_moods_backgrounds_and_accents(library: list[TemplateSpec]) -> None:
    assert {spec.style for spec in library} == set(STYLES)
    assert {spec.mood for spec in library} == set(MOODS)
    assert {spec.layout['background']['kind'] for spec in library} == BACKGROUND_KINDS
    accents = {accent['kind'] for spec in library for accent in spec.layout['accents']}
    assert accents == {'badge', 'arrow', 'shape', 'stripe', 'glow', 'mark'}
    # faces that reach the feed's cap-height floor at 6-7 words (tests/test_feed_type.py): the wide ones (Archivo
    # Black, Playfair) cannot in any box the layouts give a headline, so they only set subtitles and badges
    roles = {spec.layout['headline']['font_role'] for spec in library}
    assert roles >= {'display', 'condensed', 'rounded'}
    aligns = Counter(spec.layout['headline']['align'] for spec in library)
    assert aligns['right'] >= 5 and aligns['center'] >= 5  # text-right layouts suit Persian


def test_every_text_box_is_on_canvas_in_the_safe_area_and_clear_of_the_timestamp(library: list[TemplateSpec]) -> None:
    for spec in library:
        for box in text_boxes(spec):
            assert inside(box, (0, 0, *CANVAS_SIZE)), (spec.slug, box)
            assert inside(box, spec.layout['safe_area']), (spec.slug, box)
            assert not overlaps(box, TIMESTAMP_ZONE), (spec.slug, box)


def test_headlines_are_big_and_readable(library: list[TemplateSpec]) -> None:
    tall = [spec for spec in library if spec.layout['headline']['box'][3] >= 200]
    assert len(tall) >= len(library) - 3
    for spec in library:
        head = spec.layout['headline']
        worst = min(contrast_ratio(head['color'], c) for c in spec.layout['background']['colors'])
        assert worst >= 4.5 or head['outline']['width'] >= 4, spec.slug


def test_scripts_follow_the_font_roles(library: list[TemplateSpec]) -> None:
    for spec in library:
        roles = {spec.layout['headline']['font_role']}
        if spec.layout.get('subtitle'):
            roles.add(spec.layout['subtitle']['font_role'])
        expected = ['latin'] if roles & LATIN_ONLY_ROLES else ['latin', 'arabic']
        assert spec.scripts == expected, spec.slug
        assert spec.name_fa and 'arabic' in scripts_of(spec.name_fa), spec.slug
        assert spec.palette[0] == spec.layout['background']['colors'][0], spec.slug  # background first


def test_a_spec_survives_a_round_trip(library: list[TemplateSpec]) -> None:
    spec = library[0]
    data = json.loads(json.dumps(spec.to_dict()))
    assert TemplateSpec.from_dict({**data, 'unknown': 1}) == spec


# ---------------------------------------------------------------- broken templates are refused


def shipped_data(slug: str = 'gaming-neon-burst') -> dict[str, Any]:
    return json.loads((TEMPLATE_DIR / f'{slug}.json').read_text(encoding='utf-8'))


def write(folder: Path, name: str, data: dict[str, Any]) -> None:
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding='utf-8')


def broken(change: str) -> dict[str, Any]:
    data = copy.deepcopy(shipped_data())
    layout = data['layout']
    if change == 'box outside canvas':
        data['layout']['subject']['box'] = [900, 100, 500, 400]
    elif change == 'headline in timestamp zone':
        layout['headline']['box'] = [600, 300, 600, 360]
        layout['safe_area'] = [0, 0, 1280, 720]
    elif change == 'headline outside safe area':
        layout['headline']['box'] = [10, 110, 690, 360]
    elif change == 'badge in timestamp zone':
        layout['accents'].append(
            {'kind': 'badge', 'box': [1080, 600, 120, 50], 'color': '#ff0000', 'text': 'X', 'text_color': '#ffffff'}
        )
    elif change == 'unknown category':
        data['category'] = 'knitting'
    elif change == 'bad colour':
        layout['headline']['color'] = 'white'
    elif change == 'short colour':
        data['palette'] = ['#fff', '#000000']
    elif change == 'latin-only font claims arabic':
        layout['headline']['font_role'] = 'condensed'
    elif change == 'missing key':
        del data['stability_style']
    elif change == 'unknown background':
        layout['background']['kind'] = 'plasma'
    return data


@pytest.mark.parametrize(
    ('change', 'rule'),
    [
        ('box outside canvas', 'outside the'),
        ('headline in timestamp zone', 'timestamp zone'),
        ('headline outside safe area', 'safe area'),
        ('badge in timestamp zone', 'timestamp zone'),
        ('unknown category', 'category'),
        ('bad colour', "'white'"),
        ('short colour', "'#fff'"),
        ('latin-only font claims arabic', 'Persian'),
        ('missing key', 'stability_style'),
        ('unknown background', 'background kind'),
    ],
)
def test_a_broken_template_is_refused_naming_the_file(tmp_path: Path, change: str, rule: str) -> None:
    write(tmp_path, 'good.json', shipped_data('tech-clean-review'))
    write(tmp_path, 'broken-one.json', broken(change))
    with pytest.raises(InvalidRequest) as caught:
        load_templates(tmp_path)
    assert 'broken-one.json' in caught.value.user_message
    assert rule in caught.value.user_message


def test_a_duplicate_slug_is_refused(tmp_path: Path) -> None:
    write(tmp_path, 'a.json', shipped_data())
    write(tmp_path, 'b.json', shipped_data())
    with pytest.raises(InvalidRequest, match=r'b\.json.*already used by a\.json'):
        load_templates(tmp_path)


def test_unreadable_json_is_refused(tmp_path: Path) -> None:
    (tmp_path / 'half.json').write_text('{"slug": ', encoding='utf-8')
    with pytest.raises(InvalidRequest, match=r'half\.json'):
        load_templates(tmp_path)


def test_a_folder_of_valid_templates_loads(tmp_path: Path) -> None:
    write(tmp_path, 'x.json', shipped_data('vlog-sunny-day'))
    write(tmp_path, 'y.json', shipped_data('cooking-sunny-stripes'))
    assert [spec.slug for spec in load_templates(tmp_path)] == ['cooking-sunny-stripes', 'vlog-sunny-day']


# ---------------------------------------------------------------- the first text layer


def analysis(headline: str, *, subtitle: str = '', palette: list[str] | None = None) -> Analysis:
    """An analysis whose prompt named ``palette`` (none: the analyser's default palette, which names nothing)."""
    rtl = 'arabic' in scripts_of(headline)
    return Analysis(
        category='gaming',
        style='neon',
        mood='energetic',
        palette=palette or ['#0f0c29', '#ff00e0', '#00f0ff'],
        named_colors=palette or [],
        headline=headline,
        subtitle=subtitle,
        language='fa' if rtl else 'en',
        direction='rtl' if rtl else 'ltr',
    )


def test_an_english_headline_takes_the_template_text_spec(library: list[TemplateSpec]) -> None:
    spec = by_slug(library, 'gaming-neon-burst')
    layer = initial_text_layer(spec, analysis('I beat the final boss', subtitle='no damage run'))
    head = spec.layout['headline']
    assert layer.headline == 'I BEAT THE FINAL BOSS' and layer.uppercase
    assert layer.subtitle == 'NO DAMAGE RUN'  # the subtitle spec is upper-case too
    assert layer.direction == 'ltr' and layer.align == 'left'
    assert layer.box == tuple(head['box']) and layer.max_lines == head['max_lines']
    assert (layer.font_role, layer.color) == (head['font_role'], head['color'])
    assert (layer.outline_width, layer.outline_color) == (head['outline']['width'], head['outline']['color'])
    assert layer.shadow and layer.subtitle_color == spec.layout['subtitle']['color']


def test_a_persian_headline_is_right_aligned_and_never_uppercased(library: list[TemplateSpec]) -> None:
    spec = by_slug(library, 'gaming-neon-burst')
    layer = initial_text_layer(spec, analysis('باس آخر را شکست دادم', subtitle='بدون آسیب'))
    assert layer.headline == 'باس آخر را شکست دادم' and not layer.uppercase
    assert layer.subtitle == 'بدون آسیب'
    assert layer.direction == 'rtl' and layer.align == 'right'
    centred = initial_text_layer(by_slug(library, 'tech-versus-split'), analysis('آیفون یا سامسونگ'))
    assert centred.align == 'center'  # only 'left' is mirrored


def test_mixed_persian_text_keeps_its_latin_words_as_typed(library: list[TemplateSpec]) -> None:
    layer = initial_text_layer(by_slug(library, 'gaming-neon-burst'), analysis('بازی GTA را تمام کردم'))
    assert layer.headline == 'بازی GTA را تمام کردم'


def test_a_readable_brand_colour_becomes_the_headline_colour(library: list[TemplateSpec]) -> None:
    spec = by_slug(library, 'tech-clean-review')  # dark text on a light background
    brand = ['#ffd400', '#0b1f4d']
    palette = effective_palette(spec, analysis('My setup'), brand_colors=brand)
    assert background_colors(spec, palette) == ['#f5f7fa']  # brand colours colour text and accents, not the background
    layer = initial_text_layer(spec, analysis('My setup'), brand_colors=brand)
    assert layer.color == '#0b1f4d'  # the first brand colour that reads on it
    assert '#ffd400' in palette  # the other one takes the accents
    assert layer.subtitle_color == spec.layout['subtitle']['color']


def test_an_unreadable_brand_colour_is_not_used_for_text(library: list[TemplateSpec]) -> None:
    spec = by_slug(library, 'tech-clean-review')
    layer = initial_text_layer(spec, analysis('My setup'), brand_colors=['#ffee00', '#ffef10'])
    assert layer.color in ('#000000', spec.layout['headline']['color'])  # yellow never reads on yellow


def test_brand_colours_leave_a_background_the_template_leaves_open_to_its_palette(library: list[TemplateSpec]) -> None:
    shipped = by_slug(library, 'tech-clean-review')
    spec = dataclasses.replace(shipped, layout={**shipped.layout, 'background': {'kind': 'solid'}})
    palette = effective_palette(spec, analysis('My setup'), brand_colors=['#0b1f4d'])
    assert background_colors(spec, palette) == [spec.palette[0]]
    layer = initial_text_layer(spec, analysis('My setup'), brand_colors=['#ffee00'])
    assert layer.color == '#111827'  # yellow does not read on the light background; the template's dark text does
    dark = dataclasses.replace(spec, palette=['#0b1f4d', *spec.palette[1:]])
    layer = initial_text_layer(dark, analysis('My setup'), brand_colors=['#ffee01'])
    assert layer.color == '#ffee01'  # on navy it reads


def test_the_palette_without_brand_colours(library: list[TemplateSpec]) -> None:
    spec = by_slug(library, 'gaming-neon-burst')  # white headline
    assert effective_palette(spec, analysis('gg')) == spec.palette
    assert effective_palette(spec, analysis('gg', palette=['#003300']))[0] == '#003300'  # readable: new background
    light = effective_palette(spec, analysis('gg', palette=['#ffee00', '#0000ff']))
    assert light == ['#12002b', '#ffee00', '#0000ff']  # unreadable behind white text: accents, every one used


def test_scripts_of() -> None:
    assert scripts_of('Hello 123') == {'latin'}
    assert scripts_of('سلام ۱۲۳') == {'arabic'}
    assert scripts_of('آموزش Python') == {'latin', 'arabic'}
    assert scripts_of('2025!') == frozenset()


def test_brand_colours_never_repaint_the_background() -> None:
    from routix.analysis.model import Analysis
    from routix.design.templates import effective_palette, layout_for
    from routix.render import paint_background

    spec = next(s for s in load_templates() if s.layout['background']['kind'] == 'solid')
    analysis = Analysis(category=spec.category, style=spec.style, mood=spec.mood, headline='Hello')
    plain = effective_palette(spec, analysis)
    assert layout_for(spec, plain) is spec.layout
    branded = effective_palette(spec, analysis, brand_colors=['#12a150'])
    image = paint_background(layout=layout_for(spec, branded), palette=branded, seed=1)
    assert image.getpixel((640, 360)) == paint_background(layout=spec.layout, palette=plain, seed=1).getpixel(
        (640, 360)
    )


def test_every_layout_family_has_three_to_five_templates_and_every_category_several(
    library: list[TemplateSpec],
) -> None:
    assert len(library) >= 48
    families = Counter(spec.family for spec in library)
    assert set(families) == set(FAMILIES) and all(3 <= n <= 5 for n in families.values()), families
    for category in CATEGORIES:
        assert len({spec.family for spec in library if spec.category == category}) >= 3, category


def test_badge_labels_read_on_their_pills(library: list[TemplateSpec]) -> None:
    for spec in library:
        for accent in spec.layout['accents']:
            if accent['kind'] == 'badge':
                assert contrast_ratio(accent['color'], accent['text_color']) >= 4.5, spec.slug


def test_an_unknown_family_is_refused() -> None:
    with pytest.raises(InvalidRequest) as caught:
        parse_template({**shipped_data(), 'family': 'slideshow'}, source='x.json')
    assert 'family' in caught.value.user_message
