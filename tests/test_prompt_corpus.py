"""The offline analyser names the category a creator means on a corpus of realistic prompts (≥ 95 %).

The corpus (tests/corpus/prompts.py) was written before tuning; a third of it was held out while tuning. Both parts
are measured and must pass; the confusions are printed so a regression says what it broke.
"""

from __future__ import annotations

from collections import Counter

import pytest

from routix.analysis.offline import analyze_prompt
from tests.corpus.prompts import CORPUS, HELD_OUT, TUNING

Row = tuple[str, str, str]
MIN_ACCURACY = 0.95


def _misses(rows: list[Row]) -> list[tuple[Row, str]]:
    return [(row, got) for row in rows if (got := analyze_prompt(row[2]).category) != row[0]]


def _report(name: str, rows: list[Row], misses: list[tuple[Row, str]]) -> float:
    accuracy = 1 - len(misses) / len(rows)
    confusions = Counter((want, got) for (want, _, _), got in misses)
    print(f'\n{name}: {len(rows) - len(misses)}/{len(rows)} right ({accuracy:.1%})')
    for (want, got), n in confusions.most_common():
        print(f'  {want} → {got}: {n}')
    for (want, lang, prompt), got in misses:
        print(f'  [{lang}] {prompt!r}: {got}, wanted {want}')
    return accuracy


def test_the_corpus_is_large_and_covers_every_category_in_both_languages() -> None:
    assert len(TUNING) + len(HELD_OUT) >= 240
    assert len(HELD_OUT) * 4 >= len(TUNING) + len(HELD_OUT)  # roughly a third held out
    for category, by_lang in CORPUS.items():
        assert set(by_lang) == {'en', 'fa'}, category
        assert all(len(prompts) >= 10 for prompts in by_lang.values()), category


@pytest.mark.parametrize(('name', 'rows'), [('tuning', TUNING), ('held out', HELD_OUT)])
def test_category_is_right_on_realistic_prompts(name: str, rows: list[Row]) -> None:
    assert _report(name, rows, _misses(rows)) >= MIN_ACCURACY


@pytest.mark.parametrize('lang', ['en', 'fa'])
def test_category_is_right_in_each_language(lang: str) -> None:
    rows = [row for row in [*TUNING, *HELD_OUT] if row[1] == lang]
    assert _report(lang, rows, _misses(rows)) >= MIN_ACCURACY
