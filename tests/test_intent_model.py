"""With a remote analyser configured, the model classifies follow-ups (structured output, loopback fakes of OpenAI
and Gemini); anything unusable falls back to the offline rules."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from routix.edits.model_intent import INTENT_SCHEMA, ModelClassifier, build_intent_classifier
from tests.fakes import GEMINI_KEY, OPENAI_KEY, GeminiFake, OpenAIFake, Step, make_settings


@pytest.fixture
def openai_fake() -> Iterator[OpenAIFake]:
    with OpenAIFake() as server:
        yield server


@pytest.fixture
def gemini_fake() -> Iterator[GeminiFake]:
    with GeminiFake() as server:
        yield server


def _openai(fake: OpenAIFake) -> ModelClassifier:
    classifier = build_intent_classifier(
        make_settings(openai_api_key=OPENAI_KEY, openai_base_url=fake.base_url, analyzer='openai')
    )
    assert classifier is not None and classifier.model.name == 'openai'
    return classifier


def _answer(intent: str, *instructions: str) -> Step:
    return Step(text=json.dumps({'intent': intent, 'instructions': list(instructions)}))


async def test_the_model_reads_a_free_form_edit_into_commands_the_rules_carry_out(openai_fake: OpenAIFake) -> None:
    classifier = _openai(openai_fake)
    openai_fake.script(_answer('edit', 'make the background darker', 'add a trophy'))
    try:
        intent = await classifier.classify('could it feel more like a night-time victory?')
    finally:
        await classifier.aclose()
    assert intent.kind == 'edit' and intent.scene is not None
    assert (intent.scene.background, intent.scene.subject) == ('darker', 'trophy')
    body = json.loads(openai_fake.requests[0].body)
    assert body['response_format']['json_schema']['schema'] == INTENT_SCHEMA
    assert body['messages'][-1]['content'] == 'could it feel more like a night-time victory?'


async def test_the_model_says_undo_and_keeps_the_message_language(openai_fake: OpenAIFake) -> None:
    classifier = _openai(openai_fake)
    openai_fake.script(_answer('undo'), _answer('question'))
    try:
        undo = await classifier.classify('نه، همون قبلیه رو می‌خوام')
        question = await classifier.classify('does this look ok on phones')
    finally:
        await classifier.aclose()
    assert (undo.kind, undo.language) == ('undo', 'fa')
    assert question.kind == 'question'


@pytest.mark.parametrize(
    'step',
    [
        Step(kind='server_error'),
        Step(kind='refused'),
        Step(kind='malformed'),
        Step(text='{"intent": "dance", "instructions": []}'),
        Step(text='not json'),
        Step(text=json.dumps({'intent': 'edit', 'instructions': ['something the rules cannot read']})),
    ],
)
async def test_anything_unusable_falls_back_to_the_rules(
    openai_fake: OpenAIFake, step: Step, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    classifier = _openai(openai_fake)
    openai_fake.script(step)
    try:
        intent = await classifier.classify('make the background dark')
    finally:
        await classifier.aclose()
    assert intent.kind == 'edit' and intent.scene is not None and intent.scene.background == 'darker'
    assert OPENAI_KEY not in caplog.text


async def test_gemini_classifies_too(gemini_fake: GeminiFake) -> None:
    classifier = build_intent_classifier(
        make_settings(gemini_api_key=GEMINI_KEY, gemini_base_url=gemini_fake.url, analyzer='gemini')
    )
    assert classifier is not None and classifier.model.name == 'gemini'
    gemini_fake.script(_answer('edit', 'text: "Game Over"'), Step(kind='server_error'))
    try:
        edit = await classifier.classify('put Game Over on it instead')
        fallback = await classifier.classify('hmm not sure about this')
    finally:
        await classifier.aclose()
    assert edit.kind == 'edit' and edit.text is not None and edit.text.headline == 'Game Over'
    assert fallback.kind == 'unclear'


def test_without_a_remote_analyser_there_is_no_model() -> None:
    assert build_intent_classifier(make_settings(analyzer='offline', openai_api_key=OPENAI_KEY)) is None
    assert build_intent_classifier(make_settings(analyzer='auto')) is None
