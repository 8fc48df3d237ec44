"""Ranks the template library against an analysis: which layouts suit a request, and why.

The why is a list of ``Reason`` values (a code and its params), not sentences: the pages translate
``proposal.reason.<code>``. Proposals and generations store matches as JSON (``dataclasses.asdict``), where a
reason is ``{'code': 'fits', 'params': {'n': 5}}``; ones stored before reasons had codes hold English strings.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from routix.analysis.model import Analysis
from routix.design.families import family_hints
from routix.design.templates import TemplateSpec, scripts_of

WEIGHTS: dict[str, float] = {
    'category': 0.33,
    'script': 0.34,
    'style': 0.05,
    'mood': 0.05,
    'palette': 0.05,
    'text_fit': 0.04,
    'family': 0.14,  # the layout the words call for ('vs', 'top 5', '$50'): outranks the style and mood guessed
}
"""Component weights, summing to 1.

Script and category together (0.67) outweigh everything a latin-only template can score (0.66), so for a Persian
headline a template with Persian glyphs in the request's category always ranks above every latin-only one — the
library keeps such a template in every category (tests/test_templates.py checks it).
"""


@dataclass(frozen=True, kw_only=True, slots=True)
class Reason:
    """One reason a template suits (or does not suit) a request: a ``proposal.reason.<code>`` and its params.

    Codes and params: ``same`` {aspect}, ``related`` {category}, ``similar`` {aspect, value}, ``persian``,
    ``no_persian``, ``palette``, ``fits`` {n}, ``tight`` {n}; ``aspect`` is category, style or mood, ``category``
    and ``value`` are vocabulary words of that aspect.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, as ``asdict`` of a match stores it."""
        return {'code': self.code, 'params': dict(self.params)}


@dataclass(kw_only=True, slots=True)
class TemplateMatch:
    """How well one template suits an analysis: score in 0..1, its parts, and the reasons (codes, not words)."""

    slug: str
    name: str
    score: float
    breakdown: dict[str, float] = field(default_factory=dict)  # WEIGHTS key -> component in 0..1
    reasons: list[Reason] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def match_templates(analysis: Analysis, templates: list[TemplateSpec], *, top_n: int = 3) -> list[TemplateMatch]:
    """The ``top_n`` best templates for ``analysis``, best first; equal scores are ordered by slug."""
    matches = [pinned_match(analysis, spec) for spec in templates]
    matches.sort(key=lambda match: (-match.score, match.slug))
    return matches[: max(top_n, 0)]


def pinned_match(analysis: Analysis, spec: TemplateSpec) -> TemplateMatch:
    """Score one template exactly as ``match_templates`` does (for a template the creator pinned)."""
    related = _RELATED_CATEGORIES.get(frozenset((analysis.category, spec.category)), 0.0)
    needed = scripts_of(analysis.headline)
    breakdown = {
        'category': 1.0 if analysis.category == spec.category else related,
        'script': 1.0 if needed <= set(spec.scripts) else 0.0,
        'style': _similarity(analysis.style, spec.style, _SIMILAR_STYLES),
        'mood': _similarity(analysis.mood, spec.mood, _SIMILAR_MOODS),
        'palette': _palette_closeness(analysis.palette, spec),
        'text_fit': _text_fit(analysis.headline, spec),
        'family': _family_fit(family_hints(analysis), spec),
    }
    score = sum(WEIGHTS[key] * value for key, value in breakdown.items())
    return TemplateMatch(
        slug=spec.slug,
        name=spec.name,
        score=min(max(score, 0.0), 1.0),
        breakdown=breakdown,
        reasons=_reasons(breakdown, analysis, spec, persian='arabic' in needed),
    )


# ---------------------------------------------------------------- similarity tables

_RELATED_CATEGORIES = {
    frozenset(pair): value
    for pair, value in (
        (('gaming', 'tech'), 0.5),
        (('fitness', 'sports'), 0.6),
        (('beauty', 'vlog'), 0.5),
        (('news', 'finance'), 0.5),
        (('education', 'tech'), 0.5),
        (('travel', 'vlog'), 0.5),
        (('cooking', 'vlog'), 0.3),
        (('music', 'vlog'), 0.3),
        (('education', 'news'), 0.3),
    )
}
_SIMILAR_STYLES = {
    frozenset(pair): value
    for pair, value in (
        (('minimal', 'clean'), 0.7),
        (('minimal', 'elegant'), 0.5),
        (('clean', 'elegant'), 0.4),
        (('neon', 'retro'), 0.5),
        (('bold', 'neon'), 0.4),
        (('bold', 'playful'), 0.4),
        (('retro', 'playful'), 0.4),
        (('cinematic', 'elegant'), 0.4),
        (('bold', 'cinematic'), 0.3),
        (('neon', 'cinematic'), 0.3),
    )
}
_SIMILAR_MOODS = {
    frozenset(pair): value
    for pair, value in (
        (('energetic', 'fun'), 0.6),
        (('dramatic', 'mysterious'), 0.6),
        (('energetic', 'urgent'), 0.5),
        (('energetic', 'inspiring'), 0.5),
        (('dramatic', 'urgent'), 0.5),
        (('energetic', 'dramatic'), 0.4),
        (('dramatic', 'serious'), 0.4),
        (('calm', 'serious'), 0.4),
        (('calm', 'inspiring'), 0.4),
        (('serious', 'urgent'), 0.4),
        (('fun', 'inspiring'), 0.4),
        (('calm', 'mysterious'), 0.3),
        (('serious', 'mysterious'), 0.3),
    )
}


def _family_fit(hints: frozenset[str], spec: TemplateSpec) -> float:
    """1 for a layout the words call for ('vs' → versus), 0 for another when they call for one, else 0.5 for all."""
    if not hints:
        return 0.5
    return 1.0 if spec.family in hints else 0.0


def _similarity(wanted: str, offered: str, table: dict[frozenset[str], float]) -> float:
    return 1.0 if wanted == offered else table.get(frozenset((wanted, offered)), 0.0)


def _reasons(breakdown: dict[str, float], analysis: Analysis, spec: TemplateSpec, *, persian: bool) -> list[Reason]:
    reasons = []
    if breakdown['category'] == 1.0:
        reasons.append(Reason(code='same', params={'aspect': 'category'}))
    elif breakdown['category'] > 0:
        reasons.append(Reason(code='related', params={'category': spec.category}))
    if persian:
        reasons.append(Reason(code='persian' if breakdown['script'] else 'no_persian'))
    for key, label in (('style', spec.style), ('mood', spec.mood)):
        if breakdown[key] == 1.0:
            reasons.append(Reason(code='same', params={'aspect': key}))
        elif breakdown[key] >= 0.5:
            reasons.append(Reason(code='similar', params={'aspect': key, 'value': label}))
    if analysis.palette and breakdown['palette'] >= 0.7:
        reasons.append(Reason(code='palette'))
    words = len(analysis.headline.split())
    if breakdown['text_fit'] >= 0.75:
        reasons.append(Reason(code='fits', params={'n': words}))
    elif breakdown['text_fit'] < 0.35:
        reasons.append(Reason(code='tight', params={'n': words}))
    return reasons


# ---------------------------------------------------------------- palette

_FAR_DELTA_E = 60.0  # CIE76 distance at which two colours count as unrelated (black↔mid-grey is ~53)


def _palette_closeness(wanted: list[str], spec: TemplateSpec) -> float:
    """1 - (mean distance from each wanted colour to its nearest template colour) / _FAR_DELTA_E, in 0..1."""
    wanted_lab = [_lab(c) for c in wanted if _is_colour(c)]
    if not wanted_lab:
        return 0.5  # nothing asked for: neutral, the same for every template
    offered = [*spec.palette, *spec.layout['background'].get('colors', [])]
    offered_lab = [_lab(c) for c in offered]
    mean = sum(min(math.dist(w, o) for o in offered_lab) for w in wanted_lab) / len(wanted_lab)
    return max(0.0, 1.0 - mean / _FAR_DELTA_E)


def _is_colour(value: Any) -> bool:
    return (
        isinstance(value, str)
        and len(value) in (7, 9)
        and value[0] == '#'
        and all(c in '0123456789abcdefABCDEF' for c in value[1:])
    )


def _lab(colour: str) -> tuple[float, float, float]:
    """sRGB '#rrggbb[aa]' to CIELAB (D65)."""
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _linear(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


# ---------------------------------------------------------------- text fit

# Average advance per character in em, by font role (mixed case, Latin); measured roughly on the fonts the
# renderer uses (Vazirmatn Black/Bold, Bebas Neue, Noto Serif ...).
_EM_PER_CHAR = {'display': 0.56, 'heavy': 0.6, 'condensed': 0.4, 'rounded': 0.56, 'serif': 0.5, 'body': 0.5}
_UPPERCASE_WIDENS = 1.15
_ARABIC_NARROWS = 0.85  # joined Persian letters advance less than Latin capitals
_LINE_HEIGHT = 1.15
_SMALLEST_PX = 44  # on the 1280-wide canvas: ~11 px on a phone's 320-wide preview, the least that still reads
_COMFORTABLE_PX = 100  # a proper thumbnail headline; bigger gains nothing


def _text_fit(headline: str, spec: TemplateSpec) -> float:
    """How big the headline can be set in the template's box, mapped from _SMALLEST_PX..._COMFORTABLE_PX to 0..1."""
    words = headline.split()
    if not words:
        return 1.0
    head = spec.layout['headline']
    _, _, width, height = head['box']
    em = _EM_PER_CHAR.get(head['font_role'], 0.56)
    if 'arabic' in scripts_of(headline):
        em *= _ARABIC_NARROWS
    elif head['uppercase']:
        em *= _UPPERCASE_WIDENS
    size = _largest_size(words, width, height, head['max_lines'], em)
    return min(max((size - _SMALLEST_PX) / (_COMFORTABLE_PX - _SMALLEST_PX), 0.0), 1.0)


def _largest_size(words: list[str], width: int, height: int, max_lines: int, em: float) -> int:
    for size in range(min(int(height / _LINE_HEIGHT), _COMFORTABLE_PX), 0, -2):
        lines = _wrapped_lines(words, chars_per_line=width / (size * em))
        if lines <= max_lines and lines * size * _LINE_HEIGHT <= height:
            return size
    return 0


def _wrapped_lines(words: list[str], *, chars_per_line: float) -> int:
    """Lines a greedy wrap needs; a word wider than a line can never fit (the renderer would have to shrink it)."""
    lines, used = 1, 0
    for word in words:
        if len(word) > chars_per_line:
            return 1_000_000
        if used and used + 1 + len(word) > chars_per_line:
            lines, used = lines + 1, len(word)
        else:
            used = used + 1 + len(word) if used else len(word)
    return lines
