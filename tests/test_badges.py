"""Badges say something the creator wrote, in the headline's language, or are left out; 'remove the badge' works."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image, ImageChops

from routix import render
from routix.analysis.offline import analyze_prompt
from routix.design.badge import badge_for
from routix.design.templates import TemplateSpec, effective_palette, initial_text_layer, layout_for, load_templates
from routix.design.textlayer import TextLayer
from routix.edits import apply_edit, parse_edit

LIBRARY = {spec.slug: spec for spec in load_templates()}
WITH_BADGE = [spec for spec in LIBRARY.values() if any(a['kind'] == 'badge' for a in spec.layout['accents'])]
PLAIN_PROMPTS = ('easy pasta recipe for busy weeknights', 'champion reacts to the final match', 'how the economy works')
PERSIAN_PROMPTS = ('چالش ۳۰ روزه تناسب اندام', 'آموزش رایگان فتوشاپ', 'بررسی گوشی جدید سامسونگ', 'قسمت ۲ سفر به شیراز')


def _badge_box(spec: TemplateSpec) -> tuple[int, int, int, int]:
    x, y, w, h = next(a['box'] for a in spec.layout['accents'] if a['kind'] == 'badge')
    return x, y, x + w, y + h


def _render(spec: TemplateSpec, text: TextLayer, prompt: str, *, slot: bool = True) -> Image.Image:
    """The composed thumbnail as RGB; ``slot=False`` renders it as if the template had no badge slot."""
    analysis = analyze_prompt(prompt)
    palette = effective_palette(spec, analysis)
    layout: dict[str, Any] = layout_for(spec, palette)
    if not slot:
        layout = {**layout, 'accents': [a for a in layout['accents'] if a['kind'] != 'badge']}
    background = render.paint_background(layout=layout, palette=palette, seed=3)
    composed = render.compose(background=background, layout=layout, text=text, reference=None, watermark=False)
    return composed.image.convert('RGB')


def _badge_drawn(spec: TemplateSpec, text: TextLayer, prompt: str) -> bool:
    box = _badge_box(spec)
    image, without = _render(spec, text, prompt), _render(spec, text, prompt, slot=False)
    return ImageChops.difference(image.crop(box), without.crop(box)).getbbox() is not None


def test_every_badge_slot_is_in_the_library() -> None:
    assert len(WITH_BADGE) >= 10  # the slots stay; only their default words go


@pytest.mark.parametrize('spec', WITH_BADGE, ids=lambda s: s.slug)
def test_a_plain_prompt_gets_no_badge(spec: TemplateSpec) -> None:
    for prompt in PLAIN_PROMPTS:
        layer = initial_text_layer(spec, analyze_prompt(prompt), prompt=prompt)
        assert layer.badge == ''
    assert not _badge_drawn(spec, layer, PLAIN_PROMPTS[-1])


def test_a_thirty_day_challenge_gets_a_thirty_days_badge() -> None:
    prompt = '30 day fitness challenge'
    spec = LIBRARY['fitness-power-stripes']
    layer = initial_text_layer(spec, analyze_prompt(prompt), prompt=prompt)
    assert layer.badge == '30 DAYS'
    assert _badge_drawn(spec, layer, prompt)


@pytest.mark.parametrize(
    ('prompt', 'badge'),
    [
        ('I survived 24h in a shopping mall', '24H'),
        ('my new record in Minecraft speedrun', 'NEW RECORD'),
        ('part 3 of the road trip', 'PART 3'),
        ('free photoshop course for beginners', 'FREE'),
        ('going live tonight with the squad', 'LIVE'),
        ('gluten free bread at home', ''),
        ('a weekend trip to New York', ''),
        ('thumbnail for my new video about cats', ''),
    ],
)
def test_the_badge_is_a_phrase_the_request_contains(prompt: str, badge: str) -> None:
    assert badge_for(prompt, persian=False) == badge


@pytest.mark.parametrize('prompt', PERSIAN_PROMPTS)
def test_a_persian_prompt_never_gets_an_english_badge(prompt: str) -> None:
    analysis = analyze_prompt(prompt)
    assert analysis.direction == 'rtl'
    for spec in WITH_BADGE:
        badge = initial_text_layer(spec, analysis, prompt=prompt).badge
        assert badge, spec.slug  # each of these prompts names something worth a badge
        assert not any('a' <= ch.lower() <= 'z' for ch in badge), (spec.slug, badge)
    assert badge_for('چالش ۳۰ روزه تناسب اندام', persian=True) == '۳۰ روز'
    assert badge_for('new phone review', persian=True) == 'جدید'  # the headline's language, not the prompt's


def test_a_persian_plain_prompt_gets_no_badge() -> None:
    prompt = 'طرز تهیه قورمه سبزی'
    spec = LIBRARY['cooking-sunny-stripes']
    layer = initial_text_layer(spec, analyze_prompt(prompt), prompt=prompt)
    assert layer.badge == ''
    assert not _badge_drawn(spec, layer, prompt)


def test_a_template_without_a_badge_slot_keeps_no_badge() -> None:
    spec = next(s for s in LIBRARY.values() if not any(a['kind'] == 'badge' for a in s.layout['accents']))
    assert initial_text_layer(spec, analyze_prompt('30 day challenge'), prompt='30 day challenge').badge == ''


@pytest.mark.parametrize('message', ['remove the badge', 'no sticker please', 'برچسب رو بردار', 'بدون برچسب'])
def test_remove_the_badge_takes_it_off_the_thumbnail(message: str) -> None:
    prompt = '30 day fitness challenge'
    spec = LIBRARY['fitness-power-stripes']
    layer = initial_text_layer(spec, analyze_prompt(prompt), prompt=prompt)
    edit = parse_edit(message)
    assert edit is not None and edit.badge == ''
    edited = apply_edit(layer, edit)
    assert edited.badge == '' and edited.headline == layer.headline
    assert not _badge_drawn(spec, edited, prompt)
    assert TextLayer.from_dict(edited.to_dict()).badge == ''
    assert edit.describe('en') == 'No badge' and edit.describe('fa') == 'بدون برچسب'


def test_an_old_text_layer_without_a_badge_reads_as_none() -> None:
    data = TextLayer(headline='OLD').to_dict()
    del data['badge']
    assert TextLayer.from_dict(data).badge == ''
