"""The canvas in a real browser (headless Debian Chromium): drag the headline with the mouse, nudge it with the keys.

The browser only moves an outline; the test reads the new version the server rendered from the database.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from nicegui.testing import Screen
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.helpers.browser import (
    BROWSER,
    SHOTS,
    nicegui_chrome_options,  # noqa: F401  (fixture)
    nicegui_driver,  # noqa: F401  (fixture)
    register,
    send_prompt,
    wait,
)

HEADLINE = '.routix-canvas [data-kind="headline"]'

pytestmark = BROWSER


def versions(data_dir: Path) -> list[tuple[int, int | None, list[int], str]]:
    """Every finished generation: id, parent, headline box, image key (empty before the schema exists)."""
    try:
        with sqlite3.connect(data_dir / 'routix.db') as connection:
            rows = connection.execute(
                "SELECT id, parent_id, text_layer, image_key FROM generations WHERE status = 'completed' ORDER BY id"
            ).fetchall()
    except sqlite3.Error:
        return []
    return [(i, parent, json.loads(layer)['box'], key) for i, parent, layer, key in rows]


def test_drag_the_headline_then_nudge_it_with_the_keys(screen: Screen, _isolated_env: Path) -> None:
    register(screen, _isolated_env)
    send_prompt(screen, 'Gaming video "EPIC WIN" neon')
    screen.click('Generate')
    wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, HEADLINE), timeout=60)
    wait(screen, lambda _: versions(_isolated_env) or None)
    ((first, _, box, _),) = versions(_isolated_env)

    headline = screen.selenium.find_element(By.CSS_SELECTOR, HEADLINE)
    screen.selenium.execute_script('arguments[0].scrollIntoView({block: "center"})', headline)
    width = screen.selenium.execute_script(
        'return document.querySelector(".routix-canvas").getBoundingClientRect().width'
    )
    scale = 1280 / float(width)
    sx = -1 if box[0] + box[2] / 2 > 640 else 1  # towards the middle, where there is room to move
    sy = -1 if box[1] + box[3] / 2 > 360 else 1
    drag = ActionChains(screen.selenium).move_to_element(headline).click_and_hold()
    drag.move_by_offset(30 * sx, 10 * sy).move_by_offset(30 * sx, 10 * sy).release().perform()
    wait(screen, lambda _: len(versions(_isolated_env)) >= 2 or None)
    (_, _, _, first_key), (second, parent, moved, key) = versions(_isolated_env)
    assert parent == first
    x, y = on_canvas(box, box[0] + round(60 * sx * scale), box[1] + round(20 * sy * scale))  # kept on the canvas
    assert abs(moved[0] - x) <= 2 and abs(moved[1] - y) <= 2, (box, moved, scale)
    assert moved[2:] == box[2:]
    wait(
        screen,
        lambda d: d.find_elements(By.CSS_SELECTOR, f'.routix-canvas img[src="/media/{key}"]'),
    )  # the server's render is what the canvas shows

    headline = screen.selenium.find_element(By.CSS_SELECTOR, HEADLINE)
    across = Keys.ARROW_LEFT if sx < 0 else Keys.ARROW_RIGHT
    headline.send_keys(across, across, Keys.SHIFT + (Keys.ARROW_UP if sy < 0 else Keys.ARROW_DOWN), Keys.ENTER)
    wait(screen, lambda _: len(versions(_isolated_env)) >= 3 or None)
    third = versions(_isolated_env)[-1]
    x, y = on_canvas(moved, moved[0] + 20 * sx, moved[1] + 40 * sy)
    assert third[1] == second and third[2] == [x, y, *moved[2:]]
    assert first_key != key

    ActionChains(screen.selenium).key_down(Keys.CONTROL).send_keys('z').key_up(Keys.CONTROL).perform()  # undo
    wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, f'.routix-canvas img[src="/media/{key}"]'))
    for name, size in (('canvas.png', (1280, 900)), ('canvas_phone.png', (390, 844))):  # for a person to look at
        screen.selenium.set_window_size(*size)
        canvas = screen.selenium.find_element(By.CSS_SELECTOR, '.routix-canvas')
        screen.selenium.execute_script('arguments[0].scrollIntoView({block: "start"})', canvas)
        SHOTS.mkdir(exist_ok=True)
        screen.selenium.save_screenshot(str(SHOTS / name))
    screen.selenium.set_window_size(1280, 900)


def on_canvas(box: list[int], x: int, y: int) -> tuple[int, int]:
    """Where a box of ``box``'s size put at (x, y) lands: the server keeps it whole on the 1280×720 canvas."""
    return min(max(x, 0), 1280 - box[2]), min(max(y, 0), 720 - box[3])
