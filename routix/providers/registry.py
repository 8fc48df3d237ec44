"""Build the configured image providers and their tier chains; check them for ``routix providers check``.

Provider modules are imported only when their key is configured: google-genai alone takes about a second to
import, and an install that uses only Stability should not pay for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from routix.core.config import Settings
from routix.core.errors import ProviderError
from routix.providers.base import ImageProvider
from routix.providers.chain import ProviderChain
from routix.providers.retry import scrub

log = logging.getLogger(__name__)

PROVIDER_NAMES: tuple[str, ...] = ('openai', 'gemini', 'stability')
Sleep = Callable[[float], Awaitable[object]]


@dataclass(kw_only=True, slots=True)
class ProviderStatus:
    """One line of ``routix providers check``; ``detail`` never contains a key."""

    name: str
    configured: bool
    ok: bool | None  # None when not configured (nothing was called)
    detail: str


def build_image_providers(settings: Settings, *, sleep: Sleep = asyncio.sleep) -> dict[str, ImageProvider]:
    """The remote image providers whose API key is set, by name."""
    providers: dict[str, ImageProvider] = {}
    if is_configured(settings, 'openai'):
        from routix.providers.openai_images import OpenAIImageProvider

        providers['openai'] = OpenAIImageProvider(settings, sleep=sleep)
    if is_configured(settings, 'gemini'):
        from routix.providers.gemini_images import GeminiImageProvider

        providers['gemini'] = GeminiImageProvider(settings, sleep=sleep)
    if is_configured(settings, 'stability'):
        from routix.providers.stability import StabilityProvider

        providers['stability'] = StabilityProvider(settings, sleep=sleep)
    return providers


def chain_for(settings: Settings, providers: dict[str, ImageProvider], tier: str) -> ProviderChain | None:
    """The tier's chain from ``settings.providers_for(tier)``, skipping unconfigured names; None when empty."""
    chosen: list[ImageProvider] = []
    for name in settings.providers_for(tier):
        if name in providers:
            chosen.append(providers[name])
        elif name in PROVIDER_NAMES:
            log.info('%s tier: provider %s has no API key; skipped', tier, name)
        else:
            log.warning('%s tier: unknown provider %r in the chain setting; skipped', tier, name)
    return ProviderChain(name=tier, providers=chosen) if chosen else None


async def check_providers(settings: Settings) -> list[ProviderStatus]:
    """Call every configured provider's cheap ``check()`` concurrently; one status per known provider."""
    providers = build_image_providers(settings)
    secrets = [_key(settings, name) for name in PROVIDER_NAMES]
    try:
        results = await asyncio.gather(*(providers[n].check() for n in providers), return_exceptions=True)
    finally:
        for provider in providers.values():
            await _close(provider)
    outcome = dict(zip(providers, results, strict=True))
    statuses = []
    for name in PROVIDER_NAMES:
        if name not in providers:
            statuses.append(ProviderStatus(name=name, configured=False, ok=None, detail='no API key configured'))
            continue
        result = outcome[name]
        if isinstance(result, ProviderError):
            statuses.append(
                ProviderStatus(name=name, configured=True, ok=False, detail=scrub(result.user_message, *secrets))
            )
        elif isinstance(result, BaseException):
            log.warning('%s check crashed: %s', name, scrub(repr(result), *secrets))
            statuses.append(ProviderStatus(name=name, configured=True, ok=False, detail='check failed unexpectedly'))
        else:
            statuses.append(ProviderStatus(name=name, configured=True, ok=True, detail=scrub(result, *secrets)))
    return statuses


def is_configured(settings: Settings, name: str) -> bool:
    """Whether the provider's API key is set."""
    return bool(_key(settings, name).strip())


def _key(settings: Settings, name: str) -> str:
    return {
        'openai': settings.openai_api_key,
        'gemini': settings.gemini_api_key,
        'stability': settings.stability_api_key,
    }[name].get_secret_value()


async def _close(provider: ImageProvider) -> None:
    aclose = getattr(provider, 'aclose', None)
    if aclose is not None:
        try:
            await aclose()
        except Exception as exc:
            log.debug('closing %s failed: %s', provider.name, type(exc).__name__)
