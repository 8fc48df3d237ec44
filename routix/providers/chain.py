"""Try image providers in order of preference; a refusal stops the chain."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from routix.core.errors import ProviderError, Refused
from routix.providers.base import ImageProvider, ImageRequest, ProviderImage, close_quietly
from routix.providers.retry import kind_of

log = logging.getLogger(__name__)


class ProviderChain:
    """An ImageProvider made of others: on RateLimited/Unavailable/Timeout the next one is tried.

    Refused is raised at once: the same content would be refused elsewhere too, and shopping it around would
    launder a policy decision. The raised error carries ``attempts`` (e.g. ``['openai: unavailable',
    'gemini: timed out']``) and ``summary`` ('openai: unavailable; gemini: timed out') for the UI and logs.
    """

    def __init__(self, *, name: str, providers: Sequence[ImageProvider]) -> None:
        if not providers:
            raise ValueError('a provider chain needs at least one provider')
        self.name = name
        self.providers = list(providers)

    def __repr__(self) -> str:
        return f'ProviderChain(name={self.name!r}, providers={[p.name for p in self.providers]!r})'

    @property
    def model(self) -> str:
        """The models in order, for display: 'gpt-image-2 → gemini-3.1-flash-image'."""
        return ' → '.join(p.model for p in self.providers)

    async def generate(self, request: ImageRequest) -> ProviderImage:
        """The first provider's image that succeeds; Refused or the last error is raised with ``attempts``."""
        attempts: list[str] = []
        last: ProviderError | None = None
        for provider in self.providers:
            try:
                image = await provider.generate(request)
            except Refused as error:
                attempts.append(f'{provider.name}: refused')
                _attach(error, attempts)
                log.info('%s chain: %s refused the request; not falling back', self.name, provider.name)
                raise
            except ProviderError as error:
                attempts.append(f'{provider.name}: {kind_of(error)}')
                log.warning(
                    '%s chain: %s failed (%s); trying the next provider', self.name, provider.name, kind_of(error)
                )
                last = error
                continue
            if attempts:
                log.info('%s chain: %s succeeded after %s', self.name, provider.name, '; '.join(attempts))
            return image
        assert last is not None  # providers is never empty
        _attach(last, attempts)
        log.warning('%s chain: every provider failed: %s', self.name, '; '.join(attempts))
        raise last

    async def check(self) -> str:
        """Check every provider; a summary like 'openai: ok; gemini: unavailable'."""
        parts = []
        for provider in self.providers:
            try:
                await provider.check()
                parts.append(f'{provider.name}: ok')
            except ProviderError as error:
                parts.append(f'{provider.name}: {kind_of(error)}')
        return '; '.join(parts)

    async def aclose(self) -> None:
        """Close every provider of the chain (for another tier's chain too, where the two share a provider)."""
        await close_quietly(*self.providers)


def _attach(error: ProviderError, attempts: list[str]) -> None:
    error.attempts = list(attempts)  # type: ignore[attr-defined]
    error.summary = '; '.join(attempts)  # type: ignore[attr-defined]
