"""Every answer carries the security headers; the websocket answers only the public origin when one is configured."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
from nicegui.testing import Screen, User
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.helpers.browser import (  # the Debian Chromium set-up (fixtures are found by their imported names)
    CHROMEDRIVER,
    CHROMIUM,
    PASSWORD,
    field,
    migrated,
    nicegui_chrome_options,  # noqa: F401
    nicegui_driver,  # noqa: F401
    wait,
)

SignUp = Callable[..., Awaitable[None]]
SOCKET = '/_nicegui_ws/socket.io/?EIO=4&transport=polling'


def assert_secured(response: httpx.Response) -> None:
    headers = response.headers
    csp = headers['content-security-policy']
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"):
        assert directive in csp or "default-src 'none'" in csp
    assert headers['x-content-type-options'] == 'nosniff'
    assert headers['referrer-policy'] == 'same-origin'
    assert 'camera=()' in headers['permissions-policy'] and 'microphone=()' in headers['permissions-policy']
    assert 'server' not in headers or 'uvicorn' not in headers['server']


@pytest.mark.usefixtures('app_ready')
@pytest.mark.parametrize('path', ['/login', '/register', '/', '/history', '/download/1.png', '/media/u1/x.jpg'])
async def test_anonymous_answers_are_secured(user: User, path: str) -> None:
    assert_secured(await user.http_client.get(path))


@pytest.mark.parametrize('path', ['/', '/history', '/templates', '/account', '/nothing-here', '/download/5.png'])
async def test_signed_in_answers_are_secured(user: User, sign_up: SignUp, path: str) -> None:
    await sign_up(user)
    response = await user.http_client.get(path)
    assert_secured(response)
    assert "form-action 'self'" in response.headers['content-security-policy'] or response.status_code == 404


async def test_media_keeps_its_stricter_policy(user: User, sign_up: SignUp) -> None:
    await sign_up(user)
    response = await user.http_client.get('/download/5.png')
    assert response.status_code == 404
    assert response.headers['x-content-type-options'] == 'nosniff'


async def test_any_origin_may_open_the_socket_without_a_public_url(user: User) -> None:
    response = await user.http_client.get(SOCKET, headers={'Origin': 'https://evil.example'})
    assert response.status_code == 200


@pytest.fixture
def public_url(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv('ROUTIX_BASE_URL', 'https://studio.example.com/')
    return 'https://studio.example.com'


@pytest.mark.usefixtures('public_url')
async def test_a_foreign_origin_cannot_open_the_socket(user: User, caplog: pytest.LogCaptureFixture) -> None:
    refused = await user.http_client.get(SOCKET, headers={'Origin': 'https://evil.example'})
    assert refused.status_code == 400
    allowed = await user.http_client.get(SOCKET, headers={'Origin': 'https://studio.example.com'})
    assert allowed.status_code == 200
    caplog.clear()  # engine.io logs the refused origin as an error, once


# ---- the real browser: NiceGUI's pages work under the policy -------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason='needs Debian Chromium')
def test_pages_load_without_a_policy_violation(screen: Screen, _isolated_env: Path) -> None:
    screen.open('/register')
    wait(screen, lambda _: migrated(_isolated_env), timeout=20)
    screen.open('/register')
    assert_no_violation(screen)
    field(screen, 'display_name').send_keys('Ada')
    field(screen, 'email').send_keys('ada@example.com')
    field(screen, 'password').send_keys(PASSWORD + Keys.ENTER)
    screen.should_contain('What are we making today?')
    for path, text in (('/templates', 'Templates'), ('/history', 'History'), ('/account', 'Account')):
        screen.open(path)
        wait(screen, lambda d, text=text: d.title.endswith(text) and d.find_elements(By.CSS_SELECTOR, '.routix-main'))
        assert_no_violation(screen)
    screen.open('/?c=1')
    screen.selenium.find_element(By.CSS_SELECTOR, 'form[action^="/auth/lang/fa"] button').click()  # the picker POSTs
    wait(screen, lambda d: d.execute_script('return document.documentElement.dir') == 'rtl')
    assert screen.selenium.find_element(By.CSS_SELECTOR, '.routix-nav-active').get_attribute('textContent') == 'استودیو'
    assert_no_violation(screen)
    with urllib.request.urlopen(f'http://localhost:{Screen.PORT}/login') as response:  # the real uvicorn server
        assert response.headers.get('server') is None
        assert "frame-ancestors 'none'" in response.headers['content-security-policy']


def assert_no_violation(screen: Screen) -> None:
    """The browser console reports no Content-Security-Policy violation (and no script error) on the open page."""
    time.sleep(0.5)  # let late scripts run; the console is then read, nothing is timed
    problems = [e['message'] for e in screen.selenium.get_log('browser') if e['level'] == 'SEVERE']
    assert not [m for m in problems if 'Content Security Policy' in m or 'Refused to' in m], problems
