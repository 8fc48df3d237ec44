"""The video picker in a real browser (headless Debian Chromium): its script posts the recording with
XMLHttpRequest, the frame search ends in a strip, and the best frame goes into the composer as the photo."""

from __future__ import annotations

from pathlib import Path

import pytest
from nicegui.testing import Screen
from selenium.webdriver.common.by import By

from routix.video.synth import Shot, write_video
from tests.helpers.browser import (
    BROWSER,
    nicegui_chrome_options,  # noqa: F401  (fixture)
    nicegui_driver,  # noqa: F401  (fixture)
    register,
    wait,
)

pytestmark = BROWSER
pytest.importorskip('skimage')


def test_pick_a_video_and_use_its_best_frame(screen: Screen, _isolated_env: Path, tmp_path: Path) -> None:
    video = write_video(tmp_path / 'talk.mp4', [Shot('black', 2), Shot('face', 3)], size=(640, 360), fps=10)
    register(screen, _isolated_env)
    # the movie button opens the hidden picker; a person picks a file there, Selenium hands it to the input
    screen.selenium.find_element(By.CSS_SELECTOR, 'input[type=file][data-routix-video]').send_keys(str(video))
    wait(screen, lambda d: 'The best frames of your video' in d.find_element(By.TAG_NAME, 'body').text, timeout=60)
    previews = screen.selenium.find_elements(By.CSS_SELECTOR, 'img[src^="data:image/jpeg"]')
    assert previews and all(screen.selenium.execute_script('return arguments[0].naturalWidth', p) for p in previews)
    screen.selenium.find_element(By.XPATH, '//button[contains(., "Use the frame at")]').click()
    thumb = wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'), timeout=30)
    assert isinstance(thumb, list) and len(thumb) == 1  # the frame waits in the composer as the photo
