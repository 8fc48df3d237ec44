"""The embedded analyser: keyword heuristics read an English, Persian or mixed prompt, with no network and no key."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from routix.analysis import keywords_data as keywords
from routix.analysis.model import Analysis
from routix.analysis.subjects import find_subject
from routix.colors import COLOR_WORDS, color_distance, find_colors, readable_text_color
from routix.language import (
    Hit,
    Quote,
    Word,
    detect_language,
    find_phrases,
    find_quotes,
    has_form,
    is_arabic_script,
    key_set,
    text_direction,
    words,
)
from routix.vocabulary import CATEGORIES

MAX_HEADLINE_WORDS = 6
LONG_HEADLINE_WORDS = 5  # a description longer than six words gets a headline this short; the rest is a subtitle
MAX_HEADLINE_CHARS = 40


def analyze_prompt(prompt: str) -> Analysis:
    """Read one request; pure and deterministic, never raises, always returns a valid Analysis."""
    text = prompt[:_MAX_PROMPT_CHARS] if isinstance(prompt, str) else ''
    quotes = find_quotes(text)
    plain = _without_quotes(text, quotes)  # quoted words are the creator's title, not colour or style requests
    plain_words = words(plain)
    category, confidence = _category(words(text), text)
    defaults = keywords.CATEGORY_DEFAULTS[category]
    style = _strongest(find_phrases(plain_words, keywords.STYLE_INDEX))
    mood = _strongest(find_phrases(plain_words, keywords.MOOD_INDEX))
    language = detect_language(text)
    topic = _topic(plain)
    named = find_colors(plain)[:5]
    headline, rest = (quotes[0].text, '') if quotes else _headline(topic, text, category=category, language=language)
    return Analysis(
        category=category,
        style=style or defaults.style,
        mood=mood or defaults.mood,
        palette=_palette(named, keywords.STYLE_PALETTES.get(style or '', defaults.palette)),
        named_colors=named,
        headline=headline,
        subtitle=quotes[1].text if len(quotes) > 1 else rest,
        subject=find_subject(_subject(plain, topic), plain),  # the main noun phrase first, then the whole prompt
        language=language,
        direction=text_direction(headline, fallback='rtl' if language == 'fa' else 'ltr'),
        confidence=confidence,
        vague=not quotes and not topic[1] and not _symbols(text) and confidence <= _NO_CATEGORY,
        source='offline',
    )


class OfflineAnalyzer:
    """The default analyser: keyword heuristics in English and Persian, no network, no key."""

    name = 'offline'

    async def analyze(self, prompt: str, *, images: list[bytes] | None = None) -> Analysis:
        """Analyse one request; reference images are not looked at."""
        return analyze_prompt(prompt)

    async def aclose(self) -> None:
        """Nothing to release: the offline analyser holds no connection."""


_MAX_PROMPT_CHARS = 10_000
_CLAUSE_END = re.compile(r'[.,;:!?،؛…]+(?=\s|$)|\n+|\s[-–—|/]+\s|[()\[\]{}]')
_JOINERS = key_set(
    'in on at to for with and of from by while when where that which but or because after before during using '
    'against vs versus و با به از در برای که تا بعد قبل توی روی را'
)
_SMALL_WORDS = frozenset('a an the and but or nor for so yet of in on at to by as vs via with from into'.split())
_SUBJECT_MARKERS = frozenset({'of', 'with', 'featuring', 'feat', 'showing', 'starring', 'holding', 'about', 'for'})
_DETERMINERS = key_set('a an the my our your his her their this that some two three یک یه این اون')
_QUESTION_WORDS = key_set('how why what when where who which whose چرا چطور چگونه چی چه کی کجا')
_MAX_SUBJECT_CHARS = 60
_FRAMING_WEIGHT = 0.4
_NO_CATEGORY = 0.2  # the confidence of the 'vlog' fallback
_CONJUNCTIONS = key_set('and but or that which against vs versus و را که')
_MAX_SUBTITLE_CHARS = 80


def _category(found: Sequence[Word], text: str) -> tuple[str, float]:
    """The best-scoring category and how sure we are; 'vlog' at low confidence when nothing matched.

    Topic words and emoji count fully, framing words ('how to', «آموزش», 'challenge') only a little: the topic
    decides what the video is about, the framing only breaks a tie.
    """
    scores = _scores(find_phrases(found, keywords.CATEGORY_INDEX))
    for hit in find_phrases(found, keywords.FRAMING_INDEX):
        score, first = scores.get(hit.label, (0.0, len(found)))
        scores[hit.label] = (score + _FRAMING_WEIGHT, first)
    for i, ch in enumerate(text):
        if label := keywords.EMOJI_CATEGORIES.get(ch):
            score, first = scores.get(label, (0.0, len(found) + i))
            scores[label] = (score + 1, first)
    if not scores:
        return 'vlog', _NO_CATEGORY
    ranked = sorted(scores, key=lambda c: (-scores[c][0], scores[c][1], CATEGORIES.index(c)))
    best = scores[ranked[0]][0]
    runner_up = scores[ranked[1]][0] if len(ranked) > 1 else 0.0
    confidence = 0.35 + 0.6 * min(1.0, best / 2) * best / (best + runner_up)
    return ranked[0], round(min(confidence, 0.95), 2)


def _strongest(hits: list[Hit]) -> str | None:
    scores = _scores(hits)
    return min(scores, key=lambda label: (-scores[label][0], scores[label][1], label)) if scores else None


def _scores(hits: list[Hit]) -> dict[str, tuple[float, int]]:
    """label → (score, index of its first hit); phrases of several words weigh more than single words."""
    scores: dict[str, tuple[float, int]] = {}
    for hit in hits:
        score, first = scores.get(hit.label, (0.0, hit.index))
        scores[hit.label] = (score + 1 + 0.5 * (hit.size - 1), first)
    return scores


def _palette(mentioned: list[str], base: Sequence[str]) -> list[str]:
    """Colours the creator named lead; the default fills up to five, skipping near-duplicates."""
    palette = mentioned[:5]
    for color in base:
        if len(palette) >= 5:
            break
        if all(color_distance(color, other) > 80 for other in palette):
            palette.append(color)
    if len(palette) < 2:
        palette.append(readable_text_color(palette[0]))
    return palette


def _without_quotes(text: str, quotes: list[Quote]) -> str:
    for quote in reversed(quotes):
        text = f'{text[: quote.start]}\n{text[quote.end :]}'
    return text


def _topic(plain: str) -> tuple[str, list[Word], str]:
    """The clause that names the video's topic: (clause text, its topic words, the clause's end mark)."""
    fallback: tuple[str, list[Word], str] = ('', [], '')
    start = 0
    for end_mark in [*_CLAUSE_END.finditer(plain), None]:
        clause = plain[start : end_mark.start() if end_mark else len(plain)]
        start = end_mark.end() if end_mark else start
        topic = _topic_words(words(clause))
        if len(topic) >= 2:
            return clause, topic, end_mark.group().strip() if end_mark else ''
        if topic and not fallback[1]:
            fallback = (clause, topic, end_mark.group().strip() if end_mark else '')
    return fallback


def _topic_words(found: list[Word]) -> list[Word]:
    """What follows the last 'thumbnail'/'video' word (or precedes it), minus instruction and decor words."""
    media = [i for i, word in enumerate(found) if has_form(word, keywords.MEDIA_WORDS)]
    if not media:
        return _trim(found)
    return _trim(found[media[-1] + 1 :]) or _trim(found[: media[-1]])


def _trim(found: list[Word]) -> list[Word]:
    start, end = 0, len(found)
    while start < end and (has_form(found[start], keywords.LEAD_WORDS) or _is_decor(found[start])):
        start += 1
    while end > start and (has_form(found[end - 1], keywords.TAIL_WORDS) or _is_decor(found[end - 1])):
        end -= 1
    return found[start:end]


def _is_decor(word: Word) -> bool:
    return word.key.startswith('#') or has_form(word, COLOR_WORDS)


def _headline(topic: tuple[str, list[Word], str], text: str, *, category: str, language: str) -> tuple[str, str]:
    """A short punchy headline from the topic words (a category default when the prompt names no topic), and the
    rest of a long description as a subtitle."""
    clause, found, end_mark = topic
    if not found:
        if symbols := _symbols(text):
            return symbols[:MAX_HEADLINE_CHARS], ''
        defaults = keywords.CATEGORY_DEFAULTS[category]
        return (defaults.headline_fa if language == 'fa' else defaults.headline_en), ''
    long = len(found) > MAX_HEADLINE_WORDS
    if long:
        found = _strongest_start(found)
    short = _shorten(found, clause, limit=LONG_HEADLINE_WORDS if long else MAX_HEADLINE_WORDS)
    after = found[len(short) :]
    while after and has_form(after[0], _CONJUNCTIONS):
        after = after[1:]
    rest = ' '.join(clause[after[0].start : after[-1].end].split()) if long and after else ''
    return _polish(short, found, clause, end_mark), rest[:_MAX_SUBTITLE_CHARS].rstrip()


def _strongest_start(found: list[Word]) -> list[Word]:
    """A long description's headline starts at its first topic keyword when the opening words hold none."""
    hits = find_phrases(found, keywords.CATEGORY_INDEX)
    first = min((hit.index for hit in hits), default=0)
    return found[first:] if first >= LONG_HEADLINE_WORDS else found


def _symbols(text: str) -> str:
    return ''.join(ch for ch in text if unicodedata.category(ch) == 'So').strip()


def _polish(short: list[Word], found: list[Word], clause: str, end_mark: str) -> str:
    headline = ' '.join(clause[short[0].start : short[-1].end].split())
    if len(headline) > MAX_HEADLINE_CHARS:
        headline = headline[:MAX_HEADLINE_CHARS].rstrip()
    if short is found and end_mark[:1] in ('?', '!', '؟') and len(headline) < MAX_HEADLINE_CHARS:
        headline += end_mark[0]
    return headline if any(is_arabic_script(ch) for ch in headline) else _title_case(headline)


def _shorten(found: list[Word], clause: str, *, limit: int) -> list[Word]:
    """At most ``limit`` words and forty characters, cut before a joining word where possible."""
    if len(found) > limit:
        joins = [i for i in range(2, limit + 1) if has_form(found[i], _JOINERS)]
        found = _trim_tail(found[: joins[-1] if joins else limit])
    while len(found) > 1 and found[-1].end - found[0].start > MAX_HEADLINE_CHARS:
        found = _trim_tail(found[:-1])
    return found


def _trim_tail(found: list[Word]) -> list[Word]:
    end = len(found)
    while end > 1 and has_form(found[end - 1], keywords.TAIL_WORDS | _JOINERS):
        end -= 1
    return found[:end]


def _title_case(headline: str) -> str:
    """Capitalise each lowercase word, except small words in the middle; 'iPhone' and 'GTA' stay as typed."""
    matches = list(re.finditer(r"(?<![\w'’])[^\W\d_][\w'’-]*", headline))
    chars = list(headline)
    for n, match in enumerate(matches):
        word = match.group()
        small = word.lower() in _SMALL_WORDS and 0 < n < len(matches) - 1
        if word.islower() and not small:
            chars[match.start()] = word[0].upper()
    return ''.join(chars)


def _subject(plain: str, topic: tuple[str, list[Word], str]) -> str:
    """The main noun phrase ('a cat', 'my new iPhone', 'pasta'): a best-effort guess."""
    for start in _CLAUSE_END.split(plain):
        found = words(start)
        for i, word in enumerate(found):
            if word.key in _SUBJECT_MARKERS and (phrase := _noun_phrase(found[i + 1 :], start)):
                return phrase
    clause, found, _ = topic
    for i, word in enumerate(found):
        if word.key in _DETERMINERS and (phrase := _noun_phrase(found[i:], clause)):
            return phrase
    content = [word for word in found if not has_form(word, keywords.LEAD_WORDS | _QUESTION_WORDS)]
    if not content:
        return ''
    first = found.index(content[0])
    picked = _trim_tail(found[first : first + 3])
    return ' '.join(clause[picked[0].start : picked[-1].end].split())[:_MAX_SUBJECT_CHARS]


def _noun_phrase(found: list[Word], text: str) -> str:
    """A determiner (optional) and up to four words, stopping at a function word, verb-ing or decor word."""
    if len(found) > 1 and found[0].key.endswith('ing'):
        found = found[1:]  # 'about cooking the pasta': the gerund is the activity, the noun follows
    i = 1 if found and found[0].key in _DETERMINERS else 0
    end = i
    while end < len(found) and end - i < 4:
        word = found[end]
        if has_form(word, keywords.LEAD_WORDS | _JOINERS | _QUESTION_WORDS) or _is_decor(word):
            break
        if end > i and word.key.endswith('ing') and not has_form(word, keywords.KEYWORD_FORMS):
            break
        end += 1
    if end == i:
        return ''
    return ' '.join(text[found[0].start : found[end - 1].end].split())[:_MAX_SUBJECT_CHARS]
