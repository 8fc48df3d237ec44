"""Which layout families a request's words call for: 'iPhone vs Galaxy' wants a versus, 'top 5' a list, '$50 a day'
a big number. The matcher prefers templates of a called-for family (``design.matching``); no hint, no preference.
"""

from __future__ import annotations

import re

from routix.analysis.model import Analysis

# (family, pattern over the lower-cased headline + subtitle), English and Persian; the first ones are the surest
_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (family, re.compile(pattern))
    for family, pattern in (
        ('versus', r'\bvs\.?\b|\bversus\b|\bor\b.*\?|در مقابل|در برابر|مقایسه|\bمقابل\b'),
        ('before-after', r'\bbefore\b.*\bafter\b|\bglow.?up\b|\btransformation\b|\bmakeover\b|قبل و بعد|تغییر چهره'),
        (
            'list',
            r'\btop \d+\b|\b\d+ (steps|tips|ways|things|mistakes|reasons|hacks)\b|\bsteps?\b|\btips\b|نکته|مرحله|ترفند',
        ),
        ('mystery', r'\?|؟|\bsecret\b|\bhidden\b|\bmystery\b|\btruth\b|\bwhat happened\b|راز|مخفی|پنهان|حقیقت'),
        (
            'big-number',
            r'[$€£]\s?\d|\d+\s?(k|m|%|days?|hours?|h|dollars?|kg|lbs?)\b|[۰-۹0-9]+\s?(روز|دلار|ساعت|تومان|کیلو)',
        ),
        ('news', r'\bbreaking\b|\blive\b|\bupdate\b|\bnews\b|فوری|خبر|زنده'),
        ('showcase', r'\breview\b|\bunboxing\b|\bsetup\b|\bhands.on\b|بررسی|آنباکس'),
        ('reaction', r'\breact(ion|ing)?\b|\bshock(ed|ing)?\b|\bomg\b|\bcan.?t believe\b|واکنش|شوکه'),
        ('score', r'\bscore\b|\bresults?\b|\brank(ed|ing)?\b|\btier list\b|\brating\b|\bfinal\b|نتیجه|رتبه|امتیاز'),
        ('travel', r'\btrip\b|\btravel\b|\btour\b|\bvisit(ing)?\b|\bin (tokyo|paris|japan|dubai|istanbul)\b|سفر|گردش'),
    )
)


def family_hints(analysis: Analysis) -> frozenset[str]:
    """The layout families the request's headline and subtitle call for (empty when they call for none)."""
    text = f'{analysis.headline}\n{analysis.subtitle}'.casefold()
    return frozenset(family for family, pattern in _HINTS if pattern.search(text))
