"""Fair use: too many generations at once or per minute, messages or uploads per minute are refused with a clear
message (English and Persian) and nothing is charged or stored; uploads go when nothing needs them any more."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest
from nicegui.testing import User
from sqlalchemy import func
from sqlmodel import select

from routix.accounts import credits
from routix.core import limits
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import AuthError, QuotaExceeded
from routix.edits.change import RecipeChange
from routix.generation.service import GenerationService
from routix.models import Conversation, CreditEntry, Generation, Message, Upload, utcnow
from routix.models import User as UserRow
from routix.ops.sweep import delete_conversation_uploads, sweep_orphan_uploads
from routix.ops.users import set_disabled
from routix.storage import LocalStore, new_key
from routix.vocabulary import GenerationStatus
from tests.helpers.generation import build_service, finished, ledger
from tests.helpers.pages import SLOW, send, wait_for_count
from tests.helpers.uploads import pick_file

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]


@pytest.fixture
async def service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Database, nicegui_runtime: None
) -> AsyncIterator[GenerationService]:
    """A generation service whose basic tier costs 2 credits, so that a refusal visibly charges nothing."""
    monkeypatch.setenv('ROUTIX_COST_BASIC', '2')
    monkeypatch.setenv('ROUTIX_MAX_ACTIVE_GENERATIONS', '2')
    monkeypatch.setenv('ROUTIX_GENERATIONS_PER_MINUTE', '3')
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    svc = build_service(settings=settings, db=db, images=tmp_path / 'images')
    yield svc
    await svc.shutdown()


async def _creator(db: Database, email: str = 'ada@example.com', balance: int = 20) -> int:
    async with db.transaction() as session:
        user = UserRow(email=email)
        session.add(user)
        await session.flush()
        assert user.id is not None
        await credits.credit(session=session, user_id=user.id, amount=balance, reason='grant')
    return user.id


async def _generations(db: Database, owner_id: int, status: GenerationStatus, n: int, age: timedelta) -> None:
    """``n`` generations of this owner made ``age`` ago (rows only: what the limits count)."""
    async with db.transaction() as session:
        for i in range(n):
            session.add(Generation(owner_id=owner_id, prompt=f'p{i}', status=status, created_at=utcnow() - age))


async def _count(db: Database, model: type, owner_id: int) -> int:
    async with db.session() as session:
        column = model.owner_id  # type: ignore[attr-defined]
        return int((await session.exec(select(func.count()).select_from(model).where(column == owner_id))).one())


async def test_too_many_generations_in_progress_are_refused_without_a_charge(service: GenerationService) -> None:
    ada = await _creator(service.db)
    eve = await _creator(service.db, 'eve@example.com')
    await _generations(service.db, ada, GenerationStatus.QUEUED, 1, timedelta(minutes=5))
    await _generations(service.db, ada, GenerationStatus.PROCESSING, 1, timedelta(minutes=5))
    with pytest.raises(QuotaExceeded) as refused:
        await service.start(owner_id=ada, prompt='cooking pasta at home')
    assert refused.value.code == 'limits.active'
    assert str(refused.value) == 'You already have 2 thumbnails in progress. Wait until one is finished.'
    assert refused.value.message('fa') == 'هم‌اکنون 2 تامبنیل در حال ساخت دارید. صبر کنید تا یکی تمام شود.'
    assert await ledger(service.db, ada) == [(20, 'grant')]  # nothing charged
    assert await _count(service.db, Generation, ada) == 2  # nothing written
    other = await service.start(owner_id=eve, prompt='cooking pasta at home')  # another creator is not held up
    assert other.owner_id == eve and await ledger(service.db, eve) == [(20, 'grant'), (-2, 'generation')]


async def test_finished_ones_do_not_count_as_in_progress_but_count_per_minute(service: GenerationService) -> None:
    ada = await _creator(service.db)
    await _generations(service.db, ada, GenerationStatus.COMPLETED, 5, timedelta(minutes=2))  # long ago: fine
    await _generations(service.db, ada, GenerationStatus.COMPLETED, 2, timedelta(seconds=20))
    await service.start(owner_id=ada, prompt='cooking pasta at home')  # the third this minute, the only one running
    with pytest.raises(QuotaExceeded) as refused:
        await service.start(owner_id=ada, prompt='cooking pasta at home')
    assert refused.value.code == 'limits.generations'
    assert refused.value.params['n'] == 3 and 35 <= refused.value.params['seconds'] <= 41  # the oldest leaves at ~40 s
    assert 'At most 3 thumbnails a minute. Try again in' in str(refused.value)
    assert 'تامبنیل در دقیقه' in refused.value.message('fa')
    async with service.db.session() as session:
        entries = (await session.exec(select(CreditEntry).where(CreditEntry.user_id == ada))).all()
    assert sum(e.delta for e in entries) == 18  # the one start that passed paid; the refusal did not


async def _edits(db: Database, owner_id: int, parent_id: int, n: int) -> None:
    """``n`` versions made from ``parent_id`` in the last seconds (rows only: what the limits count)."""
    async with db.transaction() as session:
        for i in range(n):
            session.add(
                Generation(owner_id=owner_id, parent_id=parent_id, prompt=f'e{i}', status=GenerationStatus.COMPLETED)
            )


async def test_edit_versions_do_not_hold_up_a_new_thumbnail(service: GenerationService) -> None:
    ada = await _creator(service.db)
    await service.catalog.sync(service.db)
    first = await finished(service, ada, (await service.start(owner_id=ada, prompt='cooking pasta at home')).id)
    await _edits(service.db, ada, first.id, 9)  # nine free edits this minute
    await finished(service, ada, (await service.start(owner_id=ada, prompt='cooking pasta at home')).id)
    await finished(service, ada, (await service.start(owner_id=ada, prompt='cooking pasta at home')).id)
    with pytest.raises(QuotaExceeded) as refused:  # the fourth new one this minute (3 allowed)
        await service.start(owner_id=ada, prompt='cooking pasta at home')
    assert refused.value.code == 'limits.generations'
    child = await service.revise(owner_id=ada, generation_id=first.id, change=RecipeChange(mirrored=True))
    assert child.parent_id == first.id  # and edits still go: they have their own limit


async def test_edits_have_their_own_per_minute_limit(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('ROUTIX_EDITS_PER_MINUTE', '9')
    monkeypatch.setenv('ROUTIX_GENERATIONS_PER_MINUTE', '1')
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    ada = await _creator(db)
    await _generations(db, ada, GenerationStatus.COMPLETED, 1, timedelta(minutes=5))
    async with db.session() as session:
        parent = (await session.exec(select(Generation).where(Generation.owner_id == ada))).one()
    assert parent.id is not None
    await _edits(db, ada, parent.id, 8)
    await limits.check_edit(db=db, settings=settings, owner_id=ada)  # 8 of 9
    await limits.check_generation(db=db, settings=settings, owner_id=ada)  # no new one this minute
    await _edits(db, ada, parent.id, 1)
    with pytest.raises(QuotaExceeded) as refused:
        await limits.check_edit(db=db, settings=settings, owner_id=ada)
    assert refused.value.code == 'limits.edits' and refused.value.params['n'] == 9
    assert 'At most 9 edits a minute. Try again in' in str(refused.value)
    assert 'ویرایش در دقیقه' in refused.value.message('fa')


async def test_a_disabled_account_cannot_make_free_versions(service: GenerationService) -> None:
    ada = await _creator(service.db)
    await service.catalog.sync(service.db)
    first = await finished(service, ada, (await service.start(owner_id=ada, prompt='cooking pasta at home')).id)
    await set_disabled(db=service.db, email='ada@example.com', disabled=True)
    with pytest.raises(AuthError) as refused:  # a stale tab's edit or canvas gesture
        await service.revise(owner_id=ada, generation_id=first.id, change=RecipeChange(mirrored=True))
    assert refused.value.code == 'auth.disabled'
    with pytest.raises(AuthError):  # a free (basic variant) start
        await service.start(owner_id=ada, prompt='cooking pasta at home', charge=False)
    assert await _count(service.db, Generation, ada) == 1  # no version was made
    await set_disabled(db=service.db, email='ada@example.com', disabled=False)
    child = await service.revise(owner_id=ada, generation_id=first.id, change=RecipeChange(mirrored=True))
    assert child.parent_id == first.id


async def test_messages_and_uploads_per_minute(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('ROUTIX_MESSAGES_PER_MINUTE', '2')
    monkeypatch.setenv('ROUTIX_UPLOADS_PER_MINUTE', '0')  # 0: no limit
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    ada = await _creator(db)
    async with db.transaction() as session:
        conv = Conversation(owner_id=ada)
        session.add(conv)
        await session.flush()
        assert conv.id is not None
        for role in ('user', 'assistant', 'assistant', 'user'):  # the assistant's replies do not count
            session.add(Message(conversation_id=conv.id, owner_id=ada, role=role))
        for _ in range(50):
            session.add(Upload(owner_id=ada, storage_key='k', mime='image/png', width=1, height=1, sha256='0'))
    with pytest.raises(QuotaExceeded) as refused:
        await limits.check_message(db=db, settings=settings, owner_id=ada)
    assert refused.value.code == 'limits.messages' and refused.value.params['n'] == 2
    await limits.check_upload(db=db, settings=settings, owner_id=ada)  # unlimited
    other = await _creator(db, 'eve@example.com')
    await limits.check_message(db=db, settings=settings, owner_id=other)


# ---- through the real routes and pages -----------------------------------------------------------------------------


@pytest.fixture
def two_per_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two messages and two uploads a minute (set before the app starts)."""
    monkeypatch.setenv('ROUTIX_MESSAGES_PER_MINUTE', '2')
    monkeypatch.setenv('ROUTIX_UPLOADS_PER_MINUTE', '2')


async def test_the_chat_says_when_messages_come_too_fast_and_keeps_nothing(
    two_per_minute: None, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    for count, text in enumerate(('cooking pasta at home', 'minecraft speedrun world record'), start=1):
        await send(user, text)
        await wait_for_count(user, 'proposal', count)  # answered: the composer takes the next one
    await send(user, 'a third one, too fast')
    await user.should_see('At most 2 messages a minute. Try again in', retries=SLOW)
    db = app_db()
    try:
        async with db.session() as session:
            texts = (await session.exec(select(Message.content).where(Message.role == 'user'))).all()
    finally:
        await db.dispose()
    assert sorted(texts) == ['cooking pasta at home', 'minecraft speedrun world record']


async def test_uploads_too_fast_get_429_and_the_tab_is_told(
    two_per_minute: None, user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    from tests.test_upload_route import png, stored

    await sign_up(user)
    await user.open('/')
    assert (await pick_file(user, png('#110000'))).status_code == 201
    assert (await pick_file(user, png('#220000'))).status_code == 201
    third = await pick_file(user, png('#330000'))
    assert third.status_code == 429 and third.json() == {'code': 'limits.uploads'}
    await user.should_see('At most 2 images a minute. Try again in', retries=SLOW)
    assert await stored(app_db) == 2


# ---- deleting uploads nothing needs ----------------------------------------------------------------------------------


async def _upload(db: Database, store: LocalStore, owner_id: int, age: timedelta) -> tuple[int, str]:
    key = new_key(owner_id, 'png')
    await store.put(key, b'\x89PNG fake')
    async with db.transaction() as session:
        upload = Upload(
            owner_id=owner_id,
            storage_key=key,
            mime='image/png',
            width=1,
            height=1,
            sha256='0',
            created_at=utcnow() - age,
        )
        session.add(upload)
    assert upload.id is not None
    return upload.id, key


async def _ids(db: Database) -> set[int]:
    async with db.session() as session:
        return {i for i in (await session.exec(select(Upload.id))).all() if i is not None}


async def test_deleting_a_conversation_deletes_its_uploads_but_not_those_a_kept_thumbnail_needs(
    db: Database, tmp_path: Path
) -> None:
    store = LocalStore(tmp_path / 'images')
    ada = await _creator(db)
    eve = await _creator(db, 'eve@example.com')
    shown, shown_key = await _upload(db, store, ada, timedelta(0))
    used, used_key = await _upload(db, store, ada, timedelta(0))
    theirs, _ = await _upload(db, store, eve, timedelta(0))
    async with db.transaction() as session:
        conv = Conversation(owner_id=ada)
        session.add(conv)
        await session.flush()
        assert conv.id is not None
        meta = {'kind': 'text', 'upload_ids': [shown, used, theirs]}
        session.add(Message(conversation_id=conv.id, owner_id=ada, role='user', meta=meta))
        session.add(Generation(owner_id=ada, conversation_id=conv.id, prompt='p', upload_id=used))
        conv.deleted_at = utcnow()
        session.add(conv)
    conversation_id = conv.id
    assert await delete_conversation_uploads(db=db, store=store, owner_id=ada, conversation_id=conversation_id) == 1
    assert await _ids(db) == {used, theirs}  # eve's is not ada's to delete, whatever ada's message names
    assert not (tmp_path / 'images' / shown_key).exists() and (tmp_path / 'images' / used_key).exists()


async def test_the_sweep_deletes_old_uploads_nothing_needs_and_keeps_the_rest(db: Database, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / 'images')
    ada = await _creator(db)
    day = timedelta(hours=25)
    _orphan, orphan_key = await _upload(db, store, ada, day)
    waiting, _ = await _upload(db, store, ada, timedelta(minutes=10))  # may still be waiting for its message
    in_thread, _ = await _upload(db, store, ada, day)
    in_thumbnail, _ = await _upload(db, store, ada, day)
    of_deleted, _ = await _upload(db, store, ada, day)
    async with db.transaction() as session:
        conv = Conversation(owner_id=ada)
        session.add(conv)
        await session.flush()
        assert conv.id is not None
        session.add(Message(conversation_id=conv.id, owner_id=ada, role='user', meta={'upload_ids': [in_thread]}))
        session.add(Generation(owner_id=ada, prompt='kept', upload_id=in_thumbnail))
        gone = Generation(owner_id=ada, prompt='deleted', upload_id=of_deleted, deleted_at=utcnow())
        session.add(gone)
    assert await sweep_orphan_uploads(db=db, store=store, older_than=timedelta(hours=24)) == 2
    assert await _ids(db) == {waiting, in_thread, in_thumbnail}
    assert not (tmp_path / 'images' / orphan_key).exists()
    async with db.session() as session:
        kept_row = await session.get(Generation, gone.id)
    assert kept_row is not None and kept_row.upload_id is None  # the ledger keeps the row; the image is gone
    assert await sweep_orphan_uploads(db=db, store=store, older_than=timedelta(hours=24)) == 0


async def test_racing_sweeps_delete_each_orphan_once_and_none_fails(db: Database, tmp_path: Path) -> None:
    """Every web process of a cluster runs the sweep: racing sweeps must not trip over each other's deletions."""
    store = LocalStore(tmp_path / 'images')
    ada = await _creator(db)
    orphans = [await _upload(db, store, ada, timedelta(hours=25)) for _ in range(6)]
    counts = await asyncio.gather(
        *(sweep_orphan_uploads(db=db, store=store, older_than=timedelta(hours=24)) for _ in range(3))
    )
    assert sum(counts) == len(orphans)  # each deleted once, by whichever sweep got there first
    assert await _ids(db) == set()
    assert not any((tmp_path / 'images' / key).exists() for _, key in orphans)


@pytest.mark.usefixtures('nicegui_runtime')
async def test_deleting_a_conversation_in_the_chat_service_deletes_the_photo_sent_in_it(_isolated_env: Path) -> None:
    from routix.core.services import build_services
    from tests.test_upload_route import png

    services = build_services(Settings(_env_file=None))  # type: ignore[call-arg]
    services.settings.prepare_data_dir()
    await services.db.migrate()
    try:
        ada = await _creator(services.db)
        conversation = await services.chat.create(owner_id=ada)
        photo = await services.chat.save_upload(owner_id=ada, data=png())
        await services.chat.send(
            owner_id=ada, conversation_id=conversation.id, text='cooking pasta at home', upload_ids=[photo.id]
        )
        stored = _isolated_env / 'images' / photo.url.removeprefix('/media/')
        assert stored.is_file() and await _ids(services.db) == {photo.id}
        await services.chat.delete(owner_id=ada, conversation_id=conversation.id)
        assert await _ids(services.db) == set() and not stored.exists()
    finally:
        await services.shutdown()
