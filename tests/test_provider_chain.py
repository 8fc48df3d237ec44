"""Provider chains and the registry against loopback fakes, and the retry policy they rely on."""

from __future__ import annotations

import email.utils
import io
import time
from collections.abc import Awaitable, Callable, Iterator

import pytest
from PIL import Image

from routix.core.config import Settings
from routix.core.errors import ProviderError, ProviderTimeout, ProviderUnavailable, RateLimited, Refused
from routix.providers.base import ImageProvider, ImageRequest
from routix.providers.registry import build_image_providers, chain_for, check_providers
from routix.providers.retry import annotate, backoff_delay, retry_after_from, scrub, with_retries
from tests.fakes import (
    GEMINI_KEY,
    OPENAI_KEY,
    STABILITY_KEY,
    GeminiFake,
    OpenAIFake,
    RecordingSleep,
    StabilityFake,
    make_settings,
)

REQUEST = ImageRequest(prompt='a chef tossing a flaming wok')


@pytest.fixture
def fakes() -> Iterator[tuple[OpenAIFake, GeminiFake, StabilityFake]]:
    with OpenAIFake() as openai_fake, GeminiFake() as gemini_fake, StabilityFake() as stability_fake:
        yield openai_fake, gemini_fake, stability_fake


def _settings(fakes: tuple[OpenAIFake, GeminiFake, StabilityFake], **overrides: object) -> Settings:
    openai_fake, gemini_fake, stability_fake = fakes
    values: dict[str, object] = {
        'openai_api_key': OPENAI_KEY,
        'openai_base_url': openai_fake.base_url,
        'gemini_api_key': GEMINI_KEY,
        'gemini_base_url': gemini_fake.url,
        'stability_api_key': STABILITY_KEY,
        'stability_base_url': stability_fake.url,
        'provider_retries': 0,
        'premium_providers': 'stability',
        'pro_providers': 'openai,gemini',
    }
    return make_settings(**(values | overrides))


async def _close(providers: dict[str, ImageProvider]) -> None:
    for provider in providers.values():
        await provider.aclose()


async def test_first_provider_down_second_one_paints(fakes: tuple[OpenAIFake, GeminiFake, StabilityFake]) -> None:
    openai_fake, gemini_fake, _ = fakes
    openai_fake.script('server_error')
    settings = _settings(fakes)
    providers = build_image_providers(settings, sleep=RecordingSleep())
    try:
        image = await chain_for(settings, providers, 'pro').generate(REQUEST)
    finally:
        await _close(providers)

    assert image.provider == 'gemini'
    with Image.open(io.BytesIO(image.image)) as picture:
        assert picture.size == (1280, 720)
    assert (len(openai_fake.requests), len(gemini_fake.requests)) == (1, 1)


async def test_refusal_is_never_shopped_to_the_next_provider(
    fakes: tuple[OpenAIFake, GeminiFake, StabilityFake],
) -> None:
    openai_fake, gemini_fake, _ = fakes
    openai_fake.script('refused')
    settings = _settings(fakes)
    providers = build_image_providers(settings)
    try:
        with pytest.raises(Refused) as caught:
            await chain_for(settings, providers, 'pro').generate(REQUEST)
    finally:
        await _close(providers)

    assert gemini_fake.requests == []
    assert caught.value.attempts == ['openai: refused']


async def test_all_down_raises_the_last_error_with_a_summary(
    fakes: tuple[OpenAIFake, GeminiFake, StabilityFake],
) -> None:
    openai_fake, gemini_fake, _ = fakes
    openai_fake.script('server_error')
    gemini_fake.script('rate_limited')
    settings = _settings(fakes)
    providers = build_image_providers(settings)
    try:
        with pytest.raises(RateLimited) as caught:
            await chain_for(settings, providers, 'pro').generate(REQUEST)
    finally:
        await _close(providers)

    assert caught.value.summary == 'openai: unavailable; gemini: rate limited'


async def test_registry_builds_only_configured_providers_and_skips_unknown_names() -> None:
    settings = make_settings(
        stability_api_key=STABILITY_KEY, pro_providers='openai,midjourney', premium_providers='gemini, stability'
    )
    providers = build_image_providers(settings)
    try:
        assert set(providers) == {'stability'}
        assert chain_for(settings, providers, 'pro') is None
        premium = chain_for(settings, providers, 'premium')
        assert premium is not None
        assert [p.name for p in premium.providers] == ['stability']
        assert chain_for(settings, providers, 'basic') is None
    finally:
        await _close(providers)


async def test_check_providers_reports_each_without_keys(
    fakes: tuple[OpenAIFake, GeminiFake, StabilityFake],
) -> None:
    _, gemini_fake, _ = fakes
    gemini_fake.script('bad_key')
    statuses = await check_providers(_settings(fakes, stability_api_key=''))

    by_name = {s.name: s for s in statuses}
    assert [s.name for s in statuses] == ['openai', 'gemini', 'stability']
    assert by_name['openai'].ok is True and by_name['openai'].configured
    assert by_name['gemini'].ok is False
    assert by_name['gemini'].detail == 'The provider rejected the API key.'
    assert (by_name['stability'].configured, by_name['stability'].ok) == (False, None)
    for status in statuses:
        for key in (OPENAI_KEY, GEMINI_KEY, STABILITY_KEY):
            assert key not in repr(status)


# --- the retry policy (no network) ---------------------------------------------------------------------------


def _failing(*errors: ProviderError) -> tuple[Callable[[], Awaitable[str]], list[int]]:
    calls: list[int] = []

    async def call() -> str:
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return 'done'

    return call, calls


async def test_refused_is_never_retried() -> None:
    call, calls = _failing(Refused())
    with pytest.raises(Refused):
        await with_retries(call, attempts=5, sleep=RecordingSleep())
    assert len(calls) == 1


async def test_transient_errors_back_off_with_full_jitter() -> None:
    sleep = RecordingSleep()
    call, calls = _failing(annotate(ProviderUnavailable(), retryable=True), RateLimited(), RateLimited())
    assert await with_retries(call, attempts=4, base_delay=0.5, max_delay=1.0, sleep=sleep) == 'done'
    assert len(calls) == 4
    assert [0 <= d <= cap for d, cap in zip(sleep.delays, (0.5, 1.0, 1.0), strict=True)] == [True] * 3


async def test_timeouts_are_retried_only_once() -> None:
    call, calls = _failing(ProviderTimeout(), ProviderTimeout(), ProviderTimeout())
    with pytest.raises(ProviderTimeout):
        await with_retries(call, attempts=5, sleep=RecordingSleep())
    assert len(calls) == 2


async def test_unavailable_without_retryable_flag_is_final() -> None:
    call, calls = _failing(ProviderUnavailable('The provider rejected the API key.'))
    with pytest.raises(ProviderUnavailable):
        await with_retries(call, attempts=3, sleep=RecordingSleep())
    assert len(calls) == 1


async def test_retry_after_is_honoured_up_to_the_cap() -> None:
    sleep = RecordingSleep()
    call, calls = _failing(annotate(RateLimited(), retry_after=12.5), annotate(RateLimited(), retry_after=31))
    with pytest.raises(RateLimited):
        await with_retries(call, attempts=5, sleep=sleep, max_retry_after=30)
    assert sleep.delays == [12.5]
    assert len(calls) == 2


def test_retry_after_header_forms() -> None:
    assert retry_after_from({'Retry-After': '3'}) == 3.0
    assert retry_after_from({'retry-after-ms': '250', 'retry-after': '9'}) == 0.25
    assert retry_after_from({}) is None
    later = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert 15 < retry_after_from({'retry-after': later}) <= 20  # type: ignore[operator]
    assert retry_after_from({'retry-after': 'soon'}) is None


def test_backoff_stays_within_the_exponential_cap() -> None:
    assert all(
        0 <= backoff_delay(n, base_delay=0.5, max_delay=8.0) <= min(8.0, 0.5 * 2 ** (n - 1)) for n in range(1, 9)
    )


def test_scrub_removes_keys_and_key_shaped_text() -> None:
    text = f'Incorrect API key provided: {OPENAI_KEY}; header Bearer abc.def; {GEMINI_KEY}; custom-secret-1'
    cleaned = scrub(text, 'custom-secret-1')
    for secret in (OPENAI_KEY, GEMINI_KEY, 'abc.def', 'custom-secret-1'):
        assert secret not in cleaned
