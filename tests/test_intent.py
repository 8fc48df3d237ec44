"""Every follow-up after a thumbnail is classified: edit (of the right kind), new, question, unclear, undo, redo."""

from __future__ import annotations

import random

import pytest

from routix.design.catalog import TemplateCatalog
from routix.edits.followup import template_words
from routix.edits.intent import INTENTS as KINDS
from routix.edits.intent import Intent, classify
from tests.corpus.edit_phrases import EDITS, INTENTS

NAMES = template_words(TemplateCatalog.load())


def kinds(intent: Intent) -> set[str]:
    """The edit kinds an edit intent asks for."""
    text, scene, found = intent.text, intent.scene, set()
    if text is not None:
        found |= {
            k
            for k, on in (
                ('headline', text.headline is not None or text.subtitle is not None),
                ('size', text.scale is not None),
                ('text_colour', text.color is not None),
                ('outline', (text.outline_color, text.outline_width, text.outline_step) != (None, None, None)),
                ('move', text.align is not None),
                ('badge', text.badge is not None),
            )
            if on
        }
    if scene is not None:
        found |= {
            k
            for k, on in (
                ('background', scene.background is not None),
                ('accents', scene.accent_color is not None),
                ('move', scene.text_move is not None or scene.subject_move is not None),
                ('swap', bool(scene.swap)),
                ('badge', scene.badge is not None),
                ('subject', scene.subject is not None),
                ('template', scene.template is not None),
                ('contrast', scene.contrast is not None or scene.saturation is not None),
            )
            if on
        }
    return found


EDIT_CASES = [
    (kind, lang, phrase) for kind, sets in EDITS.items() for lang, phrases in sets.items() for phrase in phrases
]
INTENT_CASES = [
    (intent, lang, phrase) for intent, sets in INTENTS.items() for lang, phrases in sets.items() for phrase in phrases
]


def test_every_set_has_eight_phrasings_per_language() -> None:
    for sets in (*EDITS.values(), *INTENTS.values()):
        assert set(sets) == {'en', 'fa'} and all(len(phrases) >= 8 for phrases in sets.values())


@pytest.mark.parametrize(('kind', 'lang', 'phrase'), EDIT_CASES)
def test_edit_phrases_are_edits_of_their_kind(kind: str, lang: str, phrase: str) -> None:
    intent = classify(phrase, template_names=NAMES)
    assert intent.kind == 'edit', (phrase, intent)
    assert kind in kinds(intent), (phrase, intent)
    assert intent.language == lang


@pytest.mark.parametrize(('expected', 'lang', 'phrase'), INTENT_CASES)
def test_other_intents(expected: str, lang: str, phrase: str) -> None:
    assert classify(phrase, template_names=NAMES).kind == expected, phrase


@pytest.mark.parametrize('lang', ['en', 'fa'])
def test_the_one_click_answers_to_an_unclear_message_are_edits(lang: str) -> None:
    unclear = classify(INTENTS['unclear'][lang][0])
    assert unclear.kind == 'unclear' and len(unclear.choices()) in (2, 3)
    assert all(classify(choice, template_names=NAMES).kind == 'edit' for choice in unclear.choices())


def test_use_my_photo_is_an_edit_only_with_an_image_attached() -> None:
    assert classify('use my photo', has_upload=True).kind == 'edit'
    assert classify('عکس خودم رو بذار', has_upload=True).kind == 'edit'
    assert classify('use my photo').kind == 'unclear'  # the chat asks for the file
    assert classify('a cooking video with this vibe', has_upload=True).kind == 'new'


def test_random_messages_always_get_an_intent() -> None:
    rng = random.Random(11)
    vocabulary = [
        'bigger',
        'undo',
        'background',
        'پس‌زمینه',
        'swap',
        'sides',
        'badge',
        '"',
        '«',
        '»',
        ':',
        'text',
        'trophy',
        'layout',
        'another',
        'تامبنیل',
        'video',
        '?',
        '؟',
        'more',
        'contrast',
        'left',
        'top',
        'subject',
        'no',
        'and',
        'و',
        'phone',
        'برگرد',
        'red',
        'قرمز',
        '🔥',
        '\u200c',
        'my photo',
        'to',
        'blur',
    ]
    for _ in range(1500):
        message = ' '.join(rng.choice(vocabulary) for _ in range(rng.randint(0, 14)))
        intent = classify(message, has_upload=rng.random() < 0.2, template_names=NAMES)
        assert intent.kind in KINDS
        assert (intent.kind == 'edit') == (
            intent.text is not None or (intent.scene is not None and intent.kind != 'unclear')
        )
