"""Translations: ``t(key, lang)`` over the tables of the submodules (``core``, ``errors``, and ``studio`` when present).

Each submodule holds ``EN: dict[str, str]`` and ``FA: dict[str, str]``. A key missing in Persian falls back to
English; a key missing in English comes back as the key itself, so a forgotten string is visible, not a crash.
"""

from __future__ import annotations

import importlib
from typing import Literal

__all__ = ['LANGUAGES', 'LANGUAGE_NAMES', 'direction', 'pick_language', 't']

LANGUAGES: tuple[str, ...] = ('en', 'fa')
LANGUAGE_NAMES: dict[str, str] = {'en': 'English', 'fa': 'فارسی'}
_SUBMODULES = ('core', 'studio', 'check', 'feed', 'recovery', 'admin', 'video', 'errors')


def t(key: str, lang: str, **fmt: object) -> str:
    """The text of ``key`` in ``lang`` (falling back to English, then to the key), formatted with ``fmt``."""
    text = _TABLES.get(lang, {}).get(key) or _TABLES['en'].get(key) or key
    if not fmt:
        return text
    try:
        return text.format(**fmt)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder must not break a page
        return text


def direction(lang: str) -> Literal['ltr', 'rtl']:
    """The writing direction of a language."""
    return 'rtl' if lang == 'fa' else 'ltr'


def pick_language(value: object) -> str:
    """``value`` when it is a supported language code, else English."""
    return value if isinstance(value, str) and value in LANGUAGES else 'en'


def _load() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for name in _SUBMODULES:
        try:
            module = importlib.import_module(f'{__name__}.{name}')
        except ModuleNotFoundError as e:
            if e.name != f'{__name__}.{name}':
                raise  # the submodule exists but is broken: say so
            continue
        tables['en'].update(getattr(module, 'EN', {}))
        tables['fa'].update(getattr(module, 'FA', {}))
    return tables


_TABLES = _load()
