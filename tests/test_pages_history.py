"""The history page: newest first, search, filters, favourites, delete (with the files), remix, details, paging."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nicegui import ElementFilter, ui
from nicegui.testing import User
from nicegui.testing.user_interaction import UserInteraction
from sqlmodel import select

from components.history_grid import HistoryCard
from routix.accounts import credits
from routix.analysis.offline import OfflineAnalyzer
from routix.core.config import Settings
from routix.core.db import Database
from routix.design.catalog import TemplateCatalog
from routix.generation.service import GenerationService
from routix.models import Generation
from routix.models import User as Account
from routix.storage import LocalStore
from tests.helpers.language import choose_language
from tests.helpers.pages import marked, texts

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')
SLOW = 150  # retries of 0.1 s while a real render runs


def found(user: User, marker: str) -> list[ui.element]:
    """Visible elements with ``marker``, oldest first (possibly none)."""
    with user:
        return sorted(ElementFilter(marker=marker, only_visible=True, local_scope=False), key=lambda e: e.id)


async def until(condition: Callable[[], bool], what: str, *, retries: int = SLOW) -> None:
    """Wait for a condition of the page (checked every 0.1 s)."""
    for _ in range(retries):
        if condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


def grid_order(user: User) -> list[int]:
    """Generation ids of the history cards in the order the grid shows them."""
    (grid,) = user.find(marker='history-grid').elements
    return [card.view.id for card in grid.default_slot.children if isinstance(card, HistoryCard)]


def card_of(user: User, generation_id: int) -> ui.element:
    (card,) = user.find(marker=f'history-{generation_id}').elements
    return card


def click_in(user: User, card: ui.element, marker: str) -> None:
    """Click the element with ``marker`` inside ``card``."""
    (element,) = marked(card, marker)
    UserInteraction(user, {element}, None).click()


async def make_thumbnail(user: User, prompt: str) -> None:
    """Create one thumbnail the way a creator does: chat, proposal, Generate, wait for the image."""
    await user.open('/')
    user.find(marker='composer').type(prompt)
    user.find(marker='send').click()
    await user.should_see(marker='proposal')
    user.find(marker='generate').click()
    await user.should_see(marker='generation-image', retries=SLOW)


async def generations(app_db: AppDb) -> list[Generation]:
    db = app_db()
    try:
        async with db.session() as session:
            return list((await session.exec(select(Generation).order_by(Generation.id))).all())  # type: ignore[arg-type]
    finally:
        await db.dispose()


async def seed(app_db: AppDb, count: int, *, status: str = 'failed', headline: str = 'Seeded') -> None:
    """Arrange older generations directly in the app's database (no images: they failed long ago)."""
    db = app_db()
    try:
        async with db.transaction() as session:
            (account,) = (await session.exec(select(Account))).all()
            for index in range(count):
                session.add(
                    Generation(
                        owner_id=account.id,
                        prompt=f'{headline} prompt {index}',
                        status=status,
                        headline=f'{headline} {index}',
                        category='vlog',
                        stage=0,
                        error='The image provider failed.' if status == 'failed' else None,
                    )
                )
    finally:
        await db.dispose()


@pytest.fixture
async def two_thumbnails(user: User, sign_up: SignUp, app_db: AppDb) -> list[Generation]:
    """A signed-in creator with two finished thumbnails (EPIC WIN first, then PASTA NIGHT)."""
    await sign_up(user)
    await make_thumbnail(user, 'Gaming video "EPIC WIN" neon purple')
    await make_thumbnail(user, 'Cooking video "PASTA NIGHT" warm colours')
    rows = await generations(app_db)
    assert [g.headline for g in rows] == ['EPIC WIN', 'PASTA NIGHT']
    return rows


async def test_newest_first_with_preview_status_tier_and_time(user: User, two_thumbnails: list[Generation]) -> None:
    await user.open('/history')
    await user.should_see(marker='history-card')
    assert grid_order(user) == [two_thumbnails[1].id, two_thumbnails[0].id]
    card = card_of(user, two_thumbnails[1].id)
    assert texts(card, 'history-headline') == ['PASTA NIGHT']
    (preview,) = marked(card, 'history-preview')
    assert isinstance(preview, ui.image) and preview.source.startswith('/media/')
    assert (await user.http_client.get(preview.source)).headers['content-type'] == 'image/webp'
    with user.scope(marker=f'history-{two_thumbnails[1].id}'):
        await user.should_see('Done')
        await user.should_see('Basic')
        await user.should_see('UTC')
    (png,) = marked(card, 'download-png')
    response = await user.http_client.get(png.props['href'])
    assert response.status_code == 200 and response.content.startswith(b'\x89PNG')
    assert response.headers['content-disposition'].startswith('attachment')


async def test_search_by_headline_and_prompt(user: User, two_thumbnails: list[Generation]) -> None:
    await user.open('/history')
    await user.should_see(marker='history-card')
    user.find(marker='history-search').type('pasta')
    await until(lambda: grid_order(user) == [two_thumbnails[1].id], 'the search result')
    user.find(marker='history-search').clear().type('neon purple')  # only in the prompt
    await until(lambda: grid_order(user) == [two_thumbnails[0].id], 'the prompt search result')
    user.find(marker='history-search').clear().type('nothing like this')
    await user.should_see('Nothing matches these filters.')


async def test_filter_by_status(user: User, two_thumbnails: list[Generation], app_db: AppDb) -> None:
    await seed(app_db, 1, headline='Broken')
    await user.open('/history')
    await user.should_see(marker='history-card')
    assert len(grid_order(user)) == 3
    (status,) = user.find(marker='filter-status').elements
    with user:
        status.set_value('failed')
    await until(lambda: len(grid_order(user)) == 1, 'the failed one only')
    await user.should_see('Broken 0')
    with user:
        status.set_value('completed')
    await until(lambda: set(grid_order(user)) == {g.id for g in two_thumbnails}, 'the completed ones')


async def test_favourite_toggle_persists_and_filters(user: User, two_thumbnails: list[Generation]) -> None:
    first = two_thumbnails[0].id
    await user.open('/history')
    await user.should_see(marker='history-card')
    click_in(user, card_of(user, first), 'favourite')
    await until(lambda: bool(marked(card_of(user, first), 'favourite-on')), 'a star')
    await user.open('/history')
    await user.should_see(marker='favourite-on')
    assert marked(card_of(user, first), 'favourite-on')
    user.find(marker='filter-favourites').click()
    await until(lambda: grid_order(user) == [first], 'only the favourite')
    user.find(marker='favourite-on').click()  # un-star it: it stays until the next reload
    await user.should_see(marker='favourite-off')


async def test_delete_asks_first_then_removes_the_card_and_the_files(
    user: User, two_thumbnails: list[Generation]
) -> None:
    victim = two_thumbnails[0].id
    await user.open('/history')
    await user.should_see(marker='history-card')
    card = card_of(user, victim)
    urls = [e.props['href'].split('?')[0] for e in marked(card, 'download-jpeg') + marked(card, 'download-png')]
    urls += [e.source for e in card.descendants() if isinstance(e, ui.image)]
    assert len(urls) == 3
    for url in urls:
        assert (await user.http_client.get(url)).status_code == 200

    click_in(user, card, 'delete-generation')
    await user.should_see('Delete this thumbnail? Its image files are removed for good.')
    user.find(marker='dialog-cancel').click()
    await user.should_not_see(marker='dialog-ok')
    assert victim in grid_order(user)

    click_in(user, card_of(user, victim), 'delete-generation')
    await user.should_see(marker='dialog-ok')
    user.find(marker='dialog-ok').click()
    await until(lambda: victim not in grid_order(user), 'the card to go')
    await user.should_see('Thumbnail deleted.')
    for url in urls:
        assert (await user.http_client.get(url)).status_code == 404
    assert grid_order(user) == [two_thumbnails[1].id]


async def test_remix_opens_a_chat_with_the_same_prompt(user: User, two_thumbnails: list[Generation]) -> None:
    await user.open('/history')
    await user.should_see(marker='history-card')
    click_in(user, card_of(user, two_thumbnails[0].id), 'remix')
    await user.should_see(marker='user-message', retries=30)
    await user.should_see('Gaming video "EPIC WIN" neon purple')
    await user.should_see(marker='proposal')
    await user.should_see('Remix: EPIC WIN')
    await user.should_see(marker='pinned-template')


async def test_the_detail_dialog_shows_the_whole_recipe(
    user: User, two_thumbnails: list[Generation], app_db: AppDb
) -> None:
    gen = next(g for g in await generations(app_db) if g.id == two_thumbnails[0].id)
    assert gen.template_slug is not None
    template = TemplateCatalog.load().by_slug[gen.template_slug]
    await user.open(f'/history?g={gen.id}')
    await user.should_see(marker='generation-detail')
    with user.scope(marker='generation-detail'):
        await user.should_see('Gaming video "EPIC WIN" neon purple')
        await user.should_see(template.name)
        await user.should_see(f'Score {round((gen.template_score or 0) * 100)}%')
        await user.should_see(marker='detail-runners-up')
        for stage in ('analysing', 'matching', 'background', 'composing', 'finalising', 'total'):
            await user.should_see(marker=f'timing-{stage}')
        await user.should_see(f'{gen.timings["total"]} ms')
        await user.should_see('Gaming')
        await user.should_see('0 charged')
        await user.should_see('routix-pillow')
        await user.should_see(marker='detail-text-layer')
    user.find(marker='close-detail').click()
    await user.should_not_see(marker='generation-detail')
    click_in(user, card_of(user, two_thumbnails[1].id), 'details')
    await user.should_see('Cooking video "PASTA NIGHT" warm colours')


async def test_someone_elses_or_a_missing_id_is_not_found(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/history?g=424242')
    await user.should_see('That thumbnail does not exist.')
    await user.should_not_see(marker='generation-detail')


async def test_a_persian_creator_reads_a_restart_interruption_in_persian(
    user: User, sign_up: SignUp, app_db: AppDb, settings: Settings, tmp_path: Path
) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    db = app_db()
    try:
        async with db.transaction() as session:  # what a crash leaves behind: a paid job mid-flight
            (account,) = (await session.exec(select(Account))).all()
            assert account.id is not None
            stuck = Generation(
                owner_id=account.id,
                prompt='speedrun gaming',
                tier='premium',
                status='processing',
                stage=3,
                credits_charged=3,
            )
            session.add(stuck)
            await session.flush()
            await credits.debit(
                session=session, user_id=account.id, amount=3, reason='generation', generation_id=stuck.id
            )
        restarted = GenerationService(  # the next start of the server recovers it
            settings=settings,
            db=db,
            store=LocalStore(tmp_path / 'images'),
            analyzer=OfflineAnalyzer(),
            catalog=TemplateCatalog.load(),
        )
        await restarted.recover()
    finally:
        await db.dispose()
    (row,) = [g for g in await generations(app_db) if g.id == stuck.id]
    assert (row.status, row.error_code, row.refunded) == ('failed', 'generation.interrupted', True)
    await user.open(f'/history?g={stuck.id}')
    with user.scope(marker='generation-detail'):
        await user.should_see('به‌خاطر راه‌اندازی دوباره‌ی سرور متوقف شد. 3 اعتبار شما برگردانده شد.')
        await user.should_not_see('Interrupted')


async def test_a_failure_stored_before_codes_shows_its_text_as_is(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    await seed(app_db, 1)  # error text only, no code: how failures were stored before migration 0003
    (row,) = await generations(app_db)
    assert row.error_code is None
    await user.open(f'/history?g={row.id}')
    with user.scope(marker='generation-detail'):
        await user.should_see('The image provider failed.')


async def test_empty_history_invites_to_create(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/history')
    await user.should_see('Nothing here yet. Your thumbnails will appear here.')
    await user.should_not_see(marker='load-more')
    user.find('Create a thumbnail').click()
    await user.should_see('What are we making today?')


async def test_many_generations_page_with_load_more(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await seed(app_db, 30)
    await user.open('/history')
    await user.should_see(marker='history-card')
    assert len(grid_order(user)) == 24
    await user.should_see(marker='load-more')
    user.find(marker='load-more').click()
    await until(lambda: len(grid_order(user)) == 30, 'the second page')
    await user.should_not_see(marker='load-more')
    ids = grid_order(user)
    assert ids == sorted(ids, reverse=True)


async def test_a_generation_in_another_tab_appears_and_updates_live(
    user: User, sign_up: SignUp, create_user: Callable[[], User]
) -> None:
    await sign_up(user)
    await user.open('/history')
    await user.should_see('Nothing here yet. Your thumbnails will appear here.')
    other_tab = create_user()
    other_tab.http_client.cookies = user.http_client.cookies  # the same creator, a second tab
    await make_thumbnail(other_tab, 'Tech review "PHONE X" clean')
    await until(lambda: bool(found(user, 'history-preview')), 'the live card with its preview')
    await user.should_see('PHONE X')
    await user.should_not_see('Nothing here yet. Your thumbnails will appear here.')


async def test_a_deletion_in_another_tab_removes_the_card_here(
    user: User, two_thumbnails: list[Generation], create_user: Callable[[], User]
) -> None:
    await user.open('/history')
    await user.should_see(marker='history-card')
    other_tab = create_user()
    other_tab.http_client.cookies = user.http_client.cookies
    await other_tab.open('/history')
    await other_tab.should_see(marker='history-card')
    click_in(other_tab, card_of(other_tab, two_thumbnails[1].id), 'delete-generation')
    await other_tab.should_see(marker='dialog-ok')
    other_tab.find(marker='dialog-ok').click()
    await until(lambda: grid_order(user) == [two_thumbnails[0].id], 'the card to go in the first tab')
