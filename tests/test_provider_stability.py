"""The Stability provider, over real httpx against a loopback fake of the v2beta API."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from PIL import Image

from routix.core.config import Settings
from routix.core.errors import ProviderTimeout, ProviderUnavailable, Refused
from routix.providers.base import ImageRequest
from routix.providers.stability import StabilityProvider
from tests.fakes import STABILITY_KEY, RecordingSleep, StabilityFake, Step, make_settings, png_bytes
from tests.fakes.checks import assert_no_key, png_size

REQUEST = ImageRequest(prompt='mountain summit at sunrise, epic scale', style_preset='cinematic', seed=11)


@pytest.fixture
def fake() -> Iterator[StabilityFake]:
    with StabilityFake() as server:
        yield server


def _settings(fake: StabilityFake, **overrides: Any) -> Settings:
    values = {'stability_api_key': STABILITY_KEY, 'stability_base_url': fake.url, 'stability_timeout': 0.3}
    return make_settings(**(values | overrides))


@pytest.fixture
async def provider(fake: StabilityFake, sleep: RecordingSleep) -> AsyncIterator[StabilityProvider]:
    provider = StabilityProvider(_settings(fake), sleep=sleep)
    yield provider
    await provider.aclose()


async def test_generates_exact_canvas_with_a_real_multipart_request(
    fake: StabilityFake, provider: StabilityProvider
) -> None:
    result = await provider.generate(REQUEST)

    assert png_size(result.image) == (1280, 720)
    assert (result.provider, result.model, result.seed) == ('stability', 'core', 343940597)
    [sent] = fake.requests
    assert sent.path == '/v2beta/stable-image/generate/core'
    assert sent.headers['content-type'].startswith('multipart/form-data')
    assert sent.headers['accept'] == 'image/*'
    assert sent.headers['authorization'] == f'Bearer {STABILITY_KEY}'
    assert sent.fields['aspect_ratio'] == '16:9'
    assert sent.fields['style_preset'] == 'cinematic'
    assert sent.fields['output_format'] == 'png'
    assert sent.fields['seed'] == '11'
    assert sent.fields['negative_prompt'] == REQUEST.negative_prompt
    assert [f.name for f in sent.files] == ['none']


async def test_wrong_size_is_cover_cropped_to_exactly_1280x720(
    fake: StabilityFake, provider: StabilityProvider
) -> None:
    fake.script(Step(size=(1024, 1024)))

    assert png_size((await provider.generate(REQUEST)).image) == (1280, 720)


async def test_rate_limit_honours_retry_after_then_succeeds(
    fake: StabilityFake, provider: StabilityProvider, sleep: RecordingSleep
) -> None:
    fake.script(Step(kind='rate_limited', retry_after=4), 'ok')

    assert png_size((await provider.generate(REQUEST)).image) == (1280, 720)
    assert sleep.delays == [4.0]
    assert len(fake.requests) == 2


async def test_server_errors_are_retried_then_unavailable(
    fake: StabilityFake, provider: StabilityProvider, sleep: RecordingSleep
) -> None:
    fake.script('server_error', 'server_error', 'server_error')

    with pytest.raises(ProviderUnavailable):
        await provider.generate(REQUEST)
    assert len(fake.requests) == 3
    assert len(sleep.delays) == 2


async def test_hang_becomes_provider_timeout(fake: StabilityFake) -> None:
    provider = StabilityProvider(_settings(fake, provider_retries=0), sleep=RecordingSleep())
    fake.script('hang')
    try:
        with pytest.raises(ProviderTimeout):
            await provider.generate(REQUEST)
    finally:
        await provider.aclose()
    assert len(fake.requests) == 1


@pytest.mark.parametrize('kind', ['malformed', 'bad_request', 'invalid_language'])
async def test_unusable_answers_are_unavailable_and_not_retried(
    fake: StabilityFake, provider: StabilityProvider, kind: str
) -> None:
    fake.script(kind)

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.generate(REQUEST)
    assert len(fake.requests) == 1
    assert 'style_preset' not in caught.value.user_message  # raw API text stays in the log detail


@pytest.mark.parametrize(
    ('kind', 'phrase'),
    [('refused', 'content moderation'), ('public_figure', 'public figure'), ('filtered', 'content policy')],
)
async def test_moderation_is_refused_with_a_clear_message_and_never_retried(
    fake: StabilityFake,
    provider: StabilityProvider,
    *,
    sleep: RecordingSleep,
    kind: str,
    phrase: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.script(kind)

    with pytest.raises(Refused) as caught:
        await provider.generate(REQUEST)
    assert phrase in caught.value.user_message  # the provider's own words when it gave any, else our default
    assert caught.value.code == ('provider.refused' if kind == 'filtered' else 'provider.refused_reason')
    assert len(fake.requests) == 1
    assert sleep.delays == []
    assert_no_key(caught.value, caplog, STABILITY_KEY)


@pytest.mark.parametrize('model', ['ultra', 'sd3.5-large'])
async def test_reference_image_round_trips_on_image_to_image_models(fake: StabilityFake, model: str) -> None:
    provider = StabilityProvider(_settings(fake, stability_model=model), sleep=RecordingSleep())
    reference = png_bytes((128, 72), color=(220, 20, 20))
    try:
        result = await provider.generate(ImageRequest(prompt='same composition, golden hour', reference=reference))
    finally:
        await provider.aclose()

    assert png_size(result.image) == (1280, 720)
    [sent] = fake.requests
    [part] = sent.files
    assert part.name == 'image'
    with Image.open(io.BytesIO(part.data)) as got, Image.open(io.BytesIO(reference)) as want:
        assert got.convert('RGB').tobytes() == want.convert('RGB').tobytes()
    assert 0 < float(sent.fields['strength']) < 1
    if model == 'ultra':
        assert sent.path.endswith('/ultra')
    else:
        assert sent.path.endswith('/sd3')
        assert (sent.fields['mode'], sent.fields['model']) == ('image-to-image', 'sd3.5-large')
        assert 'aspect_ratio' not in sent.fields


async def test_core_ignores_the_reference_and_says_so(
    fake: StabilityFake, provider: StabilityProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger='routix')

    await provider.generate(ImageRequest(prompt='x', reference=png_bytes((64, 64))))

    assert [f.name for f in fake.requests[0].files] == ['none']
    assert 'no image-to-image' in caplog.text


async def test_rejected_key_never_leaks(
    fake: StabilityFake, provider: StabilityProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.script('bad_key')  # the fake echoes the key back in errors[0]

    with pytest.raises(ProviderUnavailable) as caught:
        await provider.generate(REQUEST)
    assert caught.value.code == 'provider.key_rejected'
    assert caught.value.user_message == 'The provider rejected the API key.'
    assert_no_key(caught.value, caplog, STABILITY_KEY)
    assert STABILITY_KEY not in repr(provider)


async def test_check_reports_the_balance(fake: StabilityFake, provider: StabilityProvider) -> None:
    assert await provider.check() == 'ok: 42.5 credits left'
    assert fake.requests[0].path == '/v1/user/balance'


async def test_unknown_style_preset_is_dropped_not_sent(fake: StabilityFake, provider: StabilityProvider) -> None:
    await provider.generate(ImageRequest(prompt='x', style_preset='watercolour'))

    assert 'style_preset' not in fake.requests[0].fields
