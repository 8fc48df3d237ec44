"""Ids in URLs that no row can have (too big, negative, not plain ASCII digits): a 404 or the page without that
selection, never a server error or the text of an exception."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

import httpx
import pytest
from nicegui import app, ui
from nicegui.testing import User

from pages.ids import MAX_ID, parse_id

SignUp = Callable[..., Awaitable[None]]
pytestmark = pytest.mark.usefixtures('app_ready')
ABSURD = ['99999999999999999999999', str(MAX_ID + 1), '-1', '0', '1e3', '0x10', '٣', '', ' 1', '1\n']


@pytest.mark.parametrize('value', ABSURD)
def test_absurd_ids_are_no_ids(value: str) -> None:
    assert parse_id(value) is None


def test_ids_are_the_databases_range() -> None:
    assert parse_id('1') == 1
    assert parse_id('0042') == 42
    assert parse_id(str(MAX_ID)) == MAX_ID == 2**63 - 1


@pytest.mark.parametrize('value', ABSURD)
@pytest.mark.parametrize('page', ['/?c=', '/history?g='])
async def test_pages_show_no_selection_for_an_absurd_id(user: User, sign_up: SignUp, page: str, value: str) -> None:
    await sign_up(user)
    response = await user.http_client.get(page + quote(value, safe=''))
    assert response.status_code == 200
    assert 'Error' not in response.text and 'Server error' not in response.text
    await user.open(page + quote(value, safe=''))
    await user.should_see(marker='content')


@pytest.mark.parametrize('value', ABSURD)
async def test_downloads_of_absurd_ids_are_not_found(user: User, sign_up: SignUp, value: str) -> None:
    await sign_up(user)
    response = await user.http_client.get(f'/download/{quote(value, safe="")}.png')
    assert response.status_code == 404


@pytest.mark.parametrize('value', ABSURD)
async def test_media_keys_with_absurd_owners_are_not_found(user: User, sign_up: SignUp, value: str) -> None:
    await sign_up(user)
    response = await user.http_client.get(f'/media/u{quote(value, safe="")}/{"a" * 20}.jpg')
    assert response.status_code == 404


async def test_a_failing_page_shows_no_exception_text(
    user: User, sign_up: SignUp, caplog: pytest.LogCaptureFixture
) -> None:
    @ui.page('/boom')
    def boom() -> None:
        raise RuntimeError('secret detail of the failure')

    await sign_up(user)
    # a client that reads the 500 answer instead of re-raising the app's exception, as a browser would
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url='http://test', cookies=user.http_client.cookies
    ) as client:
        response = await client.get('/boom')
    assert response.status_code == 500
    assert 'secret detail' not in response.text
    assert 'RuntimeError' not in response.text
    assert 'secret detail' in caplog.text  # the operator's log has it all
    caplog.clear()  # the one error this test expects
