"""Web benchmark: starts the real server and measures what a creator feels, in one run.

- click → image: a real headless Chromium clicks Generate on a basic proposal; the time until the finished
  thumbnail has loaded in the page is measured inside the browser (performance.now), p50 and p95;
- memory per connected browser client: the server's RSS before and after opening N more chat tabs (each with
  its websocket connected), divided by N;
- memory of closed tabs: the server's RSS after opening and closing N/2 chat tabs, then after N: a closed tab is
  freed once NiceGUI's reconnect timeout has passed, so the two should be level (a plateau), not grow per tab;
- the first history page with 10 000 generations in the database: server time of GET /history (median).

Ends with one line: `web click_to_image_p50_ms=… rss_per_client_kib=… closed_tab_growth_kib=… history_first_page_ms=…`.
Needs Debian's chromium + chromium-driver (without them the browser numbers are reported as n/a).
Run: .venv/bin/python bench/web.py   (BENCH_CLICKS=20 BENCH_TABS=20 by default)
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CLICKS = int(os.environ.get('BENCH_CLICKS', '20'))
TABS = int(os.environ.get('BENCH_TABS', '20'))
HISTORY_ROWS = 10_000
PASSWORD = 'bench-password-2026'

CLICK_AND_WAIT = """
const done = arguments[arguments.length - 1];
const before = new Set([...document.querySelectorAll('img')].map(i => i.src).filter(s => s.includes('/media/')));
const buttons = [...document.querySelectorAll('button')].filter(b => /generate/i.test(b.textContent));
const button = buttons[buttons.length - 1];
const start = performance.now();
const check = () => {
  const fresh = [...document.querySelectorAll('img')].find(
    i => i.src.includes('/media/') && !before.has(i.src) && i.complete && i.naturalWidth > 0);
  if (fresh) { done(performance.now() - start); return true; }
  return false;
};
const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
observer.observe(document.body, {subtree: true, childList: true, attributes: true});
document.addEventListener('load', () => { if (check()) observer.disconnect(); }, true);
button.click();
setTimeout(() => { observer.disconnect(); done(-1); }, 30000);
"""


def main() -> None:
    """Run every measurement against one real server."""
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        data = Path(tmp) / 'data'
        env = os.environ | {
            'ROUTIX_DATA_DIR': str(data),
            'ROUTIX_PORT': str(port),
            'ROUTIX_HOST': '127.0.0.1',
            'ROUTIX_ENV': 'development',
            'DATABASE_URL': '',
            'ROUTIX_STORAGE': 'local',
            'ROUTIX_JOB_CONCURRENCY': '2',
        }
        server = subprocess.Popen(
            [sys.executable, 'app.py'], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        base = f'http://127.0.0.1:{port}'
        try:
            _wait_until_up(base)
            cookies = _register(base)
            clicks = _click_to_image(base, cookies)
            rss = _rss_per_client(base, cookies, server.pid)
            half, full = _rss_after_closed_tabs(base, cookies, server.pid)
            history = _history_first_page(base, cookies, data / 'routix.db')
        finally:
            server.terminate()
            server.wait(timeout=20)
    p50 = statistics.median(clicks) if clicks else float('nan')
    p95 = _percentile(clicks, 95) if clicks else float('nan')
    print(
        f'click → image over {len(clicks)} basic generations: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p50 ≤ 250 ms)'
    )
    print(f'memory per connected chat tab: {rss:.0f} KiB (target ≤ 400 KiB)')
    growth = (full - half) / max(1, TABS - TABS // 2)
    print(
        f'server RSS after opening and closing {TABS // 2} chat tabs: {half / 1024:.1f} MiB, after {TABS}: '
        f'{full / 1024:.1f} MiB ({growth:.0f} KiB per further closed tab; a plateau is ~0)'
    )
    print(f'first history page with {HISTORY_ROWS} generations: {history:.1f} ms (target ≤ 150 ms)')
    print(
        f'web click_to_image_p50_ms={p50:.1f} click_to_image_p95_ms={p95:.1f} rss_per_client_kib={rss:.0f} '
        f'closed_tab_growth_kib={growth:.0f} history_first_page_ms={history:.1f}'
    )


def _register(base: str) -> dict[str, str]:
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client:
        page = client.get('/register').text
        token = re.search(r'"name":"csrf","value":"([^"]+)"', page)  # the page's element tree is JSON
        assert token, 'no CSRF token on /register'
        response = client.post(
            '/auth/register',
            data={
                'csrf': token.group(1),
                'email': 'bench@example.com',
                'password': PASSWORD,
                'display_name': 'Bench',
                'next': '/',
            },
        )
        assert response.status_code == 303 and '/register' not in response.headers['location'], response.headers
        return dict(client.cookies)


def _browser() -> Any:
    if not (Path('/usr/bin/chromium').exists() and Path('/usr/bin/chromedriver').exists()):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = '/usr/bin/chromium'
    for flag in (
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--window-size=1280,900',
        '--disable-dev-shm-usage',
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)


def _signed_in(driver: Any, base: str, cookies: dict[str, str]) -> None:
    driver.get(f'{base}/login')
    for name, value in cookies.items():
        driver.add_cookie({'name': name, 'value': value, 'path': '/'})


def _wait_for(driver: Any, script: str, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: d.execute_script(script))


def _click_to_image(base: str, cookies: dict[str, str]) -> list[float]:
    driver = _browser()
    if driver is None:
        print('chromium/chromedriver not installed: click → image not measured')
        return []
    try:
        driver.set_script_timeout(60)
        _signed_in(driver, base, cookies)
        driver.get(f'{base}/')
        _wait_for(driver, "return document.querySelector('textarea') !== null")
        box = driver.find_element('css selector', 'textarea')
        box.send_keys('Minecraft speedrun "NEW WORLD RECORD" neon purple\n')
        _wait_for(driver, "return [...document.querySelectorAll('button')].some(b => /generate/i.test(b.textContent))")
        driver.execute_async_script(CLICK_AND_WAIT)  # warm-up: starts the process pool, fills caches
        times = []
        for _ in range(CLICKS):
            elapsed = driver.execute_async_script(CLICK_AND_WAIT)
            if elapsed >= 0:
                times.append(float(elapsed))
        return times
    finally:
        driver.quit()


def _rss_kib(pid: int) -> int:
    status = Path(f'/proc/{pid}/status').read_text()
    return int(re.search(r'VmRSS:\s+(\d+) kB', status).group(1))  # type: ignore[union-attr]


def _rss_per_client(base: str, cookies: dict[str, str], pid: int) -> float:
    driver = _browser()
    if driver is None:
        return float('nan')
    connected = 'return window.socket !== undefined && window.socket.connected === true'
    try:
        _signed_in(driver, base, cookies)
        driver.get(f'{base}/')
        _wait_for(driver, connected)
        time.sleep(2)  # let the first tab's work settle before the baseline (a measurement pause, not a test)
        before = _rss_kib(pid)
        for _ in range(TABS):
            driver.switch_to.new_window('tab')
            driver.get(f'{base}/')
            _wait_for(driver, connected)
        time.sleep(2)
        after = _rss_kib(pid)
        return (after - before) / TABS
    finally:
        driver.quit()


def _rss_after_closed_tabs(base: str, cookies: dict[str, str], pid: int) -> tuple[float, float]:
    """Server RSS (KiB) after opening and closing TABS/2 chat tabs, and after TABS (a warm-up round goes first)."""
    driver = _browser()
    if driver is None:
        return float('nan'), float('nan')
    connected = 'return window.socket !== undefined && window.socket.connected === true'
    settle = 6  # NiceGUI frees a tab's client 3 s (reconnect timeout) after its socket closed

    def open_and_close(count: int) -> None:
        for _ in range(count):
            driver.switch_to.new_window('tab')
            driver.get(f'{base}/')
            _wait_for(driver, connected)
            driver.close()
            driver.switch_to.window(home)

    try:
        _signed_in(driver, base, cookies)
        driver.get('about:blank')
        home = driver.current_window_handle
        open_and_close(5)
        time.sleep(settle)  # a measurement pause, not a test
        open_and_close(TABS // 2)
        time.sleep(settle)
        half = _rss_kib(pid)
        open_and_close(TABS - TABS // 2)
        time.sleep(settle)
        return half, _rss_kib(pid)
    finally:
        driver.quit()


def _history_first_page(base: str, cookies: dict[str, str], db_path: Path) -> float:
    _fill_history(db_path)
    with httpx.Client(base_url=base, cookies=cookies, timeout=30) as client:
        for _ in range(3):
            assert client.get('/history').status_code == 200
        times = []
        for _ in range(20):
            start = time.perf_counter()
            response = client.get('/history')
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
    return statistics.median(times)


def _fill_history(db_path: Path) -> None:
    """10 000 finished generations of the bench user, written straight into the SQLite file."""
    connection = sqlite3.connect(db_path, timeout=30)
    owner = connection.execute("SELECT id FROM users WHERE email = 'bench@example.com'").fetchone()[0]
    rows = []
    for i in range(HISTORY_ROWS):
        rows.append(
            (
                owner,
                f'bench prompt number {i} about gaming',
                json.dumps({'category': 'gaming'}),
                'gaming-neon-burst',
                0.9,
                json.dumps({}),
                'basic',
                'basic',
                'routix-pillow',
                'completed',
                5,
                100,
                json.dumps({}),
                1,
                60000,
                0,
                f'HEADLINE {i}',
                'gaming',
                json.dumps({}),
                '2026-11-01 12:00:00.000000',
                0,
                0,
            )
        )
    connection.executemany(
        'INSERT INTO generations (owner_id, prompt, analysis, template_slug, template_score, match, tier, provider,'
        ' model, status, stage, progress, text_layer, seed, image_bytes, credits_charged, headline, category,'
        ' timings, created_at, refunded, favourite) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,'
        ' ?, ?, ?, ?)',
        rows,
    )
    connection.commit()
    connection.close()


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f'{base}/login', timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit('the server did not start')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


if __name__ == '__main__':
    main()
