"""The video picker in a real browser (headless Debian Chromium): its script posts the recording with
XMLHttpRequest, the frame search ends in a strip, and the best frame goes into the composer as the photo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from nicegui.testing import Screen
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from routix.video.synth import Shot, write_video
from tests.test_e2e_browser import CHROMEDRIVER, CHROMIUM, PASSWORD, field, migrated

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason='needs Debian Chromium: apt-get install -y chromium chromium-driver',
    ),
]
pytest.importorskip('skimage')


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
        '--window-size=1280,900',
    ):
        options.add_argument(argument)
    return options


@pytest.fixture(scope='session')
def nicegui_driver(nicegui_chrome_options: webdriver.ChromeOptions) -> Iterator[webdriver.Chrome]:
    """The system chromedriver (Selenium Manager would try to download one)."""
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=nicegui_chrome_options)
    driver.implicitly_wait(Screen.IMPLICIT_WAIT)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def wait(screen: Screen, condition: Callable[[webdriver.Chrome], object], timeout: float = 60) -> object:
    """Wait for a real condition of the page."""
    return WebDriverWait(screen.selenium, timeout, poll_frequency=0.1).until(condition)


def test_pick_a_video_and_use_its_best_frame(screen: Screen, _isolated_env: Path, tmp_path: Path) -> None:
    video = write_video(tmp_path / 'talk.mp4', [Shot('black', 2), Shot('face', 3)], size=(640, 360), fps=10)
    screen.open('/register')
    wait(screen, lambda _: migrated(_isolated_env), timeout=20)
    screen.open('/register')
    field(screen, 'display_name').send_keys('Ada')
    field(screen, 'email').send_keys('ada@example.com')
    field(screen, 'password').send_keys(PASSWORD + Keys.ENTER)
    screen.should_contain('What are we making today?')
    # the movie button opens the hidden picker; a person picks a file there, Selenium hands it to the input
    screen.selenium.find_element(By.CSS_SELECTOR, 'input[type=file][data-routix-video]').send_keys(str(video))
    wait(screen, lambda d: 'The best frames of your video' in d.find_element(By.TAG_NAME, 'body').text)
    previews = screen.selenium.find_elements(By.CSS_SELECTOR, 'img[src^="data:image/jpeg"]')
    assert previews and all(screen.selenium.execute_script('return arguments[0].naturalWidth', p) for p in previews)
    screen.selenium.find_element(By.XPATH, '//button[contains(., "Use the frame at")]').click()
    thumb = wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'), timeout=30)
    assert isinstance(thumb, list) and len(thumb) == 1  # the frame waits in the composer as the photo
