"""The Gemini image provider, driven through the real google-genai SDK against a loopback fake of the API."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from PIL import Image

from routix.core.errors import ProviderTimeout, ProviderUnavailable, RateLimited, Refused
from routix.providers.base import ImageRequest
from routix.providers.gemini_images import GeminiImageProvider
from tests.fakes import GEMINI_KEY, GeminiFake, RecordingSleep, Step, inline_images, make_settings, png_bytes
from tests.fakes.checks import assert_no_key, png_size

REQUEST = ImageRequest(prompt='a cosy kitchen, warm morning light, steam rising')


@pytest.fixture
def fake() -> Iterator[GeminiFake]:
    with GeminiFake() as server:
        yield server


@pytest.fixture
async def provider(fake: GeminiFake, sleep: RecordingSleep) -> AsyncIterator[GeminiImageProvider]:
    settings = make_settings(gemini_api_key=GEMINI_KEY, gemini_base_url=fake.url, gemini_timeout=0.3)
    provider = GeminiImageProvider(settings, sleep=sleep)
    yield provider
    await provider.aclose()


async def test_generates_exact_canvas_with_the_contract_request(
    fake: GeminiFake, provider: GeminiImageProvider
) -> None:
    result = await provider.generate(REQUEST)

    assert png_size(result.image) == (1280, 720)  # the fake paints 1344×768, like the real 16:9 1K output
    assert (result.provider, result.model) == ('gemini', 'gemini-3.1-flash-image')
    [sent] = fake.requests
    assert sent.path == '/v1/models/gemini-3.1-flash-image:generateContent'
    assert sent.headers['x-goog-api-key'] == GEMINI_KEY
    assert 'key' not in sent.query
    config = sent.json['generationConfig']
    assert config['responseModalities'] == ['TEXT', 'IMAGE']
    assert config['imageConfig'] == {'aspectRatio': '16:9'}
    assert 'steam rising' in sent.json['contents'][0]['parts'][0]['text']


async def test_wrong_size_is_cover_cropped_to_exactly_1280x720(fake: GeminiFake, provider: GeminiImageProvider) -> None:
    fake.script(Step(size=(1024, 1024)))

    assert png_size((await provider.generate(REQUEST)).image) == (1280, 720)


async def test_rate_limit_honours_retry_delay_then_succeeds(
    fake: GeminiFake, provider: GeminiImageProvider, sleep: RecordingSleep
) -> None:
    fake.script(Step(kind='rate_limited', retry_after=3), 'ok')

    result = await provider.generate(REQUEST)

    assert png_size(result.image) == (1280, 720)
    assert sleep.delays == [3.0]
    assert len(fake.requests) == 2


async def test_server_errors_are_retried_then_unavailable(
    fake: GeminiFake, provider: GeminiImageProvider, sleep: RecordingSleep
) -> None:
    fake.script('server_error', Step(kind='server_error', status=503), 'server_error')

    with pytest.raises(ProviderUnavailable):
        await provider.generate(REQUEST)
    assert len(fake.requests) == 3
    assert len(sleep.delays) == 2


async def test_hang_becomes_provider_timeout(fake: GeminiFake) -> None:
    settings = make_settings(
        gemini_api_key=GEMINI_KEY, gemini_base_url=fake.url, gemini_timeout=0.3, provider_retries=0
    )
    provider = GeminiImageProvider(settings, sleep=RecordingSleep())
    fake.script('hang')
    try:
        with pytest.raises(ProviderTimeout):
            await provider.generate(REQUEST)
    finally:
        await provider.aclose()
    assert len(fake.requests) == 1


@pytest.mark.parametrize('kind', ['malformed', 'no_image'])
async def test_malformed_or_imageless_answer_is_unavailable(
    fake: GeminiFake, provider: GeminiImageProvider, kind: str
) -> None:
    fake.script(kind)

    with pytest.raises(ProviderUnavailable):
        await provider.generate(REQUEST)
    assert len(fake.requests) == 1


@pytest.mark.parametrize('kind', ['blocked', 'safety'])
async def test_safety_block_is_refused_and_never_retried(
    fake: GeminiFake,
    provider: GeminiImageProvider,
    sleep: RecordingSleep,
    kind: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.script(kind)

    with pytest.raises(Refused) as caught:
        await provider.generate(REQUEST)
    assert 'content policy' in caught.value.user_message
    assert len(fake.requests) == 1
    assert sleep.delays == []
    assert_no_key(caught.value, caplog, GEMINI_KEY)


async def test_reference_image_travels_inline_intact(fake: GeminiFake, provider: GeminiImageProvider) -> None:
    reference = png_bytes((80, 45), color=(30, 200, 90))

    await provider.generate(ImageRequest(prompt='in the style of this one', reference=reference))

    [sent] = inline_images(fake.requests[0])
    with Image.open(io.BytesIO(sent)) as got, Image.open(io.BytesIO(reference)) as want:
        assert got.convert('RGB').tobytes() == want.convert('RGB').tobytes()


async def test_invalid_key_is_a_safe_unavailable(
    fake: GeminiFake, provider: GeminiImageProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.script('bad_key')

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.generate(REQUEST)
    assert caught.value.code == 'provider.key_rejected'
    assert caught.value.user_message == 'The provider rejected the API key.'
    assert len(fake.requests) == 1
    assert_no_key(caught.value, caplog, GEMINI_KEY)
    assert GEMINI_KEY not in repr(provider)


async def test_check_gets_the_model(fake: GeminiFake, provider: GeminiImageProvider) -> None:
    assert 'gemini-3.1-flash-image' in await provider.check()
    assert fake.requests[0].method == 'GET'


async def test_rate_limit_after_retries_is_rate_limited(
    fake: GeminiFake, provider: GeminiImageProvider, sleep: RecordingSleep
) -> None:
    fake.script(*[Step(kind='rate_limited', retry_after=0.5)] * 3)

    with pytest.raises(RateLimited):
        await provider.generate(REQUEST)
    assert sleep.delays == [0.5, 0.5]
