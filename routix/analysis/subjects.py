"""The focal subject of a thumbnail: which object of the vocabulary (``subjects_data``) a prompt names.

A named object ('pizza', «پیتزا», 'my new iPhone') wins over a generic word ('recipe', 'news', «سفر»); among equals
the longest phrase, then the first in reading order wins. ``subject_for`` turns any Analysis — offline, remote or
stored before subjects existed — into the subject its thumbnail shows, falling back to the category's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from routix.analysis.subjects_data import DEFAULT_SUBJECTS, ROWS
from routix.language import PhraseIndex, compile_phrases, find_phrases, words


@dataclass(kw_only=True, slots=True, frozen=True)
class Subject:
    """One drawable subject: its name, the emoji it is drawn with, its category and the words that name it."""

    name: str
    emoji: str
    category: str
    keywords: tuple[str, ...]  # English and Persian; a leading '~' marks a generic word (used when nothing else is)


def find_subject(*texts: str) -> str:
    """The name of the subject ``texts`` name (a named object first, in the first text that names one); '' if none."""
    found = [words(text or '') for text in texts]
    for index in _indexes():  # a named object in any text beats a generic word in the first
        for text_words in found:
            if hits := find_phrases(text_words, index):
                return min(hits, key=lambda hit: (-hit.size, hit.index, _order()[hit.label])).label
    return ''


def subject_for(*, subject: str, category: str, texts: tuple[str, ...] = ()) -> Subject:
    """What a thumbnail shows: ``subject`` when it is a known name, else one found in it or ``texts`` (a remote
    analyser's free phrase, the headline), else the category's default."""
    table = subjects()
    if subject in table:
        return table[subject]
    name = find_subject(subject, *texts)
    return table[name] if name else table[DEFAULT_SUBJECTS.get(category, DEFAULT_SUBJECTS['vlog'])]


def emoji_for(name: str) -> str:
    """The emoji a subject is drawn with; '' for an unknown name."""
    found = subjects().get(name)
    return found.emoji if found else ''


@cache
def subjects() -> dict[str, Subject]:
    """Every subject by name, in table order."""
    table: dict[str, Subject] = {}
    for category, rows in ROWS.items():
        for row in rows.strip().splitlines():
            name, emoji, english, persian = (part.strip() for part in row.split('|'))
            keywords = tuple(k.strip() for k in f'{english},{persian}'.split(',') if k.strip())
            table[name] = Subject(name=name, emoji=emoji, category=category, keywords=keywords)
    return table


@cache
def _indexes() -> tuple[PhraseIndex, PhraseIndex]:
    """(named objects, generic words): each compiled once per process."""
    strong = {s.name: [k for k in s.keywords if not k.startswith('~')] for s in subjects().values()}
    weak = {s.name: [k[1:] for k in s.keywords if k.startswith('~')] for s in subjects().values()}
    return compile_phrases(strong), compile_phrases(weak)


@cache
def _order() -> dict[str, int]:
    return {name: i for i, name in enumerate(subjects())}
