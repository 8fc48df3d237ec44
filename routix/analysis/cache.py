"""An in-memory LRU in front of an analyser: the same prompt and images are analysed once."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from routix.analysis.model import Analysis, Analyzer


class CachedAnalyzer:
    """An in-memory LRU over another analyser, keyed by sha256(prompt + each image's sha256).

    Only answers the inner analyser produced itself are cached, so an offline fallback during an outage is not
    remembered once the provider is back.
    """

    def __init__(self, inner: Analyzer, *, maxsize: int = 512) -> None:
        self.inner = inner
        self.name = inner.name
        self.maxsize = maxsize
        self._entries: OrderedDict[str, Analysis] = OrderedDict()

    def __repr__(self) -> str:
        return f'CachedAnalyzer({self.inner!r}, maxsize={self.maxsize})'

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """The cached analysis, or the inner analyser's (cached when the inner one produced it itself)."""
        key = cache_key(prompt, images)
        if (hit := self._entries.get(key)) is not None:
            self._entries.move_to_end(key)
            return _copy(hit)
        result = await self.inner.analyze(prompt, images=images)
        if result.source == self.inner.name:
            self._entries[key] = _copy(result)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return result

    async def aclose(self) -> None:
        """Close the inner analyser's HTTP client."""
        await self.inner.aclose()


def cache_key(prompt: str, images: list[bytes] | None) -> str:
    """sha256 over the prompt and each image's sha256, in order."""
    digest = hashlib.sha256(prompt.encode('utf-8'))
    for image in images or []:
        digest.update(b'\x00' + hashlib.sha256(image).digest())
    return digest.hexdigest()


def _copy(analysis: Analysis) -> Analysis:
    """A private copy: callers may mutate what they get (the palette list) without touching the cache."""
    return Analysis.from_dict(analysis.to_dict())
