"""Versions of a thread on a real database: undo, redo, branching by select, other creators kept out, events."""

from __future__ import annotations

from pathlib import Path

import pytest

from routix.chat.versions import VersionMove, VersionService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound
from routix.design.textlayer import TextLayer
from routix.models import Conversation, Generation, User
from routix.vocabulary import GenerationStatus
from tests.helpers.generation import build_service, finished


async def _creator(db: Database, email: str) -> tuple[int, int]:
    """A creator and one of their conversations."""
    async with db.transaction() as session:
        user = User(email=email)
        session.add(user)
        await session.flush()
        assert user.id is not None
        conv = Conversation(owner_id=user.id, title='thread')
        session.add(conv)
        await session.flush()
        assert conv.id is not None
        return user.id, conv.id


async def _version(
    db: Database, owner: int, conv: int, parent: int | None = None, *, status: str = 'completed', current: bool = True
) -> int:
    """A finished generation row of the thread (an edit of ``parent``), made current as the chat does."""
    async with db.transaction() as session:
        gen = Generation(
            owner_id=owner,
            conversation_id=conv,
            parent_id=parent,
            prompt='p',
            headline='EPIC',
            status=GenerationStatus(status),
            image_key=f'{owner}/x.jpg',
        )
        session.add(gen)
        await session.flush()
        assert gen.id is not None
        if current:
            row = await session.get(Conversation, conv)
            assert row is not None
            row.last_generation_id = gen.id
            session.add(row)
        return gen.id


@pytest.fixture
async def versions(db: Database) -> VersionService:
    return VersionService(db=db)


async def test_undo_walks_back_and_redo_forward(versions: VersionService) -> None:
    owner, conv = await _creator(versions.db, 'ada@example.com')
    v1 = await _version(versions.db, owner, conv)
    v2 = await _version(versions.db, owner, conv, v1)
    v3 = await _version(versions.db, owner, conv, v2)
    moves: list[VersionMove] = []
    versions.moves_for(owner).subscribe(moves.append)

    assert await versions.undo(owner_id=owner, conversation_id=conv) == v2
    assert await versions.undo(owner_id=owner, conversation_id=conv) == v1
    assert await versions.undo(owner_id=owner, conversation_id=conv) is None  # the first version has no parent
    assert await versions.current(owner_id=owner, conversation_id=conv) == v1
    assert await versions.redo(owner_id=owner, conversation_id=conv) == v2
    assert await versions.redo(owner_id=owner, conversation_id=conv) == v3
    assert await versions.redo(owner_id=owner, conversation_id=conv) is None
    assert await versions.current(owner_id=owner, conversation_id=conv) == v3
    assert [m.generation_id for m in moves] == [v2, v1, v2, v3]
    assert {m.conversation_id for m in moves} == {conv}


async def test_redo_returns_to_the_branch_undo_left(versions: VersionService) -> None:
    owner, conv = await _creator(versions.db, 'ada@example.com')
    v1 = await _version(versions.db, owner, conv)
    v2 = await _version(versions.db, owner, conv, v1)
    v3 = await _version(versions.db, owner, conv, v1)  # a second branch from v1, newer than v2
    await versions.select(owner_id=owner, conversation_id=conv, generation_id=v2)
    assert await versions.undo(owner_id=owner, conversation_id=conv) == v1
    assert await versions.redo(owner_id=owner, conversation_id=conv) == v2  # not the newer v3

    restarted = VersionService(db=versions.db)  # nothing remembered: the newest finished child
    await restarted.select(owner_id=owner, conversation_id=conv, generation_id=v1)
    assert await restarted.redo(owner_id=owner, conversation_id=conv) == v3


async def test_the_strip_lists_the_thread_oldest_first_with_parents(versions: VersionService) -> None:
    owner, conv = await _creator(versions.db, 'ada@example.com')
    v1 = await _version(versions.db, owner, conv)
    v2 = await _version(versions.db, owner, conv, v1)
    failed = await _version(versions.db, owner, conv, v2, status='failed', current=False)
    await _version(versions.db, owner, conv, v2, status='processing', current=False)  # not a version yet
    listed = await versions.versions(owner_id=owner, conversation_id=conv)
    assert [(v.id, v.parent_id, v.number) for v in listed] == [(v1, None, 1), (v2, v1, 2), (failed, v2, 3)]
    assert [v.usable for v in listed] == [True, True, False]
    assert listed[0].image_url == f'/media/{owner}/x.jpg'
    with pytest.raises(InvalidRequest) as refused:
        await versions.select(owner_id=owner, conversation_id=conv, generation_id=failed)
    assert refused.value.code == 'generation.not_finished'
    assert await versions.current(owner_id=owner, conversation_id=conv) == v2


async def test_undo_skips_a_failed_ancestor(versions: VersionService) -> None:
    owner, conv = await _creator(versions.db, 'ada@example.com')
    v1 = await _version(versions.db, owner, conv)
    broken = await _version(versions.db, owner, conv, v1, status='failed', current=False)
    v3 = await _version(versions.db, owner, conv, broken)
    assert await versions.current(owner_id=owner, conversation_id=conv) == v3
    assert await versions.undo(owner_id=owner, conversation_id=conv) == v1


async def test_another_creators_thread_and_versions_are_not_found(versions: VersionService) -> None:
    ada, ada_conv = await _creator(versions.db, 'ada@example.com')
    bob, bob_conv = await _creator(versions.db, 'bob@example.com')
    a1 = await _version(versions.db, ada, ada_conv)
    await _version(versions.db, ada, ada_conv, a1)
    b1 = await _version(versions.db, bob, bob_conv)
    bob_moves: list[VersionMove] = []
    versions.moves_for(bob).subscribe(bob_moves.append)

    for call in (versions.versions, versions.current, versions.undo, versions.redo):
        with pytest.raises(NotFound):
            await call(owner_id=bob, conversation_id=ada_conv)
    with pytest.raises(NotFound):  # ada's version in bob's thread
        await versions.select(owner_id=bob, conversation_id=bob_conv, generation_id=a1)
    with pytest.raises(NotFound):  # bob's version in ada's thread, asked by ada
        await versions.select(owner_id=ada, conversation_id=ada_conv, generation_id=b1)
    assert await versions.undo(owner_id=ada, conversation_id=ada_conv) == a1
    assert bob_moves == []
    assert await versions.current(owner_id=bob, conversation_id=bob_conv) == b1


@pytest.mark.usefixtures('nicegui_runtime')
async def test_an_edit_after_select_branches_from_the_selected_version(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    generation = build_service(settings=settings, db=db, images=tmp_path / 'images')
    await generation.catalog.sync(db)
    versions = VersionService(db=db)
    owner, conv = await _creator(db, 'ada@example.com')
    try:
        first = await finished(
            generation, owner, (await generation.start(owner_id=owner, prompt='tech review', conversation_id=conv)).id
        )
        layer = TextLayer.from_dict(first.text_layer)
        layer.headline = 'FIRST EDIT'  # new words always change the picture
        second = await finished(
            generation, owner, (await generation.edit(owner_id=owner, generation_id=first.id, text_layer=layer)).id
        )
        await versions.select(owner_id=owner, conversation_id=conv, generation_id=second.id)
        assert await versions.undo(owner_id=owner, conversation_id=conv) == first.id
        current = await versions.current(owner_id=owner, conversation_id=conv)
        assert current == first.id
        layer.headline = 'A BRANCH'
        branch = await finished(
            generation, owner, (await generation.edit(owner_id=owner, generation_id=current, text_layer=layer)).id
        )
        listed = await versions.versions(owner_id=owner, conversation_id=conv)
        assert [(v.id, v.parent_id) for v in listed] == [(first.id, None), (second.id, first.id), (branch.id, first.id)]
    finally:
        await generation.shutdown()
