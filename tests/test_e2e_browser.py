"""One real-browser run (headless Debian Chromium): register, prompt, Generate, the image — and screenshots of it.

The screenshots land in screenshots/ (git-ignored) so a person can look at the pages at desktop and phone width.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nicegui.testing import Screen
from selenium.webdriver.common.by import By

from pages.shell import compiled_tailwind
from tests.helpers.browser import (
    BROWSER,
    nicegui_chrome_options,  # noqa: F401  (fixture)
    nicegui_driver,  # noqa: F401  (fixture)
    register,
    send_prompt,
    shot,
    wait,
)

pytestmark = BROWSER


def test_register_prompt_generate_and_see_the_image(screen: Screen, _isolated_env: Path) -> None:
    register(screen, _isolated_env)
    shot(screen, 'chat_empty_phone.png', 390, 844)
    screen.selenium.set_window_size(1280, 900)

    send_prompt(screen, 'Gaming video "EPIC WIN" neon purple')  # Enter sends
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
    styled = screen.selenium.execute_script(
        'const card = document.querySelector(".nicegui-card.rounded-2xl");'
        'return [getComputedStyle(card).borderTopLeftRadius, !!document.querySelector("script[src*=tailwindcss]"),'
        '        !!document.querySelector("link[href^=\'/_routix/tailwind.css\']")];'
    )
    # Tailwind's classes apply; compiled at setup (no compiler re-scanning the page in the tab) wherever npm is
    assert styled[0] == '16px', styled
    if shutil.which('npm'):
        assert compiled_tailwind() and styled[1:] == [False, True], styled
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
    register(screen, _isolated_env)
    # the attach button opens the hidden picker; a person picks a file there, Selenium hands it to the input
    screen.selenium.find_element(By.CSS_SELECTOR, 'input[type=file][data-routix-upload]').send_keys(str(photo))
    thumb = wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'), timeout=30)
    assert isinstance(thumb, list) and len(thumb) == 1
    send_prompt(screen, 'Travel vlog "ALPS" like this picture')
    sent = screen.selenium.find_elements(By.CSS_SELECTOR, '.q-message img[src^="/media/"]')
    assert len(sent) == 1  # the reference went with the message
