"""Accessibility in a real browser: axe-core (from npm, `make setup`) over the studio, templates, history and account
pages in English and Persian (and Persian in the dark theme), and the keyboard path from page load to the message box.

axe's findings are printed (rule, impact, the elements and why) whenever a page has a serious or critical one.
Screenshots of the studio with a proposal and a finished result land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from nicegui.testing import Screen
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.helpers.browser import (
    BROWSER,
    nicegui_chrome_options,  # noqa: F401  (fixture)
    nicegui_driver,  # noqa: F401  (fixture)
    register,
    send_prompt,
    shot,
    wait,
)

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(__import__('os').environ.get('ROUTIX_AXE_DIR', ROOT / '.axe')) / 'npm/node_modules/axe-core/axe.min.js'
PAGES = ('/', '/?c=1', '/templates', '/history', '/history?g=1', '/account')
"""an empty studio and one with a proposal and a result; history's grid and its detail dialog"""
BLOCKING = ('serious', 'critical')

pytestmark = [
    *BROWSER,
    pytest.mark.skipif(
        not AXE.is_file(), reason=f'needs axe-core: run `make setup` (scripts/install_axe.sh) for {AXE}'
    ),
]


def axe_findings(screen: Screen) -> list[dict[str, Any]]:
    """Run axe-core on the current page (WCAG 2.x A/AA and best-practice rules); its violations."""
    driver = screen.selenium
    if not driver.execute_script('return typeof window.axe === "object"'):
        driver.execute_script(AXE.read_text())
    result = driver.execute_async_script(
        'const done = arguments[arguments.length - 1];'
        'axe.run(document, {resultTypes: ["violations"]}).then((r) => done(r.violations), (e) => done(String(e)));'
    )
    assert isinstance(result, list), result
    return result


def blocking(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f.get('impact') in BLOCKING]


def report(page: str, findings: list[dict[str, Any]]) -> str:
    """The findings as a person reads them: rule, impact, help, then each element's selector and summary."""
    lines = [f'{page}: {len(findings)} finding(s)']
    for finding in findings:
        lines.append(f'- {finding["id"]} ({finding["impact"]}): {finding["help"]}')
        for node in finding['nodes'][:8]:
            lines.append(f'    {json.dumps(node["target"])}: {node.get("failureSummary", "").replace(chr(10), " ")}')
            lines.append(f'      {node["html"][:200]}')
    return '\n'.join(lines)


def settled(screen: Screen) -> None:
    """Wait until the page has loaded with the images in view (lazy ones below the fold never load)."""
    wait(screen, lambda d: d.execute_script('return document.readyState === "complete"'))
    wait(
        screen,
        lambda d: d.execute_script(
            'return [...document.querySelectorAll("img")]'
            '.filter(i => i.getBoundingClientRect().top < window.innerHeight).every(i => i.complete)'
        ),
    )


def register_and_generate(screen: Screen, data_dir: Path) -> None:
    """Register through the form, send a prompt, Generate: the thread then holds a proposal and a finished result."""
    register(screen, data_dir)
    send_prompt(screen, 'Gaming video "EPIC WIN" neon purple')
    screen.click('Generate')
    wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, 'img[src^="/media/"]'), timeout=60)


def test_axe_finds_nothing_serious_on_the_main_pages_in_both_languages_and_themes(
    screen: Screen, _isolated_env: Path
) -> None:
    register_and_generate(screen, _isolated_env)
    problems: list[str] = []
    for look in ('en', 'fa', 'fa dark'):
        if look == 'fa':
            screen.open('/account')
            screen.selenium.find_element(By.CSS_SELECTOR, 'form[action^="/auth/lang/fa"] button').click()
            wait(screen, lambda d: d.execute_script('return document.documentElement.lang === "fa"'))
        if look == 'fa dark':  # the header's theme button (saved for the account)
            screen.selenium.find_element(By.XPATH, '//button[.//i[text()="dark_mode"]]').click()
            wait(screen, lambda d: d.execute_script('return document.body.classList.contains("body--dark")'))
        for page in PAGES:
            screen.open(page)
            settled(screen)
            found = blocking(axe_findings(screen))
            if found:
                problems.append(report(f'{page} ({look})', found))
    if problems:
        print('\n\n'.join(problems))  # the whole list, also when the assertion message is cut short
    assert not problems, '\n\n'.join(problems)


def active(screen: Screen) -> str:
    """The element with the keyboard focus: its id, tag and the start of its text."""
    return screen.selenium.execute_script(
        'const e = document.activeElement; return e.id + " " + e.tagName + " " + (e.textContent || "").slice(0, 30);'
    )


def press(screen: Screen, key: str) -> None:
    ActionChains(screen.selenium).send_keys(key).perform()


def from_the_top(screen: Screen) -> None:
    """Put the keyboard where a page load leaves it without autofocus: at the start of the document."""
    screen.selenium.execute_script(
        'window.scrollTo(0, 0); document.body.tabIndex = -1; document.body.focus();'
        'document.body.removeAttribute("tabindex");'
    )


def in_view(screen: Screen, selector: str) -> bool:
    """True when the newest element matching ``selector`` is wholly visible: below the header, above the composer."""
    return bool(
        screen.selenium.execute_script(
            'const all = document.querySelectorAll(arguments[0]); const el = all[all.length - 1];'
            'if (!el) return false;'
            'const r = el.getBoundingClientRect(); const header = document.querySelector(".q-header");'
            'const dock = document.querySelector(".routix-composer-dock");'
            'const top = header ? header.getBoundingClientRect().bottom : 0;'
            'const bottom = dock ? dock.getBoundingClientRect().top : window.innerHeight;'
            'return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;',
            selector,
        )
    )


def generate_and_look(screen: Screen, prompt: str, name: str, width: int, height: int) -> None:
    """At ``width``×``height``: send ``prompt``, picture the proposal, pick the second template and Generate with the
    keyboard, then the finished thumbnail and its download button are in view (and pictured)."""
    screen.selenium.set_window_size(width, height)
    box = screen.selenium.find_element(By.ID, 'routix-message')
    box.send_keys(prompt + Keys.ENTER)
    wait(screen, lambda d: len(d.find_elements(By.CSS_SELECTOR, '.q-card[role=button][aria-pressed]')) >= 3)
    settled(screen)
    shot(screen, f'a11y_{name}_proposal.png', width, height)
    cards = screen.selenium.find_elements(By.CSS_SELECTOR, '.q-card[role=button][aria-pressed]')[-3:]
    assert cards[1].get_attribute('tabindex') == '0'
    cards[1].send_keys(Keys.SPACE)  # the card has the focus and is picked with the keyboard
    wait(screen, lambda _: cards[1].get_attribute('aria-pressed') == 'true')
    assert cards[0].get_attribute('aria-pressed') == 'false'
    shot(screen, f'a11y_{name}_focus.png', width, height)  # the focus ring on the picked card
    generate = screen.selenium.find_elements(By.XPATH, '//button[.//span[text()="Generate"]]')[-1]
    generate.send_keys(Keys.ENTER)
    images = 'img[src^="/media/"][alt^="Thumbnail"]'
    wait(screen, lambda d: d.execute_script(f"return [...document.querySelectorAll('{images}')].some(i => i.complete)"))
    wait(screen, lambda _: in_view(screen, '.q-card [src^="/media/"]') and in_view(screen, 'a[href$="?download=1"]'))
    shot(screen, f'a11y_{name}_result.png', width, height)


def test_the_keyboard_reaches_the_message_box_and_the_result_lands_in_view(screen: Screen, _isolated_env: Path) -> None:
    register(screen, _isolated_env)
    wait(screen, lambda _: active(screen).startswith('routix-message TEXTAREA'), timeout=5)  # focused on opening

    from_the_top(screen)
    press(screen, Keys.TAB)
    assert 'Skip to the message box' in active(screen)
    press(screen, Keys.ENTER)
    wait(screen, lambda _: active(screen).startswith('routix-message TEXTAREA'), timeout=5)  # 2 presses

    generate_and_look(screen, 'Gaming video "EPIC WIN" neon purple', 'desktop', 1366, 900)
    screen.open('/')  # a new chat, at phone width
    generate_and_look(screen, 'Cooking show "5 MINUTE PASTA" warm', 'phone', 390, 844)

    screen.open('/history')  # elsewhere the skip link goes to the page's content
    wait(screen, lambda d: d.find_elements(By.CSS_SELECTOR, '.routix-skip'))
    from_the_top(screen)
    press(screen, Keys.TAB)
    assert 'Skip to the content' in active(screen)
    press(screen, Keys.ENTER)
    wait(screen, lambda d: d.execute_script('return document.activeElement.classList.contains("routix-main")'))
