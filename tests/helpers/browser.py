"""The real-browser harness (headless Debian Chromium): the driver, waiting, registering through the form, screenshots.

NiceGUI's ``screen`` fixture starts app.py on a free port (``_isolated_env`` gives it a temp data dir); a browser test
module marks itself with ``BROWSER`` and imports the two fixtures by name so they replace NiceGUI's, which would
ask Selenium Manager to download a chromedriver::

    from tests.helpers.browser import BROWSER, nicegui_chrome_options, nicegui_driver  # noqa: F401  (fixtures)

    pytestmark = BROWSER
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from nicegui.testing import Screen
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = Path('/usr/bin/chromium')
CHROMEDRIVER = Path('/usr/bin/chromedriver')
SHOTS = Path(__file__).resolve().parents[2] / 'screenshots'
"""git-ignored: pictures of the pages for a person to look at"""
PASSWORD = 'correct horse 42'

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason='needs Debian Chromium: apt-get install -y chromium chromium-driver',
    ),
]
"""the marks of a module whose tests drive the real browser"""


def chrome_options() -> webdriver.ChromeOptions:
    """Headless Debian Chromium that never reaches for the network on its own."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-search-engine-choice-screen',
        '--window-size=1280,900',
    ):
        options.add_argument(argument)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})  # NiceGUI's screen fails on console errors
    return options


def chrome_driver(options: webdriver.ChromeOptions, page_load_timeout: float = 20) -> webdriver.Chrome:
    """The system chromedriver (Selenium Manager would try to download one)."""
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(page_load_timeout)
    return driver


@pytest.fixture(scope='session')
def nicegui_chrome_options() -> webdriver.ChromeOptions:
    """NiceGUI's ``screen`` with :func:`chrome_options`."""
    return chrome_options()


@pytest.fixture(scope='session')
def nicegui_driver(nicegui_chrome_options: webdriver.ChromeOptions) -> Iterator[webdriver.Chrome]:
    """NiceGUI's ``screen`` with the system chromedriver, one for the session."""
    driver = chrome_driver(nicegui_chrome_options)
    driver.implicitly_wait(Screen.IMPLICIT_WAIT)
    yield driver
    driver.quit()


def wait(screen: Screen, condition: Callable[[webdriver.Chrome], object], timeout: float = 30) -> object:
    """Wait for a real condition of the page."""
    return WebDriverWait(screen.selenium, timeout, poll_frequency=0.1).until(condition)


def migrated(data_dir: Path) -> bool:
    """True once the app's startup has created the schema (startup handlers run in the background)."""
    try:
        with sqlite3.connect(data_dir / 'routix.db') as connection:
            return bool(connection.execute('SELECT version_num FROM alembic_version').fetchone())
    except sqlite3.Error:
        return False


def field(screen: Screen, name: str) -> WebElement:
    """The form's input called ``name``."""
    return screen.selenium.find_element(By.CSS_SELECTOR, f'input[name="{name}"]')


def register(screen: Screen, data_dir: Path) -> None:
    """Start the app, wait for its schema, register Ada through the form: the empty studio is on screen."""
    screen.open('/register')  # starts app.py
    wait(screen, lambda _: migrated(data_dir), timeout=20)
    screen.open('/register')
    field(screen, 'display_name').send_keys('Ada')
    field(screen, 'email').send_keys('ada@example.com')
    field(screen, 'password').send_keys(PASSWORD + Keys.ENTER)
    screen.should_contain('What are we making today?')


def send_prompt(screen: Screen, prompt: str) -> None:
    """Type ``prompt`` into the studio's message box and press Enter: the proposal is on screen."""
    screen.selenium.find_element(By.CSS_SELECTOR, 'textarea').send_keys(prompt + Keys.ENTER)
    screen.should_contain('Here is how I read your idea')


def shot(screen: Screen, name: str, width: int, height: int = 900) -> None:
    """A screenshot at ``width``×``height`` into :data:`SHOTS`."""
    screen.selenium.set_window_size(width, height)
    time.sleep(0.4)  # let the layout settle after the resize; this is for the picture, not an assertion
    SHOTS.mkdir(exist_ok=True)
    screen.selenium.save_screenshot(str(SHOTS / name))
