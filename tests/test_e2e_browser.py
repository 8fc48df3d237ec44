"""One real-browser run (headless Debian Chromium): register, prompt, Generate, the image — and screenshots of it.

The screenshots land in screenshots/ (git-ignored) so a person can look at the pages at desktop and phone width.
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
SHOTS = Path(__file__).resolve().parent.parent / 'screenshots'
PASSWORD = 'correct horse 42'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason='needs Debian Chromium: apt-get install -y chromium chromium-driver',
    ),
]


@pytest.fixture(scope='session')
def nicegui_chrome_options() -> webdriver.ChromeOptions:
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
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    return options


@pytest.fixture(scope='session')
def nicegui_driver(nicegui_chrome_options: webdriver.ChromeOptions) -> Iterator[webdriver.Chrome]:
    """The system chromedriver (Selenium Manager would try to download one)."""
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=nicegui_chrome_options)
    driver.implicitly_wait(Screen.IMPLICIT_WAIT)
    driver.set_page_load_timeout(20)
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
    return screen.selenium.find_element(By.CSS_SELECTOR, f'input[name="{name}"]')


def shot(screen: Screen, name: str, width: int, height: int = 900) -> None:
    screen.selenium.set_window_size(width, height)
    time.sleep(0.4)  # let the layout settle after the resize; this is for the picture, not an assertion
    SHOTS.mkdir(exist_ok=True)
    screen.selenium.save_screenshot(str(SHOTS / name))


def test_register_prompt_generate_and_see_the_image(screen: Screen, _isolated_env: Path) -> None:
    screen.open('/register')
    wait(screen, lambda _: migrated(_isolated_env), timeout=20)
    screen.open('/register')
    field(screen, 'display_name').send_keys('Ada')
    field(screen, 'email').send_keys('ada@example.com')
    field(screen, 'password').send_keys(PASSWORD + Keys.ENTER)
    screen.should_contain('What are we making today?')
    shot(screen, 'chat_empty_phone.png', 390, 844)
    screen.selenium.set_window_size(1280, 900)

    composer = screen.selenium.find_element(By.CSS_SELECTOR, 'textarea')
    composer.send_keys('Gaming video "EPIC WIN" neon purple' + Keys.ENTER)  # Enter sends
    screen.should_contain('Here is how I read your idea')
    screen.should_contain('EPIC WIN')
    wait(
        screen,
        lambda d: d.execute_script(
            'return [...document.querySelectorAll("img[src^=\'/template-preview/\']")].every(i => i.naturalWidth > 0)'
        ),
    )
    shot(screen, 'chat_proposal.png', 1280, 900)
    shot(screen, 'chat_proposal_phone.png', 390, 844)
    screen.selenium.set_window_size(1280, 900)
    screen.click('Generate')
    image = wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'), timeout=60)
    assert isinstance(image, list)
    wait(screen, lambda d: d.execute_script('return arguments[0].complete && arguments[0].naturalWidth', image[0]))
    assert screen.selenium.execute_script('return arguments[0].naturalWidth', image[0]) == 1280
    screen.should_contain('Download JPEG')
    link = screen.selenium.find_element(By.XPATH, '//a[contains(@href, "?download=1")]')
    assert link.get_attribute('href').split('?')[0].endswith('.jpg')
    screen.selenium.execute_script('window.scrollTo(0, document.body.scrollHeight)')
    shot(screen, 'chat_flow.png', 1280, 900)
    shot(screen, 'chat_flow_phone.png', 390, 844)

    screen.open('/templates')
    wait(
        screen,
        lambda d: d.execute_script(
            'return [...document.querySelectorAll("img[src^=\'/template-preview/\']")].some(i => i.naturalWidth > 0)'
        ),
    )
    shot(screen, 'templates.png', 1280, 900)
    shot(screen, 'templates_phone.png', 390, 844)

    screen.open('/history')
    wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'))
    shot(screen, 'history.png', 1280, 900)
    shot(screen, 'history_phone.png', 390, 844)
    screen.selenium.set_window_size(1280, 900)
    screen.selenium.find_element(By.CSS_SELECTOR, 'img[src^="/media/"]').click()
    screen.should_contain('Recipe')
    shot(screen, 'history_detail.png', 1280, 900)

    screen.open('/?c=1')  # the same conversation in Persian, right to left: the language picker POSTs
    screen.selenium.find_element(By.CSS_SELECTOR, 'form[action^="/auth/lang/fa"] button').click()
    screen.should_contain('برداشت من از ایده‌ی شما')
    shot(screen, 'chat_fa.png', 1280, 900)
    shot(screen, 'chat_fa_phone.png', 390, 844)
    screen.selenium.find_element(By.XPATH, '//button[.//i[text()="dark_mode"]]').click()
    wait(screen, lambda d: d.execute_script('return document.body.classList.contains("body--dark")'))
    shot(screen, 'chat_fa_dark.png', 1280, 900)
    screen.selenium.set_window_size(1280, 900)


def test_attach_a_photo_with_the_picker(screen: Screen, _isolated_env: Path, tmp_path: Path) -> None:
    photo = tmp_path / 'reference.png'
    from PIL import Image

    Image.new('RGB', (320, 200), '#2f7bf7').save(photo)
    screen.open('/register')
    wait(screen, lambda _: migrated(_isolated_env), timeout=20)
    screen.open('/register')
    field(screen, 'display_name').send_keys('Ada')
    field(screen, 'email').send_keys('ada@example.com')
    field(screen, 'password').send_keys(PASSWORD + Keys.ENTER)
    screen.should_contain('What are we making today?')
    # the attach button opens the hidden picker; a person picks a file there, Selenium hands it to the input
    screen.selenium.find_element(By.CSS_SELECTOR, 'input[type=file][data-routix-upload]').send_keys(str(photo))
    thumb = wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'), timeout=30)
    assert isinstance(thumb, list) and len(thumb) == 1
    composer = screen.selenium.find_element(By.CSS_SELECTOR, 'textarea')
    composer.send_keys('Travel vlog "ALPS" like this picture' + Keys.ENTER)
    screen.should_contain('Here is how I read your idea')
    sent = screen.selenium.find_elements(By.CSS_SELECTOR, '.q-message img[src^="/media/"]')
    assert len(sent) == 1  # the reference went with the message
