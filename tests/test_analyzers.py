"""The remote analysers against loopback fakes of OpenAI and Gemini, the cache, and the analyser choice."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator

import pytest

from routix.analysis.cache import CachedAnalyzer, cache_key
from routix.analysis.gemini_analyzer import GeminiAnalyzer
from routix.analysis.offline import analyze_prompt
from routix.analysis.openai_analyzer import OpenAIAnalyzer
from routix.analysis.registry import build_analyzer
from routix.analysis.remote import ANALYSIS_SCHEMA
from routix.vocabulary import CATEGORIES
from tests.fakes import (
    GEMINI_KEY,
    OPENAI_KEY,
    VALID_ANALYSIS,
    GeminiFake,
    OpenAIFake,
    Step,
    inline_images,
    make_settings,
    png_bytes,
)

PROMPT = 'thumbnail for my video: I beat the final boss without taking damage'
INVALID = json.dumps(VALID_ANALYSIS | {'category': 'pets', 'palette': ['red']})


@pytest.fixture
def openai_fake() -> Iterator[OpenAIFake]:
    with OpenAIFake() as server:
        yield server


@pytest.fixture
def gemini_fake() -> Iterator[GeminiFake]:
    with GeminiFake() as server:
        yield server


def _openai(fake: OpenAIFake) -> OpenAIAnalyzer:
    return OpenAIAnalyzer(make_settings(openai_api_key=OPENAI_KEY, openai_base_url=fake.base_url))


def _gemini(fake: GeminiFake) -> GeminiAnalyzer:
    return GeminiAnalyzer(make_settings(gemini_api_key=GEMINI_KEY, gemini_base_url=fake.url))


async def test_openai_structured_output_becomes_an_analysis(openai_fake: OpenAIFake) -> None:
    analyzer = _openai(openai_fake)
    reference = png_bytes((40, 30))
    try:
        analysis = await analyzer.analyze(PROMPT, images=[reference])
    finally:
        await analyzer.aclose()

    assert analysis.source == 'openai'
    assert {
        k: v for k, v in analysis.to_dict().items() if k not in {'source', 'named_colors', 'vague'}
    } == VALID_ANALYSIS
    assert analysis.named_colors == analyze_prompt(PROMPT).named_colors  # what the prompt names, not the model's guess
    [sent] = openai_fake.requests
    assert sent.path == '/v1/chat/completions'
    response_format = sent.json['response_format']
    assert response_format['type'] == 'json_schema'
    assert response_format['json_schema']['strict'] is True
    schema = response_format['json_schema']['schema']
    assert schema['properties']['category']['enum'] == list(CATEGORIES)
    assert set(schema['required']) == set(schema['properties'])  # strict mode: every field required
    user = sent.json['messages'][1]['content']
    assert user[0] == {'type': 'text', 'text': PROMPT}
    url = user[1]['image_url']['url']
    assert url.startswith('data:image/png;base64,')
    assert base64.b64decode(url.split(',', 1)[1]) == reference


@pytest.mark.parametrize(
    'step',
    [
        Step(text='Sure! Here is a gaming thumbnail.'),
        Step(text=INVALID),
        Step(kind='refused'),
        Step(kind='content_filter'),
        Step(kind='server_error'),
        Step(kind='bad_key'),
        Step(kind='malformed'),
    ],
    ids=['not-json', 'outside-vocabulary', 'refused', 'content-filter', 'server-error', 'bad-key', 'plain-text-200'],
)
async def test_openai_unusable_answers_fall_back_to_offline(
    openai_fake: OpenAIFake, step: Step, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    analyzer = _openai(openai_fake)
    openai_fake.script(step)
    try:
        analysis = await analyzer.analyze(PROMPT)
    finally:
        await analyzer.aclose()

    assert analysis.source == 'offline'
    assert analysis.is_valid()
    assert len(openai_fake.requests) == 1  # no retries: the offline analyser is the fallback
    assert 'using the offline analyser' in caplog.text
    assert OPENAI_KEY not in caplog.text


async def test_gemini_json_output_becomes_an_analysis(gemini_fake: GeminiFake) -> None:
    analyzer = _gemini(gemini_fake)
    reference = png_bytes((48, 27), color=(1, 2, 3))
    try:
        analysis = await analyzer.analyze(PROMPT, images=[reference])
    finally:
        await analyzer.aclose()

    assert analysis.source == 'gemini'
    assert analysis.headline == VALID_ANALYSIS['headline']
    [sent] = gemini_fake.requests
    assert sent.path == '/v1/models/gemini-3.5-flash:generateContent'
    config = sent.json['generationConfig']
    assert config['responseMimeType'] == 'application/json'
    assert config['responseSchema']['properties']['mood']['enum'] == ANALYSIS_SCHEMA['properties']['mood']['enum']
    assert inline_images(sent) == [reference]
    assert sent.headers['x-goog-api-key'] == GEMINI_KEY


@pytest.mark.parametrize(
    'step',
    [
        Step(text='{"category": "gaming"'),
        Step(text=INVALID),
        Step(kind='blocked'),
        Step(kind='safety'),
        Step(kind='rate_limited'),
        Step(kind='malformed'),
    ],
    ids=['truncated-json', 'outside-vocabulary', 'prompt-blocked', 'safety-stop', 'rate-limited', 'plain-text-200'],
)
async def test_gemini_unusable_answers_fall_back_to_offline(
    gemini_fake: GeminiFake, step: Step, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    analyzer = _gemini(gemini_fake)
    gemini_fake.script(step)
    try:
        analysis = await analyzer.analyze(PROMPT)
    finally:
        await analyzer.aclose()

    assert analysis.source == 'offline'
    assert len(gemini_fake.requests) == 1
    assert GEMINI_KEY not in caplog.text


async def test_cache_hit_asks_the_provider_once(openai_fake: OpenAIFake) -> None:
    inner = _openai(openai_fake)
    analyzer = CachedAnalyzer(inner)
    image = png_bytes((32, 32))
    try:
        first = await analyzer.analyze(PROMPT, images=[image])
        second = await analyzer.analyze(PROMPT, images=[png_bytes((32, 32))])  # equal bytes, new object
        first.headline = 'mutated by a caller'
        third = await analyzer.analyze(PROMPT, images=[image])
        await analyzer.analyze(PROMPT, images=[png_bytes((32, 33))])
    finally:
        await inner.aclose()

    assert second.source == 'openai'
    assert third.headline == VALID_ANALYSIS['headline']  # callers get copies
    assert len(openai_fake.requests) == 2  # the last call had a different image


async def test_cache_keeps_no_fallback_and_evicts_least_recent(openai_fake: OpenAIFake) -> None:
    inner = _openai(openai_fake)
    analyzer = CachedAnalyzer(inner, maxsize=1)
    openai_fake.script('server_error')
    try:
        assert (await analyzer.analyze(PROMPT)).source == 'offline'
        assert (await analyzer.analyze(PROMPT)).source == 'openai'  # the outage was not remembered
        await analyzer.analyze('another video')  # evicts PROMPT
        await analyzer.analyze(PROMPT)
    finally:
        await inner.aclose()

    assert len(openai_fake.requests) == 4


def test_cache_key_covers_prompt_and_images_in_order() -> None:
    a, b = png_bytes((8, 8)), png_bytes((9, 9))
    assert cache_key('p', [a, b]) == cache_key('p', [a, b])
    assert cache_key('p', [a, b]) != cache_key('p', [b, a])
    assert cache_key('p', None) == cache_key('p', [])
    assert cache_key('p', [a]) != cache_key('q', [a])


@pytest.mark.parametrize(
    ('analyzer', 'keys', 'expected'),
    [
        ('auto', {'openai_api_key': OPENAI_KEY, 'gemini_api_key': GEMINI_KEY}, 'openai'),
        ('auto', {'gemini_api_key': GEMINI_KEY}, 'gemini'),
        ('auto', {}, 'offline'),
        ('gemini', {'openai_api_key': OPENAI_KEY, 'gemini_api_key': GEMINI_KEY}, 'gemini'),
        ('offline', {'openai_api_key': OPENAI_KEY}, 'offline'),
        ('openai', {'gemini_api_key': GEMINI_KEY}, 'offline'),
    ],
)
async def test_build_analyzer_honours_the_setting_and_the_keys(
    analyzer: str, keys: dict[str, str], expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    built = build_analyzer(make_settings(analyzer=analyzer, **keys))

    assert isinstance(built, CachedAnalyzer)
    assert built.name == expected
    if analyzer == 'openai':
        assert 'API key is not set' in caplog.text
    await built.aclose()


async def test_offline_choice_answers_without_any_network() -> None:
    analyzer = build_analyzer(make_settings(analyzer='offline'))

    analysis = await analyzer.analyze('10 minute pasta recipe for busy weeknights')

    assert analysis.source == 'offline'
    assert analysis.is_valid()
