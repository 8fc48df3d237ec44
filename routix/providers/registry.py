"""Build the configured image providers and their tier chains; check them for ``routix providers check``.

Provider modules are imported only when their key is configured: google-genai alone takes about a second to
import, and an install that uses only Stability should not pay for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pydantic import SecretStr

from routix.core.config import Settings
from routix.core.errors import ProviderError
from routix.providers.base import ImageProvider, close_quietly
from routix.providers.chain import ProviderChain
from routix.providers.retry import scrub
from routix.vocabulary import Tier

log = logging.getLogger(__name__)

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
    return {name: kind.build(settings, sleep) for name, kind in PROVIDERS.items() if is_configured(settings, name)}


def build_chains(settings: Settings, *, sleep: Sleep = asyncio.sleep) -> dict[Tier, ProviderChain]:
    """The provider chain of each paid tier that has at least one configured provider; tiers share providers."""
    providers = build_image_providers(settings, sleep=sleep)
    chains = {tier: chain_for(settings, providers, tier) for tier in PAID_TIERS}
    return {tier: chain for tier, chain in chains.items() if chain is not None}


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
    return ProviderChain(name=str(tier), providers=chosen) if chosen else None


async def check_providers(settings: Settings) -> list[ProviderStatus]:
    """Call every configured provider's cheap ``check()`` concurrently; one status per known provider."""
    providers = build_image_providers(settings)
    secrets = [_key(settings, name) for name in PROVIDER_NAMES]
    try:
        results = await asyncio.gather(*(providers[n].check() for n in providers), return_exceptions=True)
    finally:
        await close_quietly(*providers.values())
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
    return PROVIDERS[name].api_key(settings).get_secret_value()


def _openai(settings: Settings, sleep: Sleep) -> ImageProvider:
    from routix.providers.openai_images import OpenAIImageProvider

    return OpenAIImageProvider(settings, sleep=sleep)


def _gemini(settings: Settings, sleep: Sleep) -> ImageProvider:
    from routix.providers.gemini_images import GeminiImageProvider

    return GeminiImageProvider(settings, sleep=sleep)


def _stability(settings: Settings, sleep: Sleep) -> ImageProvider:
    from routix.providers.stability import StabilityProvider

    return StabilityProvider(settings, sleep=sleep)


@dataclass(frozen=True, kw_only=True, slots=True)
class ProviderKind:
    """How to build one remote image provider, and which setting holds its API key."""

    build: Callable[[Settings, Sleep], ImageProvider]
    api_key: Callable[[Settings], SecretStr]


PROVIDERS: dict[str, ProviderKind] = {
    'openai': ProviderKind(build=_openai, api_key=lambda settings: settings.openai_api_key),
    'gemini': ProviderKind(build=_gemini, api_key=lambda settings: settings.gemini_api_key),
    'stability': ProviderKind(build=_stability, api_key=lambda settings: settings.stability_api_key),
}
"""every remote image provider by the name the tier chain settings use (ROUTIX_PRO_PROVIDERS=openai,gemini)"""
PROVIDER_NAMES: tuple[str, ...] = tuple(PROVIDERS)
PAID_TIERS: tuple[Tier, ...] = tuple(tier for tier in Tier if tier is not Tier.BASIC)
"""the tiers a provider chain paints; basic is Routix's own renderer"""
