"""The OpenAI image provider, driven through the real openai SDK against a loopback fake of the API."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from PIL import Image

from routix.core.errors import ProviderTimeout, ProviderUnavailable, RateLimited, Refused
from routix.providers.base import ImageRequest
from routix.providers.openai_images import OpenAIImageProvider, size_for
from tests.fakes import OPENAI_KEY, OpenAIFake, RecordingSleep, Step, make_settings, png_bytes
from tests.fakes.checks import assert_no_key, png_size

REQUEST = ImageRequest(prompt='a neon arcade at night, dramatic light', seed=7)


@pytest.fixture
def fake() -> Iterator[OpenAIFake]:
    with OpenAIFake() as server:
        yield server


@pytest.fixture
async def provider(fake: OpenAIFake, sleep: RecordingSleep) -> AsyncIterator[OpenAIImageProvider]:
    settings = make_settings(openai_api_key=OPENAI_KEY, openai_base_url=fake.base_url, openai_timeout=0.3)
    provider = OpenAIImageProvider(settings, sleep=sleep)
    yield provider
    await provider.aclose()


async def test_generates_exact_canvas_with_the_contract_request(
    fake: OpenAIFake, provider: OpenAIImageProvider
) -> None:
    result = await provider.generate(REQUEST)

    assert png_size(result.image) == (1280, 720)
    assert (result.provider, result.model) == ('openai', 'gpt-image-2')
    [sent] = fake.requests
    assert sent.path == '/v1/images/generations'
    assert sent.headers['authorization'] == f'Bearer {OPENAI_KEY}'
    assert sent.headers['x-stainless-retry-count'] == '0'
    assert sent.json['model'] == 'gpt-image-2'
    assert sent.json['size'] == '1280x720'
    assert sent.json['n'] == 1
    assert sent.json['output_format'] == 'png'
    assert 'a neon arcade' in sent.json['prompt']
    assert 'response_format' not in sent.json  # GPT image models reject it


async def test_wrong_size_is_cover_cropped_to_exactly_1280x720(fake: OpenAIFake, provider: OpenAIImageProvider) -> None:
    fake.script(Step(size=(1536, 1024)))

    result = await provider.generate(REQUEST)

    assert png_size(result.image) == (1280, 720)


async def test_rate_limit_honours_retry_after_then_succeeds(
    fake: OpenAIFake, provider: OpenAIImageProvider, sleep: RecordingSleep
) -> None:
    fake.script(Step(kind='rate_limited', retry_after=2), 'ok')

    result = await provider.generate(REQUEST)

    assert png_size(result.image) == (1280, 720)
    assert sleep.delays == [2.0]
    assert len(fake.requests) == 2


async def test_retry_after_beyond_the_cap_gives_up_at_once(
    fake: OpenAIFake, provider: OpenAIImageProvider, sleep: RecordingSleep
) -> None:
    fake.script(Step(kind='rate_limited', retry_after=600))

    with pytest.raises(RateLimited):
        await provider.generate(REQUEST)
    assert sleep.delays == []
    assert len(fake.requests) == 1


async def test_server_errors_are_retried_then_unavailable(
    fake: OpenAIFake, provider: OpenAIImageProvider, sleep: RecordingSleep
) -> None:
    fake.script('server_error', 'server_error', 'server_error')

    with pytest.raises(ProviderUnavailable):
        await provider.generate(REQUEST)
    assert len(fake.requests) == 3  # 1 + provider_retries
    assert len(sleep.delays) == 2
    assert all(0 <= d <= 8 for d in sleep.delays)


async def test_hang_becomes_provider_timeout(fake: OpenAIFake) -> None:
    settings = make_settings(
        openai_api_key=OPENAI_KEY, openai_base_url=fake.base_url, openai_timeout=0.3, provider_retries=0
    )
    provider = OpenAIImageProvider(settings, sleep=RecordingSleep())
    fake.script('hang')
    try:
        with pytest.raises(ProviderTimeout):
            await provider.generate(REQUEST)
    finally:
        await provider.aclose()
    assert len(fake.requests) == 1


@pytest.mark.parametrize('kind', ['malformed', 'empty'])
async def test_malformed_answer_is_unavailable_and_not_retried(
    fake: OpenAIFake, provider: OpenAIImageProvider, kind: str
) -> None:
    fake.script(kind)

    with pytest.raises(ProviderUnavailable):
        await provider.generate(REQUEST)
    assert len(fake.requests) == 1


@pytest.mark.parametrize('kind', ['refused', 'legacy_refused'])
async def test_refusal_is_refused_and_never_retried(
    fake: OpenAIFake,
    provider: OpenAIImageProvider,
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
    assert_no_key(caught.value, caplog, OPENAI_KEY)


async def test_reference_image_goes_to_the_edits_endpoint_intact(
    fake: OpenAIFake, provider: OpenAIImageProvider
) -> None:
    reference = png_bytes((96, 54), color=(10, 120, 200))

    result = await provider.generate(ImageRequest(prompt='same vibe, brighter', reference=reference))

    assert png_size(result.image) == (1280, 720)
    [sent] = fake.requests
    assert sent.path == '/v1/images/edits'
    assert sent.headers['content-type'].startswith('multipart/form-data')
    [part] = [f for f in sent.files if f.name in ('image', 'image[]')]
    assert part.content_type == 'image/png'
    with Image.open(io.BytesIO(part.data)) as got, Image.open(io.BytesIO(reference)) as want:
        assert got.size == want.size
        assert got.convert('RGB').tobytes() == want.convert('RGB').tobytes()
    assert sent.fields['model'] == 'gpt-image-2'
    assert sent.fields['size'] == '1280x720'


async def test_rejected_key_never_leaks(
    fake: OpenAIFake, provider: OpenAIImageProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.script('bad_key')  # the fake echoes the key in its message, like the real API's 401

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.generate(REQUEST)
    assert caught.value.code == 'provider.key_rejected'
    assert caught.value.user_message == 'The provider rejected the API key.'
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert_no_key(caught.value, caplog, OPENAI_KEY)
    assert OPENAI_KEY not in repr(provider)


async def test_check_retrieves_the_model(fake: OpenAIFake, provider: OpenAIImageProvider) -> None:
    assert 'gpt-image-2' in await provider.check()
    assert fake.requests[0].path == '/v1/models/gpt-image-2'


def test_size_per_model_family() -> None:
    assert size_for('gpt-image-2', 1280, 720) == '1280x720'
    assert size_for('gpt-image-2.5-flare', 1000, 1000) == '1536x864'  # not a multiple of 16
    assert size_for('gpt-image-1.5', 1280, 720) == '1536x1024'
    assert size_for('dall-e-3', 1280, 720) == '1792x1024'
