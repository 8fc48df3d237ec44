"""The chat page, as a creator uses it: prompt → proposal → Generate → live stages → image; edits, uploads."""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable

import pytest
from nicegui import ui
from nicegui.testing import User
from PIL import Image
from sqlmodel import select

from routix.core.db import Database
from routix.models import Conversation, CreditEntry, Generation
from routix.models import User as Account
from tests.helpers.language import choose_language
from tests.helpers.pages import SLOW, click_newest, newest, send, texts, visible, wait_for_count
from tests.helpers.tiers import paid_tiers_down
from tests.helpers.uploads import pick_file

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
pytestmark = pytest.mark.usefixtures('app_ready')


# ---- helpers a creator's hands would use (the shared ones live in tests/helpers/pages.py) -------------------


async def propose_and_generate(user: User, prompt: str, *, tier: str = 'basic') -> ui.element:
    """Send ``prompt``, wait for the proposal, pick ``tier``, Generate; returns the finished image element."""
    before = len(visible(user, 'generation'))
    proposals = len(visible(user, 'proposal'))
    await send(user, prompt)
    await wait_for_count(user, 'proposal', proposals + 1)
    click_newest(user, f'tier-{tier}')
    click_newest(user, 'generate')
    await wait_for_count(user, 'generation', before + 1)
    await wait_for_count(user, 'generation-image', before + 1)
    return newest(user, 'generation-image')


def png_bytes(colour: str = '#7b2ff7') -> bytes:
    out = io.BytesIO()
    Image.new('RGB', (64, 48), colour).save(out, format='PNG')
    return out.getvalue()


# ---- the whole story --------------------------------------------------------------------------------------------


async def test_prompt_to_proposal_to_finished_thumbnail_with_download(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await user.should_see('What are we making today?')
    await send(user, 'Gaming video "EPIC WIN" neon purple')

    await user.should_see(marker='proposal')
    proposal = newest(user, 'proposal')
    assert texts(proposal, 'analysis-category') == ['Gaming']
    assert texts(proposal, 'analysis-headline') == ['EPIC WIN']
    with user.scope(marker='proposal'):
        assert len(user.find(marker='match').elements) == 3
        await user.should_see('% match')
    await user.should_not_see(marker='empty-state')

    click_newest(user, 'tier-basic')
    click_newest(user, 'generate')
    await user.should_see(marker='generation')
    await user.should_see('Analysing')
    await user.should_see('Finalising')
    await user.should_see(marker='generation-image', retries=SLOW)
    image = newest(user, 'generation-image')
    assert isinstance(image, ui.image) and image.source.startswith('/media/')
    await user.should_see('Done')
    (download,) = user.find(marker='download-jpeg').elements
    assert download.props['href'] == f'{image.source}?download=1'
    response = await user.http_client.get(download.props['href'])
    assert response.status_code == 200
    assert response.headers['content-type'] == 'image/jpeg'
    assert response.headers['content-disposition'].startswith('attachment')
    assert response.content[:3] == b'\xff\xd8\xff'
    (history,) = user.find(marker='open-history').elements
    assert history.enabled


async def test_follow_up_edits_add_new_versions(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    first = await propose_and_generate(user, 'Gaming video "EPIC WIN" neon purple')

    await send(user, 'bigger text')
    await wait_for_count(user, 'generation-image', 2)
    await user.should_see('Version 2')
    await user.should_see(marker='edit-summary')
    second = newest(user, 'generation-image')
    assert isinstance(second, ui.image) and isinstance(first, ui.image)
    assert second.source != first.source and second.source.startswith('/media/')

    await send(user, 'make it red')
    await wait_for_count(user, 'generation-image', 3)
    await user.should_see('Version 3')
    assert len(user.find(marker='proposal').elements) == 1  # edits never ask for a new proposal


async def test_a_persian_prompt_gets_a_persian_headline_and_a_thumbnail(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    image = await propose_and_generate(user, 'یک تامبنیل برای ویدیوی آشپزی با متن «غذای خوشمزه»')
    proposal = newest(user, 'proposal')
    assert texts(proposal, 'analysis-headline') == ['غذای خوشمزه']
    assert texts(proposal, 'analysis-language') == ['Persian']
    assert isinstance(image, ui.image) and image.source.startswith('/media/')
    (message,) = user.find(marker='user-message').elements
    label = next(e for e in message.descendants() if isinstance(e, ui.label))
    assert label.props.get('dir') == 'auto'


async def test_the_page_follows_the_creators_language(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    await user.open('/')
    await user.should_see('امروز چه بسازیم؟')
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await user.should_see('برداشت من از ایده‌ی شما')
    await user.should_see('ساختن')


async def test_an_example_prompt_fills_the_composer(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    examples = user.find(marker='example').elements
    assert len(examples) == 3
    assert any('«' in e.text for e in examples if isinstance(e, ui.button))  # one of them is Persian
    user.find('Gaming video "EPIC WIN" neon purple').click()
    (composer,) = user.find(marker='composer').elements
    assert isinstance(composer, ui.textarea) and composer.value == 'Gaming video "EPIC WIN" neon purple'


async def test_enter_sends_and_the_text_is_shown_as_text(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    user.find(marker='composer').type('<b>bold</b> "HELLO" vlog')
    user.find(marker='composer').trigger('keydown.enter.exact.prevent')
    await user.should_see(marker='proposal')
    (message,) = user.find(marker='user-message').elements
    labels = [e for e in message.descendants() if isinstance(e, ui.label)]
    assert [label.text for label in labels] == ['<b>bold</b> "HELLO" vlog']
    assert not [e for e in message.descendants() if isinstance(e, ui.html)]


# ---- uploads ----------------------------------------------------------------------------------------------------


async def test_a_reference_image_is_sanitised_shown_and_sent_with_the_message(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await pick_file(user, png_bytes())
    await user.should_see(marker='pending-upload', retries=SLOW)
    (pending,) = user.find(marker='pending-upload').elements
    (thumb,) = [e for e in pending.descendants() if isinstance(e, ui.image)]
    assert thumb.source.startswith('/media/')
    stored = await user.http_client.get(thumb.source)
    assert stored.status_code == 200 and stored.content.startswith(b'\x89PNG')

    await send(user, 'Travel vlog "ALPS" like this picture')
    await user.should_see(marker='proposal')
    await user.should_see(marker='reference')
    await user.should_not_see(marker='pending-upload')


async def test_a_bad_file_says_what_is_wrong_and_keeps_the_typed_text(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    user.find(marker='composer').type('my draft prompt')
    await pick_file(user, b'not a png at all')
    await user.should_see('The file is damaged or not an image.', retries=SLOW)
    await user.should_not_see(marker='pending-upload')
    (composer,) = user.find(marker='composer').elements
    assert isinstance(composer, ui.textarea) and composer.value == 'my draft prompt'


async def test_a_removed_upload_does_not_go_with_the_message(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await pick_file(user, png_bytes())
    await user.should_see(marker='pending-upload', retries=SLOW)
    user.find(marker='remove-upload').click()
    await user.should_not_see(marker='pending-upload')
    await send(user, 'Tech review "PHONE X" clean')
    await user.should_see(marker='proposal')
    await user.should_not_see(marker='reference')


# ---- conversations ----------------------------------------------------------------------------------------------


async def test_rename_and_delete_a_conversation(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Cooking video "PASTA NIGHT" warm')
    await user.should_see(marker='proposal')
    await user.should_see(marker='conversation')
    await user.should_see('Cooking video "PASTA NIGHT" warm')

    user.find(marker='conversation-menu').click()  # the ⋮ menu is built when first opened
    user.find(marker='rename').click()
    await user.should_see(marker='dialog-input')
    user.find(marker='dialog-input').clear().type('Pasta thumbnails')
    user.find(marker='dialog-ok').click()
    await user.should_see('Pasta thumbnails')
    await user.should_not_see(marker='dialog-input')

    user.find(marker='conversation-menu').click()  # the list was re-rendered with the new title
    user.find(marker='delete').click()
    await user.should_see('Delete “Pasta thumbnails”? Its thumbnails stay in your history.')
    user.find(marker='dialog-ok').click()
    await user.should_see('No conversations yet.', retries=20)
    db = app_db()
    try:
        async with db.session() as session:
            (conversation,) = (await session.exec(select(Conversation))).all()
        assert conversation.deleted_at is not None and conversation.title == 'Pasta thumbnails'
    finally:
        await db.dispose()


async def test_a_conversation_opens_by_its_id_with_its_thread(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await user.open('/')
    await propose_and_generate(user, 'Fitness video "30 DAY ABS" energetic')
    db = app_db()
    try:
        async with db.session() as session:
            (conversation,) = (await session.exec(select(Conversation))).all()
    finally:
        await db.dispose()
    await user.open(f'/?c={conversation.id}')
    await user.should_see(marker='proposal')
    await user.should_see(marker='generation-image')
    await user.should_not_see(marker='empty-state')


async def test_an_unknown_conversation_falls_back_to_a_new_chat(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/?c=999999')
    await user.should_see('That conversation does not exist. Here is a new chat.')
    await user.should_see(marker='empty-state')


# ---- credits ----------------------------------------------------------------------------------------------------


@pytest.fixture
def five_credits(monkeypatch: pytest.MonkeyPatch) -> None:
    """New accounts start with 5 credits (pro costs 8; the paid tiers are configured, so they can be picked)."""
    monkeypatch.setenv('ROUTIX_SIGNUP_CREDITS', '5')
    paid_tiers_down(monkeypatch)


@pytest.mark.usefixtures('five_credits')
async def test_not_enough_credits_for_pro_says_so_and_charges_nothing(
    user: User, sign_up: SignUp, app_db: AppDb
) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await user.should_see(marker='proposal')
    await user.should_see('Your balance: 5 credits')
    click_newest(user, 'tier-pro')
    click_newest(user, 'generate')
    await user.should_see('This needs 8 credits and you have 5.')
    await user.should_not_see(marker='generation')
    db = app_db()
    try:
        async with db.session() as session:
            (account,) = (await session.exec(select(Account))).all()
            entries = (await session.exec(select(CreditEntry))).all()
            generations = (await session.exec(select(Generation))).all()
    finally:
        await db.dispose()
    assert account.credits == 5
    assert [(e.delta, e.reason) for e in entries] == [(5, 'signup')]
    assert generations == []


@pytest.fixture
def one_job_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """One generation runs at a time, so the next ones wait in line (premium is configured, so it can be picked)."""
    monkeypatch.setenv('ROUTIX_JOB_CONCURRENCY', '1')
    paid_tiers_down(monkeypatch)


@pytest.mark.usefixtures('one_job_at_a_time')
async def test_a_queued_generation_shows_its_place_and_can_be_cancelled_with_a_refund(
    user: User, sign_up: SignUp
) -> None:
    await sign_up(user)
    await user.open('/')
    for number, prompt in enumerate(
        ('Gaming video "ONE" neon', 'Gaming video "TWO" neon', 'Gaming video "THREE" neon'), start=1
    ):
        await send(user, prompt)
        await wait_for_count(user, 'proposal', number)
        click_newest(user, 'tier-premium' if number == 3 else 'tier-basic')
        click_newest(user, 'generate')
        await wait_for_count(user, 'generation', number)
    await user.should_see('Waiting in line: position', retries=20)
    await user.should_see('17 credits')  # premium's 3 credits are taken up front
    click_newest(user, 'cancel')
    await user.should_see('Cancelled. Your 3 credits were refunded.', retries=SLOW)
    await wait_for_count(user, 'generation-image', 2)
    await user.should_see('20 credits')
    assert len(visible(user, 'generation-image')) == 2


@pytest.fixture
def providers_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """The paid tiers are configured and their providers refuse every connection."""
    paid_tiers_down(monkeypatch)


@pytest.mark.usefixtures('providers_down')
async def test_premium_with_its_provider_down_falls_back_with_a_notice_and_refund(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await propose_and_generate(user, 'Gaming video "EPIC WIN" neon purple', tier='premium')
    await user.should_see(marker='generation-notice')
    await user.should_see('Finished with the basic renderer instead; your credits were refunded.')
    await user.should_see('Your balance: 20 credits')
    await wait_for_count(user, 'generation-image', 1)  # the notice shows while composing: let the job finish


async def test_the_conversation_list_opens_as_a_drawer_on_small_screens(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await user.open('/')
    await send(user, 'Music video "NIGHT DRIVE" synthwave')
    await user.should_see(marker='proposal')
    assert len(visible(user, 'new-chat')) == 1  # the sidebar's; the drawer is built only when opened
    user.find(marker='open-conversations').click()
    await wait_for_count(user, 'new-chat', 2)
    assert len(visible(user, 'conversation')) == 2  # the same conversation, in the sidebar and in the drawer


@pytest.mark.usefixtures('five_credits')
async def test_a_persian_creator_reads_the_credit_refusal_in_persian(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    await choose_language(user, 'fa')
    await user.open('/')
    await send(user, 'Gaming video "EPIC WIN" neon purple')
    await user.should_see(marker='proposal')
    click_newest(user, 'tier-pro')
    click_newest(user, 'generate')
    await user.should_see('این کار 8 اعتبار لازم دارد و شما 5 اعتبار دارید.')
