"""Build the configured analyser: the analysers by name, and the choice among them.

openai and google-genai take about a second each to import, so each analyser module is imported only when it is
chosen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from routix.analysis.cache import CachedAnalyzer
from routix.analysis.model import Analyzer
from routix.core.config import Settings
from routix.providers.registry import is_configured

log = logging.getLogger(__name__)


def build_analyzer(settings: Settings) -> CachedAnalyzer:
    """The configured analyser in a CachedAnalyzer: 'auto' picks the first remote one with a key, else offline."""
    choice: str = settings.analyzer
    if choice == 'auto':
        choice = next((name for name in REMOTE_ANALYZERS if is_configured(settings, name)), OFFLINE)
    elif choice != OFFLINE and not is_configured(settings, choice):
        log.warning('ROUTIX_ANALYZER=%s but its API key is not set; using the offline analyser', choice)
        choice = OFFLINE
    inner = ANALYZERS[choice](settings)
    log.info('analyser: %s', inner.name)
    return CachedAnalyzer(inner)


def _openai(settings: Settings) -> Analyzer:
    from routix.analysis.openai_analyzer import OpenAIAnalyzer

    return OpenAIAnalyzer(settings)


def _gemini(settings: Settings) -> Analyzer:
    from routix.analysis.gemini_analyzer import GeminiAnalyzer

    return GeminiAnalyzer(settings)


def _offline(_settings: Settings) -> Analyzer:
    from routix.analysis.offline import OfflineAnalyzer

    return OfflineAnalyzer()


OFFLINE = 'offline'
ANALYZERS: dict[str, Callable[[Settings], Analyzer]] = {'openai': _openai, 'gemini': _gemini, OFFLINE: _offline}
"""every analyser by its ROUTIX_ANALYZER name; a remote one's API key is the image provider's of the same name"""
REMOTE_ANALYZERS: tuple[str, ...] = ('openai', 'gemini')
"""the order in which ROUTIX_ANALYZER=auto tries the remote analysers"""
