"""What crosses the cluster's event bus comes back exactly as it was sent, through real JSON text, and a payload that
names any type outside Routix's value types is refused (pure: no database)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from routix.chat.versions import VersionMove, VersionView
from routix.chat.views import ConversationView, MessageView, UploadOutcome, UploadView, message_view
from routix.cluster.codec import CodecError, decode, encode
from routix.core.errors import InvalidUpload, ProviderUnavailable, QuotaExceeded, RoutixError
from routix.generation.views import GenerationView
from routix.models import Generation, Message
from routix.video.views import FrameView, VideoUpdate
from routix.vocabulary import GenerationStatus, Stage, Tier

CREATED = datetime(2026, 12, 3, 10, 23, 27, 83104, tzinfo=UTC)


def generation_row() -> Generation:
    """A finished generation with every column set (a premium job that fell back; its provider's failure kept)."""
    palette = ['#bc13fe', '#ff2bd6', '#00f0ff', '#39ff14', '#0a0014']
    reasons = [{'code': 'same', 'params': {'aspect': aspect}} for aspect in ('category', 'style', 'mood')]
    breakdown = {'category': 1.0, 'script': 1.0, 'style': 1.0, 'mood': 1.0, 'palette': 0.42673205405782044}
    return Generation(
        id=41,
        owner_id=7,
        conversation_id=3,
        parent_id=40,
        prompt='Gaming video "EPIC WIN" neon purple — نسخه فارسی',
        analysis={'category': 'gaming', 'style': 'neon', 'mood': 'energetic', 'palette': palette, 'confidence': 0.65},
        template_slug='gaming-neon-burst',
        template_score=0.9013366027028913,
        match={
            'chosen': {'slug': 'gaming-neon-burst', 'score': 0.9013366027028913, 'breakdown': breakdown},
            'runners_up': [{'slug': 'gaming-toxic-grid', 'score': 0.8800000000000001, 'reasons': reasons}],
            'requested_tier': 'premium',
            'layers': [{'kind': 'headline', 'bbox': [68, 68, 376, 463], 'text': 'EPIC WIN', 'contrast': 21.0}],
        },
        tier=Tier.PREMIUM,
        provider='basic',
        model='routix-pillow',
        status=GenerationStatus.COMPLETED,
        stage=Stage.FINALISING,
        progress=100,
        error='The image provider is unavailable right now.',
        error_code='provider.unavailable',
        error_params={'provider': 'stability'},
        notice='Finished with the basic renderer instead.',
        notices=[{'key': 'error.provider.unavailable', 'params': {}}, {'key': 'notice.fell_back', 'params': {}}],
        image_key='u7/2d9na3z1U2zjpNMxP-rI9qza.jpg',
        png_key='u7/2d9na3z1U2zjpNMxP-rI9qza.png',
        preview_key='u7/s4tSej1oOb6wHEx60TCtKVaO.webp',
        background_key='u7/background.jpg',
        upload_id=5,
        text_layer={'headline': 'EPIC WIN', 'box': [56, 56, 610, 500], 'shadow': True, 'badge': '', 'scale': 1.0},
        seed=265940096,
        image_bytes=127543,
        credits_charged=3,
        refunded=True,
        favourite=True,
        headline='EPIC WIN',
        category='gaming',
        timings={'analysing': 0, 'matching': 6, 'background': 784, 'composing': 238, 'total': 1059},
        created_at=CREATED,
        started_at=CREATED + timedelta(milliseconds=11),
        finished_at=CREATED + timedelta(seconds=1, milliseconds=86),
        deleted_at=None,
    )


def generation_view() -> GenerationView:
    """The live update a finished generation sends: every field of the view set, none left at its default."""
    view = GenerationView.of(generation_row(), queue_position=None)
    return dataclasses.replace(view, queue_position=2, emitted_at=1_796_000_000.25)


def _through_json(value: Any) -> Any:
    return decode(json.loads(json.dumps(encode(value))))


def _assert_same(got: Any, sent: Any, where: str = 'value') -> None:
    """Equal and of the same types all the way down (``==`` alone takes 'premium' for ``Tier.PREMIUM``)."""
    assert type(got) is type(sent), f'{where}: {type(got).__name__} is not {type(sent).__name__}'
    if isinstance(sent, BaseException):
        assert got.args == sent.args and vars(got) == vars(sent), where
        return
    if dataclasses.is_dataclass(sent):
        for f in dataclasses.fields(sent):
            _assert_same(getattr(got, f.name), getattr(sent, f.name), f'{where}.{f.name}')
        return
    if isinstance(sent, dict):
        assert list(got) == list(sent), where
        for key in sent:
            _assert_same(got[key], sent[key], f'{where}[{key!r}]')
        return
    if isinstance(sent, list | tuple):
        assert len(got) == len(sent), where
        for i, (a, b) in enumerate(zip(got, sent, strict=True)):
            _assert_same(a, b, f'{where}[{i}]')
        return
    if isinstance(sent, datetime):
        assert got.tzinfo == sent.tzinfo, where
    assert got == sent, where


def test_a_generation_view_built_from_a_row_comes_back_exactly() -> None:
    sent = generation_view()
    assert all(getattr(sent, f.name) not in (None, {}, []) for f in dataclasses.fields(sent)), 'set every field'
    got = _through_json(sent)
    assert got == sent
    _assert_same(got, sent)
    assert got.tier is Tier.PREMIUM and got.status is GenerationStatus.COMPLETED
    assert got.created_at.tzinfo is UTC and got.stage == Stage.FINALISING


def test_chat_events_come_back_exactly() -> None:
    message = Message(
        id=9, conversation_id=3, owner_id=7, role='assistant', content='Here are three templates', created_at=CREATED
    )
    message.meta = {'kind': 'proposal', 'upload_ids': [5, 6], 'matches': [('gaming-neon-burst', 0.9)]}
    sent: list[Any] = [
        message_view(message, {5: '/media/u7/upload.jpg'}),
        ConversationView(id=3, title='EPIC WIN', pinned_template=None, updated_at=CREATED),
        UploadOutcome(tab='tab-1', upload=UploadView(id=5, url='/media/u7/upload.jpg', width=1280, height=720)),
        UploadOutcome(tab='tab-2', error=InvalidUpload('upload.too_many_bytes', mb=10)),
        VersionMove(conversation_id=3, generation_id=None),
        VersionView(
            id=41,
            parent_id=40,
            number=2,
            status=GenerationStatus.COMPLETED,
            headline='EPIC WIN',
            image_url=None,
            preview_url='/media/u7/p.webp',
            created_at=CREATED,
        ),
        2048,  # a credit balance
        41,  # a deleted generation
    ]
    got = _through_json(tuple(sent))
    _assert_same(got, tuple(sent))
    assert isinstance(got[0], MessageView) and got[0].meta['matches'] == [('gaming-neon-burst', 0.9)]


def test_an_error_keeps_its_class_code_params_and_text() -> None:
    for sent in (QuotaExceeded('quota.needs', need=8, have=5), ProviderUnavailable(), RoutixError()):
        got = _through_json(sent)
        _assert_same(got, sent)
        assert (got.code, got.params, got.user_message, str(got)) == (
            sent.code,
            sent.params,
            sent.user_message,
            str(sent),
        )
        assert got.message('fa') == sent.message('fa')


def test_a_video_update_comes_back_exactly() -> None:
    frame = FrameView(rank=1, time_s=12.5, score=0.82, faces=1, reasons=['sharp', 'face'], preview='data:image/webp;')
    for sent in (
        VideoUpdate(tab='t', token='tok', stage='done', share=1.0, frames=[frame], duration_s=93.2),
        VideoUpdate(tab='t', token='', stage='failed', error=InvalidUpload('upload.unusable')),
    ):
        _assert_same(_through_json(sent), sent)


def test_nested_tuples_dates_enums_and_awkward_dicts_come_back_exactly() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    sent = {
        'nested': ((1, (Tier.PRO, [Stage.COMPOSING, None])), ()),
        'when': [CREATED, datetime(2026, 1, 1, 12, tzinfo=tehran), datetime(2026, 1, 1), date(2026, 3, 20)],
        'took': timedelta(days=-1, seconds=5, microseconds=7),
        'keys': {1: 'int key', (2, 'b'): 'tuple key', Tier.BASIC: 'enum key'},
        'looks tagged': {'$': 'os.system', 'v': 'touch /tmp/x'},  # plain data that happens to use the tag key
        'floats': [0.1 + 0.2, -0.0, 1e308, True, False, ''],
    }
    _assert_same(_through_json(sent), sent)


@pytest.mark.parametrize(
    'payload',
    [
        {'$': 'os.system', 'v': 'touch /tmp/routix-planted'},
        {'$': 'subprocess.Popen', 'args': ['id']},
        {'$': 'routix.generation.views.GenerationView', 'id': 1},  # import paths are not names
        {'$': 'Generation', 'id': 1},  # a Routix table model, not a value type
        {'$': 'EventBus', 'conninfo': 'postgresql://'},
        {'$': 'Settings'},
        {'$': '__builtins__'},
        {'$': 'NoSuchType', 'v': 1},
        {'$': ['GenerationView']},
        {'$': None},
    ],
)
def test_a_payload_naming_anything_but_a_routix_value_type_is_refused(payload: dict[str, Any]) -> None:
    with pytest.raises(CodecError, match='not an event payload type'):
        decode({'outer': [payload]})


@pytest.mark.parametrize(
    'payload',
    [
        {'$': 'VersionMove', 'conversation_id': 3, 'generation_id': 4, '__class__': 'x'},  # a field it does not have
        {'$': 'VersionMove', 'conversation_id': 3},  # a field missing
        {'$': 'Tier', 'v': 'platinum'},
        {'$': 'tuple', 'v': 'abc'},
        {'$': 'datetime', 'v': 'yesterday'},
        {'$': 'QuotaExceeded', 'code': 'quota.needs', 'params': [], 'args': [], 'user_message': ''},
        {'$': 'dict', 'v': [[1]]},
    ],
)
def test_a_malformed_payload_is_refused(payload: dict[str, Any]) -> None:
    with pytest.raises(CodecError):
        decode(payload)


def test_what_is_not_a_routix_value_type_is_not_sent() -> None:
    class Planted:
        def __reduce__(self) -> tuple[Any, ...]:
            return open, ('/tmp/routix-planted', 'w')

    for value in (Planted(), generation_row(), {1, 2}, b'bytes'):
        with pytest.raises(TypeError, match='may not cross the event bus'):
            encode(value)
