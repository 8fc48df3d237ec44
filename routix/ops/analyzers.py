"""``routix providers check`` for the analysers: is each remote analyser configured, and does a real call parse?

A remote analyser never fails a request (it falls back to the offline one), which hides a wrong key or model from
everyone but the log; this asks each configured one a short question and says whether its own answer was used.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from routix.analysis.registry import ANALYZERS, OFFLINE, REMOTE_ANALYZERS
from routix.core.config import Settings
from routix.providers.registry import is_configured

PROBE = 'Minecraft speedrun "NEW WORLD RECORD" neon purple'


@dataclass(kw_only=True, frozen=True, slots=True)
class AnalyzerStatus:
    """One analyser's check; ``in_use`` marks the one requests go to."""

    name: str
    configured: bool
    ok: bool | None
    detail: str
    in_use: bool


async def check_analyzers(settings: Settings) -> list[AnalyzerStatus]:
    """Each remote analyser's status and the offline one's, concurrently."""
    chosen = _chosen(settings)
    remote = await asyncio.gather(*(_check(settings, name, in_use=name == chosen) for name in REMOTE_ANALYZERS))
    offline = AnalyzerStatus(name=OFFLINE, configured=True, ok=True, detail='built in', in_use=chosen == OFFLINE)
    return [*remote, offline]


async def _check(settings: Settings, name: str, *, in_use: bool) -> AnalyzerStatus:
    if not is_configured(settings, name):
        return AnalyzerStatus(name=name, configured=False, ok=None, detail='no API key configured', in_use=False)
    analyzer = ANALYZERS[name](settings)
    model = str(getattr(analyzer, 'model', ''))
    try:
        analysis = await asyncio.wait_for(analyzer.analyze(PROBE), timeout=settings.analyzer_timeout + 5)
    except Exception as e:  # the analysers catch provider errors themselves; anything else is worth reporting
        detail = f'model {model}: the analyser crashed ({type(e).__name__}) instead of falling back'
        return AnalyzerStatus(name=name, configured=True, ok=False, detail=detail, in_use=in_use)
    finally:
        await analyzer.aclose()
    if analysis.source != name:
        detail = f'model {model}: its answer was unusable, the offline analyser answered (the log says why)'
        return AnalyzerStatus(name=name, configured=True, ok=False, detail=detail, in_use=in_use)
    return AnalyzerStatus(name=name, configured=True, ok=True, detail=f'model {model}', in_use=in_use)


def _chosen(settings: Settings) -> str:
    """The analyser build_analyzer picks for these settings."""
    if settings.analyzer == 'auto':
        return next((name for name in REMOTE_ANALYZERS if is_configured(settings, name)), OFFLINE)
    return settings.analyzer if settings.analyzer == OFFLINE or is_configured(settings, settings.analyzer) else OFFLINE
