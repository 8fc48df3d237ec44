"""The badge a thumbnail may carry: a short phrase the creator wrote, in the headline's language, or none at all.

A badge must say something true about this video (THUMBNAIL_DESIGN.md, rule 4), so nothing is stamped by default:
only an amount of time ('30 day challenge' → '30 DAYS', «۳۰ روزه» → «۳۰ روز»), a part number ('part 2' → 'PART 2')
or one of a few words the request uses (new record, new, live, free, update, breaking; English or Persian) becomes
one, spelled in the language of the headline so a Persian thumbnail never wears an English sticker.
"""

from __future__ import annotations

import re

from routix.language import normalize

MAX_CHARS = 14  # a longer phrase no longer reads inside the pill at 168×94


def badge_for(request: str, *, persian: bool) -> str:
    """The badge ``request`` asks for, in Persian when ``persian`` (the headline is Persian), else ''."""
    text = normalize(request)
    if match := _AMOUNT.search(text):
        number, unit = match.group('n'), _UNITS[match.group('unit')]
        return _amount(number, unit, persian)
    if match := _PART.search(text):
        number = match.group('n') or match.group('fa')
        return f'قسمت {_fa_digits(number)}' if persian else f'PART {number}'
    for pattern, english, farsi in _WORDS:
        if pattern.search(text):
            return farsi if persian else english
    return ''


def _amount(number: str, unit: tuple[str, str, str], persian: bool) -> str:
    singular, plural, farsi = unit
    if persian:
        return f'{_fa_digits(number)} {farsi}'
    label = f'{number}{singular}' if singular == 'H' else f'{number} {singular if number == "1" else plural}'
    return label if len(label) <= MAX_CHARS else ''


def _fa_digits(number: str) -> str:
    return number.translate(_PERSIAN_DIGITS)


_PERSIAN_DIGITS = str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹')
# unit as normalised text → (English singular, English plural, Persian)
_UNITS: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(('day', 'days', 'روز', 'روزه'), ('DAY', 'DAYS', 'روز')),
    **dict.fromkeys(('week', 'weeks', 'هفته', 'هفتهای'), ('WEEK', 'WEEKS', 'هفته')),
    **dict.fromkeys(('month', 'months', 'ماه', 'ماهه'), ('MONTH', 'MONTHS', 'ماه')),
    **dict.fromkeys(('year', 'years', 'سال', 'ساله'), ('YEAR', 'YEARS', 'سال')),
    **dict.fromkeys(('hour', 'hours', 'hr', 'hrs', 'ساعت', 'ساعته'), ('HOUR', 'HOURS', 'ساعت')),
    'h': ('H', 'H', 'ساعت'),
    **dict.fromkeys(('minute', 'minutes', 'min', 'mins', 'دقیقه', 'دقیقهای'), ('MIN', 'MIN', 'دقیقه')),
}
_UNIT_ALTERNATIVES = '|'.join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_AMOUNT = re.compile(rf'(?<![\w.,])(?P<n>\d{{1,4}})\s*-?\s*(?P<unit>{_UNIT_ALTERNATIVES})(?!\w)')
_PART = re.compile(r'\b(?:part|episode|ep|pt)\.?\s*(?P<n>\d{1,3})\b|(?:قسمت|پارت|اپیزود)\s*(?P<fa>\d{1,3})(?!\w)')
# (pattern over normalised text, English badge, Persian badge): the first that matches wins
_WORDS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), english, farsi)
    for pattern, english, farsi in (
        (r'\bnew (?:world )?record\b|\bworld record\b|رکورد (?:جدید|تازه)|رکورد جهانی', 'NEW RECORD', 'رکورد جدید'),
        (r'\bbreaking(?: news)?\b|خبر فوری|اخبار فوری', 'BREAKING', 'خبر فوری'),
        (
            r'\b(?:going|go|went|we\'?re|i\'?m|is|are)\s+live\b|\blive\s*(?:stream|streaming|show|match|game|concert|'
            r'event|now|session|coverage|broadcast|reaction|q&a)\b|\blivestream\b|(?<!\S)(?:لایو|پخش زنده)(?!\S)',
            'LIVE',
            'زنده',
        ),
        (
            r'(?<![-\w])(?<!gluten )(?<!sugar )(?<!dairy )(?<!fat )(?<!stress )(?<!debt )(?<!hands )(?<!cruelty )'
            r'free\b(?!-)|رایگان',
            'FREE',
            'رایگان',
        ),
        (r'\bupdate[sd]?\b|(?<!\S)(?:آپدیت|اپدیت|بروزرسانی|به روزرسانی)(?!\S)', 'UPDATE', 'آپدیت'),
        (
            r'\bnew\b(?! (?:york|zealand|jersey|delhi|orleans|mexico|hampshire|england|year|video|thumbnail|one|'
            r'channel))|(?<!\S)جدید(?!\S)',
            'NEW',
            'جدید',
        ),
    )
)
