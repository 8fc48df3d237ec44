"""A prompt's focal subject: the object a creator names, in English or Persian, or the category's default."""

from __future__ import annotations

from routix.analysis.model import Analysis
from routix.analysis.offline import analyze_prompt
from routix.analysis.subjects import emoji_for, find_subject, subject_for, subjects
from routix.analysis.subjects_data import DEFAULT_SUBJECTS
from routix.vocabulary import CATEGORIES


def test_an_english_dish_is_the_subject() -> None:
    assert analyze_prompt('pizza recipe in 10 minutes').subject == 'pizza'


def test_a_persian_dish_is_the_subject() -> None:
    assert analyze_prompt('آموزش پخت پیتزا').subject == 'pizza'
    assert analyze_prompt('بررسی لپ‌تاپ جدید').subject == 'laptop'  # typed with a ZWNJ


def test_a_named_object_beats_a_generic_word() -> None:
    assert find_subject('review of the new laptop') == 'laptop'
    assert find_subject('Japan travel guide for beginners') == 'japanese castle'
    assert find_subject('خلاصه فینال جام جهانی') == 'soccer ball'


def test_a_prompt_naming_nothing_has_no_subject_and_the_thumbnail_shows_the_category_default() -> None:
    analysis = analyze_prompt('how I changed my life')
    assert analysis.subject == ''
    assert subject_for(subject='', category='fitness').name == DEFAULT_SUBJECTS['fitness']


def test_every_category_has_a_default_subject_with_an_emoji() -> None:
    for category in CATEGORIES:
        default = subjects()[DEFAULT_SUBJECTS[category]]
        assert default.category == category and emoji_for(default.name) == default.emoji


def test_the_vocabulary_is_large_and_names_are_unique() -> None:
    table = subjects()
    assert len(table) >= 300
    assert {s.category for s in table.values()} == set(CATEGORIES)
    assert all(s.emoji and any('\u0600' <= ch <= '\u06ff' for k in s.keywords for ch in k) for s in table.values())


def test_a_remote_analysers_free_phrase_is_read_for_its_subject() -> None:
    assert subject_for(subject='a gamer with a controller', category='gaming').name == 'gamepad'


def test_an_analysis_stored_before_subjects_still_loads() -> None:
    old = {'category': 'cooking', 'style': 'bold', 'mood': 'happy', 'headline': 'Pasta Night', 'palette': ['#000000']}
    assert Analysis.from_dict(old).subject == ''
    assert Analysis.from_dict(analyze_prompt('pizza night').to_dict()).subject == 'pizza'
