"""Ranking the shipped template library against requests a creator might make."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest

from components.proposal_card import reason_text
from routix.analysis.model import Analysis
from routix.analysis.offline import analyze_prompt
from routix.design.families import family_hints
from routix.design.matching import WEIGHTS, Reason, TemplateMatch, match_templates, pinned_match
from routix.design.templates import TemplateSpec, load_templates
from routix.vocabulary import CATEGORIES

# What an analyser would read from a typical request of each category: style, mood, palette, English and Persian.
TYPICAL = {
    'gaming': ('neon', 'energetic', ['#1a0b2e', '#ff2e88'], 'I Beat The Final Boss', 'باس آخر را شکست دادم'),
    'tech': ('clean', 'serious', ['#ffffff', '#1e3a8a'], 'iPhone 17 Honest Review', 'بررسی صادقانه آیفون ۱۷'),
    'education': ('clean', 'inspiring', ['#ffffff', '#f97316'], 'Learn Python In 10 Minutes', 'پایتون در ۱۰ دقیقه'),
    'vlog': ('playful', 'fun', ['#ffd166', '#ef476f'], 'A Day In My Life', 'یک روز از زندگی من'),
    'cooking': ('playful', 'fun', ['#ffcf56', '#e63946'], 'Easy 10-Minute Pasta', 'پاستای ده دقیقه‌ای'),
    'fitness': ('bold', 'energetic', ['#111111', '#ff3b30'], '30 Day Abs Challenge', 'چالش ۳۰ روزه شکم'),
    'finance': ('bold', 'serious', ['#052e16', '#4ade80'], 'How I Saved $10,000', 'چطور پس‌انداز کردم'),
    'travel': ('cinematic', 'inspiring', ['#0ea5e9', '#f97316'], 'Hidden Beaches Of Bali', 'ساحل‌های پنهان بالی'),
    'music': ('retro', 'energetic', ['#1a0033', '#ff2bd6'], 'Top 10 Synthwave Tracks', 'ده آهنگ برتر سینت‌ویو'),
    'news': ('bold', 'urgent', ['#b91c1c', '#ffffff'], 'Breaking: Markets Crash', 'خبر فوری: سقوط بازار'),
    'beauty': ('elegant', 'calm', ['#ffe4ec', '#f9a8c9'], 'My Everyday Makeup', 'آرایش روزانه من'),
    'sports': ('bold', 'energetic', ['#002147', '#ffd100'], 'Best Goals Of The Season', 'بهترین گل‌های فصل'),
}


@pytest.fixture(scope='module')
def library() -> list[TemplateSpec]:
    return load_templates()


def request(category: str, *, persian: bool = False, **changes: Any) -> Analysis:
    style, mood, palette, english, farsi = TYPICAL[category]
    analysis = Analysis(
        category=category,
        style=style,
        mood=mood,
        palette=palette,
        headline=farsi if persian else english,
        language='fa' if persian else 'en',
        direction='rtl' if persian else 'ltr',
    )
    return dataclasses.replace(analysis, **changes)


def by_slug(library: list[TemplateSpec], slug: str) -> TemplateSpec:
    return next(spec for spec in library if spec.slug == slug)


def test_the_weights_sum_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)
    assert set(WEIGHTS) == {'category', 'style', 'mood', 'palette', 'text_fit', 'script', 'family'}


@pytest.mark.parametrize('category', CATEGORIES)
def test_a_request_gets_a_template_of_its_category_first(library: list[TemplateSpec], category: str) -> None:
    best = match_templates(request(category), library, top_n=1)[0]
    assert by_slug(library, best.slug).category == category
    assert Reason(code='same', params={'aspect': 'category'}) in best.reasons


@pytest.mark.parametrize('category', CATEGORIES)
def test_a_persian_headline_never_gets_a_latin_only_template_first(library: list[TemplateSpec], category: str) -> None:
    best = match_templates(request(category, persian=True), library, top_n=1)[0]
    spec = by_slug(library, best.slug)
    assert 'arabic' in spec.scripts and spec.category == category
    assert Reason(code='persian') in best.reasons


def test_an_english_gaming_prompt_ranks_gaming_first(library: list[TemplateSpec]) -> None:
    matches = match_templates(request('gaming', palette=[]), library, top_n=3)
    assert [by_slug(library, m.slug).category for m in matches] == ['gaming'] * 3


def test_a_persian_cooking_headline_gets_a_cooking_template_that_writes_persian(library: list[TemplateSpec]) -> None:
    best = match_templates(request('cooking', persian=True, style='elegant', mood='calm'), library, top_n=1)[0]
    spec = by_slug(library, best.slug)
    assert spec.category == 'cooking' and 'arabic' in spec.scripts


def test_script_outweighs_everything_else_a_latin_only_template_offers(library: list[TemplateSpec]) -> None:
    latin = by_slug(library, 'beauty-blush-glow')  # serif, latin only; the request below matches it perfectly
    persian = by_slug(library, 'beauty-glam-dots')
    analysis = request('beauty', persian=True, style=latin.style, mood=latin.mood, palette=latin.palette)
    assert pinned_match(analysis, latin).breakdown['script'] == 0.0
    assert [m.slug for m in match_templates(analysis, [latin, persian])] == [persian.slug, latin.slug]
    assert Reason(code='no_persian') in pinned_match(analysis, latin).reasons


def test_scores_are_sorted_in_range_and_add_up(library: list[TemplateSpec]) -> None:
    for category in CATEGORIES:
        for persian in (False, True):
            matches = match_templates(request(category, persian=persian), library, top_n=len(library))
            assert len(matches) == len(library)
            assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
            for match in matches:
                assert 0.0 <= match.score <= 1.0
                assert set(match.breakdown) == set(WEIGHTS)
                assert all(0.0 <= value <= 1.0 for value in match.breakdown.values())
                assert match.score == pytest.approx(sum(WEIGHTS[k] * v for k, v in match.breakdown.items()))


def test_palette_closeness_decides_between_two_otherwise_equal_templates(library: list[TemplateSpec]) -> None:
    purple, green = by_slug(library, 'gaming-neon-burst'), by_slug(library, 'gaming-toxic-grid')
    assert (purple.style, purple.mood) == (green.style, green.mood)
    short = 'GG'  # fits every box, so only the palette differs
    toward_green = match_templates(request('gaming', headline=short, palette=['#050a05', '#39ff14']), library)
    toward_purple = match_templates(request('gaming', headline=short, palette=['#12002b', '#ff00e0']), library)
    assert toward_green[0].slug == green.slug and Reason(code='palette') in toward_green[0].reasons
    assert toward_purple[0].slug == purple.slug
    twin = dataclasses.replace(purple, slug='a-twin', palette=['#ffffff', '#ff8800'], layout=purple.layout)
    ranked = match_templates(request('gaming', headline=short, palette=['#12002b', '#ff00e0']), [twin, purple])
    assert [m.slug for m in ranked] == [purple.slug, twin.slug]
    assert ranked[0].breakdown['palette'] > ranked[1].breakdown['palette']


def test_top_n_is_respected(library: list[TemplateSpec]) -> None:
    analysis = request('tech')
    assert len(match_templates(analysis, library)) == 3
    assert len(match_templates(analysis, library, top_n=1)) == 1
    assert len(match_templates(analysis, library, top_n=500)) == len(library)
    assert match_templates(analysis, library, top_n=0) == []
    assert match_templates(analysis, [], top_n=3) == []


def test_ranking_is_deterministic_and_ties_go_by_slug(library: list[TemplateSpec]) -> None:
    analysis = request('vlog', persian=True)
    assert match_templates(analysis, library, top_n=10) == match_templates(analysis, library[::-1], top_n=10)
    spec = by_slug(library, 'vlog-sunny-day')
    twins = [dataclasses.replace(spec, slug=slug) for slug in ('vlog-z', 'vlog-a', 'vlog-m')]
    ranked = match_templates(analysis, twins)
    assert [m.slug for m in ranked] == ['vlog-a', 'vlog-m', 'vlog-z']
    assert len({m.score for m in ranked}) == 1


def test_a_pinned_template_is_scored_like_in_the_ranking(library: list[TemplateSpec]) -> None:
    analysis = request('music')
    ranked = {m.slug: m for m in match_templates(analysis, library, top_n=len(library))}
    pinned = pinned_match(analysis, by_slug(library, 'news-explained-clean'))
    assert isinstance(pinned, TemplateMatch)
    assert pinned == ranked['news-explained-clean']
    assert pinned.name == 'News Explained'
    assert pinned.to_dict()['breakdown'] == pinned.breakdown


def test_a_long_headline_fits_worse_and_says_so(library: list[TemplateSpec]) -> None:
    spec = by_slug(library, 'gaming-neon-burst')
    short = pinned_match(request('gaming'), spec)
    long = pinned_match(
        request('gaming', headline='The Ultimate Beginner Guide To Building Your First Gaming PC In 2025'), spec
    )
    assert short.breakdown['text_fit'] == 1.0 and Reason(code='fits', params={'n': 5}) in short.reasons
    assert long.breakdown['text_fit'] < 0.35 and Reason(code='tight', params={'n': 12}) in long.reasons


def test_related_categories_score_in_between(library: list[TemplateSpec]) -> None:
    tech = pinned_match(request('gaming'), by_slug(library, 'tech-neon-circuit'))
    beauty = pinned_match(request('gaming'), by_slug(library, 'beauty-glam-dots'))
    assert 0.0 < tech.breakdown['category'] < 1.0
    assert Reason(code='related', params={'category': 'tech'}) in tech.reasons
    assert beauty.breakdown['category'] == 0.0


def test_no_palette_in_the_request_is_neutral(library: list[TemplateSpec]) -> None:
    matches = match_templates(request('travel', palette=[]), library, top_n=len(library))
    assert {m.breakdown['palette'] for m in matches} == {0.5}
    assert all(Reason(code='palette') not in m.reasons for m in matches)


def test_reasons_are_stored_as_codes_and_read_in_either_language(library: list[TemplateSpec]) -> None:
    match = pinned_match(request('gaming'), by_slug(library, 'tech-neon-circuit'))
    stored = json.loads(json.dumps(dataclasses.asdict(match)))['reasons']  # as a proposal's meta keeps it
    assert {'code': 'related', 'params': {'category': 'tech'}} in stored
    assert 'related category (tech)' in [reason_text(reason, 'en') for reason in stored]
    for reason in stored:
        persian = reason_text(reason, 'fa')
        assert re.search('[\u0600-\u06ff]', persian) and not re.search('[A-Za-z]{3,}', persian), persian


def test_english_reasons_read_as_the_matcher_always_wrote_them() -> None:
    said = [
        (Reason(code='same', params={'aspect': 'style'}), 'same style'),
        (Reason(code='similar', params={'aspect': 'mood', 'value': 'fun'}), 'similar mood (fun)'),
        (Reason(code='no_persian'), 'font has no Persian glyphs'),
        (Reason(code='tight', params={'n': 12}), 'tight for a 12-word headline'),
    ]
    for reason, english in said:
        assert reason_text(reason.to_dict(), 'en') == reason_text(reason, 'en') == english


def test_reasons_stored_as_english_sentences_are_shown_as_they_are() -> None:
    assert reason_text('same category', 'fa') == 'same category'


@pytest.mark.parametrize(
    ('prompt', 'family'),
    [
        ('iPhone vs Samsung which is better', 'versus'),
        ('آیفون در مقابل سامسونگ', 'versus'),
        ('top 5 street foods in Bangkok', 'list'),
        ('۵ نکته برای خواب بهتر', 'list'),
        ('the secret nobody tells you about investing', 'mystery'),
        ('راز پولدار شدن', 'mystery'),
        ('unboxing the new MacBook Pro', 'showcase'),
        ('reacting to my first video', 'reaction'),
        ('tokyo travel vlog', 'travel'),
        ('breaking: election results live', 'news'),
    ],
)
def test_the_words_of_a_request_pick_the_layout_family(library: list[TemplateSpec], prompt: str, family: str) -> None:
    analysis = analyze_prompt(prompt)
    best = by_slug(library, match_templates(analysis, library, top_n=1)[0].slug)
    assert best.family == family and best.category == analysis.category, best.slug


def test_a_request_that_calls_for_no_layout_leaves_the_family_neutral(library: list[TemplateSpec]) -> None:
    analysis = analyze_prompt('pizza recipe in 10 minutes')
    assert family_hints(analysis) == frozenset()
    assert {m.breakdown['family'] for m in match_templates(analysis, library, top_n=len(library))} == {0.5}
