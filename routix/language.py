"""Words of English and Persian text: normalising, tokenising, phrase matching, quotes, language and direction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(kw_only=True, slots=True, frozen=True)
class Word:
    """One word of a text: as typed, its matching key, the forms it may match, and where it sits."""

    text: str
    key: str
    forms: tuple[str, ...]
    start: int
    end: int


@dataclass(kw_only=True, slots=True, frozen=True)
class Hit:
    """A vocabulary phrase found in a list of words."""

    label: str
    index: int  # position of its first word
    size: int  # number of words it covers


@dataclass(kw_only=True, slots=True, frozen=True)
class Quote:
    """A quoted phrase: its text exactly as typed (trimmed) and the span including the quote marks."""

    text: str
    start: int
    end: int


PhraseIndex = dict[str, list[tuple[tuple[str, ...], str]]]


def normalize(text: str) -> str:
    """Lowercase, unify Arabic/Persian letter variants and digits, drop ZWNJ, tatweel and diacritics."""
    return unicodedata.normalize('NFKC', text).translate(_NORMALIZE).lower()


def words(text: str) -> list[Word]:
    """The words of ``text`` with their positions, keys and matchable forms."""
    found = []
    for match in _WORD.finditer(text):
        key = normalize(match.group())
        if key:
            found.append(Word(text=match.group(), key=key, forms=_forms(key), start=match.start(), end=match.end()))
    return found


def compile_phrases(table: Mapping[str, Iterable[str]]) -> PhraseIndex:
    """An index of label → phrases, keyed by each phrase's first word, longest phrases first."""
    index: PhraseIndex = {}
    for label, phrases in table.items():
        for phrase in phrases:
            keys = tuple(word.key for word in words(phrase))
            variants = [keys]
            if len(keys) > 1 and is_arabic_script(keys[0][0]):
                variants.append((''.join(keys),))  # 'سرمایه گذاری' is also typed 'سرمایه‌گذاری' (ZWNJ, dropped)
            for variant in variants:
                index.setdefault(variant[0], []).append((variant, label))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def find_phrases(found: Sequence[Word], index: PhraseIndex) -> list[Hit]:
    """Longest-first, non-overlapping phrase hits in reading order (a phrase may carry several labels)."""
    hits: list[Hit] = []
    i = 0
    while i < len(found):
        size, labels = 0, list[str]()
        for form in found[i].forms:
            for keys, label in index.get(form, ()):
                if len(keys) >= size and _matches(found, i, keys):
                    if len(keys) > size:
                        size, labels = len(keys), []
                    if label not in labels:
                        labels.append(label)
        hits.extend(Hit(label=label, index=i, size=size) for label in labels)
        i += max(size, 1)
    return hits


def has_form(word: Word, vocabulary: frozenset[str]) -> bool:
    """True when any form of ``word`` is in ``vocabulary`` (a set of normalised keys)."""
    return any(form in vocabulary for form in word.forms)


def key_set(text: str) -> frozenset[str]:
    """Normalised single-word keys from a whitespace/comma separated list."""
    return frozenset(word.key for word in words(text.replace(',', ' ')))


def find_quotes(text: str) -> list[Quote]:
    """Quoted phrases in reading order: "…", “…”, „…“, «…», and '…' / ‘…’ when clearly not apostrophes."""
    candidates = sorted(
        ((m.start(), -m.end(), m) for pattern in _QUOTE_PATTERNS for m in pattern.finditer(text)),
        key=lambda item: (item[0], item[1]),
    )
    quotes: list[Quote] = []
    end = 0
    for start, _, match in candidates:
        inner = match.group(1).strip()
        if start < end or not inner:
            continue
        if match.group()[0] in "'‘" and (len(inner) < 2 or not any(ch.isalnum() for ch in inner)):
            continue
        quotes.append(Quote(text=inner, start=start, end=match.end()))
        end = match.end()
    return quotes


def detect_language(text: str) -> str:
    """'fa' when mostly Arabic-script letters, 'en' when mostly Latin, 'mixed' when both are substantial."""
    arabic = latin = 0
    for ch in text:
        if ch.isalpha():
            if is_arabic_script(ch):
                arabic += 1
            elif ch < '\u0250':
                latin += 1
    if not arabic + latin:
        return 'fa' if any('\u06f0' <= ch <= '\u06f9' for ch in text) else 'en'
    share = arabic / (arabic + latin)
    return 'fa' if share >= 0.7 else 'en' if share <= 0.3 else 'mixed'


def text_direction(text: str, *, fallback: str = 'ltr') -> str:
    """'rtl' when the first strong character is right-to-left (Arabic script), 'ltr' when it is left-to-right."""
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi in ('R', 'AL'):
            return 'rtl'
        if bidi == 'L':
            return 'ltr'
    return fallback


def is_arabic_script(ch: str) -> bool:
    """True for a character of the Arabic script blocks (Persian included)."""
    return (
        '\u0600' <= ch <= '\u06ff'
        or '\u0750' <= ch <= '\u077f'
        or '\u08a0' <= ch <= '\u08ff'
        or '\ufb50' <= ch <= '\ufdff'
        or '\ufe70' <= ch <= '\ufefe'
    )


def _matches(found: Sequence[Word], i: int, keys: tuple[str, ...]) -> bool:
    if i + len(keys) > len(found):
        return False
    return all(key in found[i + j].forms for j, key in enumerate(keys))


def _forms(key: str) -> tuple[str, ...]:
    """The key plus what it may be an inflection of: English plurals/possessives, Persian suffixes."""
    forms = [key]
    if '-' in key:
        forms.append(key.replace('-', ''))
    if is_arabic_script(key[-1]):
        for stem in _persian_stems(key):
            forms.extend((stem, *_persian_stems(stem)))
    elif key.endswith("'s"):
        forms.append(key[:-2])
    elif key.endswith('ies') and len(key) > 4:
        forms.extend((key[:-3] + 'y', key[:-1]))
    elif key.endswith('es') and len(key) > 3:
        forms.extend((key[:-2], key[:-1]))
    elif key.endswith('s') and not key.endswith('ss') and len(key) > 3:
        forms.append(key[:-1])
    return tuple(dict.fromkeys(forms))


def _persian_stems(key: str) -> list[str]:
    return [key[: -len(suffix)] for suffix in _FA_SUFFIXES if key.endswith(suffix) and len(key) - len(suffix) >= 2]


_FA_SUFFIXES = tuple('هایی های ها ترین تر مون تون شون ان ات ای یی ی ش م ت و ه'.split())
_DIGITS = {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
_LETTERS = dict(zip('يىئكةۀەأإآٱؤ’‘', "یییکهههااااو''", strict=True))
_DROPPED = '\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u0640'
_NORMALIZE = str.maketrans(
    _DIGITS | _LETTERS | dict.fromkeys(_DROPPED) | {chr(c): None for c in range(0x064B, 0x0660)} | {'\u0670': None},
)
_LETTER = r'\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d'
_WORD = re.compile(rf"[#$€£@]?[{_LETTER}]+(?:['’&+\-][{_LETTER}]+|[.,]\d+)*[%+]*")
_QUOTE_PATTERNS = (
    re.compile(r'"([^"]*)"'),
    re.compile(r'“([^“”]*)[”“]'),
    re.compile(r'„([^„“”]*)[“”]'),
    re.compile(r'«([^«»]*)»'),
    re.compile(r'(?<![\w‘’])‘(?=\S)(.+?)(?<=\S)’(?!\w)'),
    re.compile(r"(?<![\w'])'(?=\S)(.+?)(?<=\S)'(?!\w)"),
)
