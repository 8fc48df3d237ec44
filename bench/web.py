"""Web benchmark: starts the real server and measures what a creator feels, in one run.

- click → image: a real headless Chromium clicks Generate on a basic proposal; the time until the finished
  thumbnail has loaded in the page is measured inside the browser (performance.now), p50 and p95;
- memory per connected browser client: the server's RSS before and after opening N more chat tabs (each with
  its websocket connected), divided by N;
- memory of closed tabs: the server's RSS after opening and closing N/2 chat tabs, then after N: a closed tab is
  freed once NiceGUI's reconnect timeout has passed, so the two should be level (a plateau), not grow per tab;
- the first history page with 10 000 generations in the database: server time of GET /history (median);
- load: BENCH_LOAD_CLIENTS (50) creators, each with its own account and real session, run concurrently (asyncio +
  httpx, loopback) BENCH_LOAD_ROUNDS (20) rounds of the plain HTTP a browser sends when it opens pages: GET / (the chat
  page's HTML), GET /history, GET /templates, one template preview image and one /media/… image of their own; the
  whole load stops after BENCH_LOAD_SECONDS (60). Reported: p50/p95 per request kind and overall, requests per
  second, errors (a status outside 2xx/3xx, or an exception). What it does NOT cover: the websocket (no page is
  brought to life, no chat message, no Generate click, no live update) nor the Vue/JS assets a browser then fetches —
  it measures page loads and image fetches only. Latencies include queueing: the clients share the machine's cores
  with the server (failed requests count in them too). Each creator's /media image is a real thumbnail: one queued basic
  generation per creator is written as ``GenerationService.start`` writes it (as bench/soak.py does), and the server
  is restarted so its start-up recovery runs them through the real pipeline and store.

The server's stdout/stderr go to a temp log; the ERROR/Traceback lines in it are counted (the first traceback is
printed). Ends with one line: `web click_to_image_p50_ms=… rss_per_client_kib=… closed_tab_growth_kib=…
history_first_page_ms=… load_p50_ms=… load_p95_ms=… load_errors=… load_rps=…`.
Needs Debian's chromium + chromium-driver (without them the browser numbers are reported as n/a).
Run: .venv/bin/python bench/web.py   (BENCH_CLICKS=20 BENCH_TABS=20 BENCH_LOAD_CLIENTS=50 by default)
"""

from __future__ import annotations

import asyncio
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routix.core.db import Database  # noqa: E402  (after the path: run as a script from any directory)
from routix.models import Generation  # noqa: E402
from routix.vocabulary import Tier  # noqa: E402

CLICKS = int(os.environ.get('BENCH_CLICKS', '20'))
TABS = int(os.environ.get('BENCH_TABS', '20'))
HISTORY_ROWS = 10_000
LOAD_CLIENTS = int(os.environ.get('BENCH_LOAD_CLIENTS', '50'))
LOAD_ROUNDS = int(os.environ.get('BENCH_LOAD_ROUNDS', '20'))
LOAD_SECONDS = float(os.environ.get('BENCH_LOAD_SECONDS', '60'))
LOAD_KINDS = ('chat', 'history', 'templates', 'preview', 'media')
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
    """Run every measurement against one real server (restarted once, before the load)."""
    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        data = Path(tmp) / 'data'
        log_path = Path(tmp) / 'server.log'
        env = os.environ | {
            'ROUTIX_DATA_DIR': str(data),
            'ROUTIX_PORT': str(port),
            'ROUTIX_HOST': '127.0.0.1',
            'ROUTIX_ENV': 'development',
            'DATABASE_URL': '',
            'ROUTIX_STORAGE': 'local',
            'ROUTIX_JOB_CONCURRENCY': '2',
        }
        base = f'http://127.0.0.1:{port}'
        server = _start(env, log_path)
        try:
            _wait_until_up(base)
            cookies = _register(base, 'bench@example.com')
            clicks = _click_to_image(base, cookies)
            rss = _rss_per_client(base, cookies, server.pid)
            half, full = _rss_after_closed_tabs(base, cookies, server.pid)
            history = _history_first_page(base, cookies, data / 'routix.db')
            started = time.perf_counter()
            sessions = [_register(base, f'load{n}@example.com') for n in range(LOAD_CLIENTS)]
            print(f'{LOAD_CLIENTS} load creators signed up in {time.perf_counter() - started:.1f} s')
            server.terminate()
            server.wait(timeout=20)
            server, media = _media_for_each(data / 'routix.db', env, log_path, base)
            load = asyncio.run(_load(base, sessions, media))
        finally:
            server.terminate()
            server.wait(timeout=20)
        log = log_path.read_text(errors='replace')
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
    _print_load(load)
    _print_log(log)
    print(
        f'web click_to_image_p50_ms={p50:.1f} click_to_image_p95_ms={p95:.1f} rss_per_client_kib={rss:.0f} '
        f'closed_tab_growth_kib={growth:.0f} history_first_page_ms={history:.1f} '
        f'load_p50_ms={load.p50():.1f} load_p95_ms={load.p95():.1f} load_errors={load.errors} load_rps={load.rps():.1f}'
    )


def _start(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """The real server, its stdout and stderr appended to ``log_path`` (read at the end for errors)."""
    with log_path.open('ab') as log:
        return subprocess.Popen([sys.executable, 'app.py'], cwd=ROOT, env=env, stdout=log, stderr=log)


def _register(base: str, email: str) -> dict[str, str]:
    """Sign up through the real /auth/register form; the session cookies of the signed-in creator."""
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client:
        page = client.get('/register').text
        token = re.search(r'"name":"csrf","value":"([^"]+)"', page)  # the page's element tree is JSON
        assert token, 'no CSRF token on /register'
        response = client.post(
            '/auth/register',
            data={
                'csrf': token.group(1),
                'email': email,
                'password': PASSWORD,
                'display_name': email.split('@', maxsplit=1)[0].title(),
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


PROMPTS = ('Minecraft speedrun "NEW WORLD RECORD" neon purple', 'cooking pasta at home', 'iPhone 17 review')


def _media_for_each(
    db_path: Path, env: dict[str, str], log_path: Path, base: str
) -> tuple[subprocess.Popen[bytes], list[str]]:
    """One real thumbnail per load creator; the restarted server and each creator's /media URL ('' if none).

    The generations are queued as ``GenerationService.start`` queues a free basic one (a row, no debit) while the
    server is down; its start-up recovery then runs them through the real pipeline and image store.
    """
    emails = [f'load{n}@example.com' for n in range(LOAD_CLIENTS)]
    with sqlite3.connect(db_path, timeout=30) as connection:
        owners = dict(connection.execute("SELECT email, id FROM users WHERE email LIKE 'load%@example.com'").fetchall())
    asyncio.run(_queue_one_each(db_path, [owners[e] for e in emails]))
    server = _start(env, log_path)
    started = time.perf_counter()
    _wait_until_up(base)
    query = "SELECT count(*) FROM generations WHERE status IN ('queued', 'processing')"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        with sqlite3.connect(db_path, timeout=30) as connection:
            if connection.execute(query).fetchone()[0] == 0:
                break
        time.sleep(0.2)
    with sqlite3.connect(db_path, timeout=30) as connection:
        keys = dict(
            connection.execute(
                'SELECT u.email, g.image_key FROM generations g JOIN users u ON u.id = g.owner_id '
                "WHERE u.email LIKE 'load%@example.com' AND g.status = 'completed' AND g.image_key IS NOT NULL"
            ).fetchall()
        )
    print(
        f'server restarted; {len(keys)}/{LOAD_CLIENTS} load thumbnails rendered by its recovery in '
        f'{time.perf_counter() - started:.1f} s (start-up included)'
    )
    return server, [f'/media/{keys[e]}' if e in keys else '' for e in emails]


async def _queue_one_each(db_path: Path, owners: list[int]) -> None:
    db = Database(f'sqlite+aiosqlite:///{db_path}')
    try:
        async with db.transaction() as session:
            for n, owner in enumerate(owners):
                prompt = PROMPTS[n % len(PROMPTS)]
                session.add(Generation(owner_id=owner, prompt=prompt, tier=Tier.BASIC, seed=n + 1, credits_charged=0))
    finally:
        await db.dispose()


@dataclass(kw_only=True, slots=True)
class Load:
    """What the load run saw: latencies (ms) per request kind, errors, and how long it ran."""

    times: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in LOAD_KINDS})
    errors: int = 0
    kinds_of_error: dict[str, int] = field(default_factory=dict)  # 'GET /history: HTTP 500' → how often
    redirects: int = 0
    skipped_media: int = 0
    seconds: float = 0.0

    def all(self) -> list[float]:
        return [t for times in self.times.values() for t in times]

    def p50(self) -> float:
        return statistics.median(self.all()) if self.all() else float('nan')

    def p95(self) -> float:
        return _percentile(self.all(), 95) if self.all() else float('nan')

    def rps(self) -> float:
        return len(self.all()) / self.seconds if self.seconds else float('nan')


async def _load(base: str, sessions: list[dict[str, str]], media: list[str]) -> Load:
    """LOAD_CLIENTS concurrent creators, LOAD_ROUNDS rounds each, all stopped after LOAD_SECONDS."""
    async with httpx.AsyncClient(base_url=base, cookies=sessions[0], timeout=30) as client:
        page = (await client.get('/templates')).text
    previews = sorted(set(re.findall(r'/template-preview/[\w-]+\.webp\?v=[0-9a-f]+', page)))
    assert previews, 'no template preview URL on /templates'
    load = Load()
    deadline = time.monotonic() + LOAD_SECONDS
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _creator(base, cookies, n=n, previews=previews, media=media[n], deadline=deadline, load=load)
            for n, cookies in enumerate(sessions)
        )
    )
    load.seconds = time.perf_counter() - started
    return load


async def _creator(
    base: str, cookies: dict[str, str], *, n: int, previews: list[str], media: str, deadline: float, load: Load
) -> None:
    """One creator's browser, page loads and image fetches only (see the module docstring)."""
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30, follow_redirects=False) as client:
        for round_ in range(LOAD_ROUNDS):
            preview = previews[(n + round_) % len(previews)]
            for kind, url in zip(LOAD_KINDS, ('/', '/history', '/templates', preview, media), strict=True):
                if time.monotonic() >= deadline:
                    return
                if not url:
                    load.skipped_media += 1
                    continue
                start = time.perf_counter()
                try:
                    response = await client.get(url)
                    problem = '' if 200 <= response.status_code < 400 else f'HTTP {response.status_code}'
                    load.redirects += response.is_redirect
                except httpx.HTTPError as error:
                    problem = type(error).__name__
                load.times[kind].append((time.perf_counter() - start) * 1000)  # failures count in the latencies too
                if problem:
                    load.errors += 1
                    what = f'{kind}: {problem}'
                    load.kinds_of_error[what] = load.kinds_of_error.get(what, 0) + 1


def _print_load(load: Load) -> None:
    total = len(load.all())
    print(
        f'load: {LOAD_CLIENTS} signed-in creators × ≤{LOAD_ROUNDS} rounds of page loads (HTTP only, no websocket): '
        f'{total} requests in {load.seconds:.1f} s = {load.rps():.1f} req/s, {load.errors} errors, '
        f'{load.redirects} redirects, {load.skipped_media} media fetches skipped (no thumbnail)'
    )
    for kind, times in load.times.items():
        if times:
            print(
                f'  {kind:<9} n={len(times):<5} p50 {statistics.median(times):7.1f} ms  '
                f'p95 {_percentile(times, 95):7.1f} ms'
            )
    print(f'  overall   n={total:<5} p50 {load.p50():7.1f} ms  p95 {load.p95():7.1f} ms')
    for what, count in sorted(load.kinds_of_error.items(), key=lambda item: -item[1]):
        print(f'  error {what} × {count}')


def _print_log(log: str) -> None:
    """How many ERROR/Traceback (and WARNING) lines the server logged, the first traceback and warning kinds."""
    lines = log.splitlines()
    bad = [i for i, line in enumerate(lines) if 'ERROR' in line or 'Traceback' in line]
    warnings: dict[str, int] = {}
    for line in lines:
        if ' WARNING ' in line:  # NiceGUI answers a page that took > response_timeout to build with a 500 + warning
            what = re.sub(r'^\S+ \S+ WARNING ', '', line)
            warnings[what] = warnings.get(what, 0) + 1
    print(f'server log: {len(lines)} lines, {len(bad)} ERROR/Traceback lines, {sum(warnings.values())} warnings')
    for what, count in sorted(warnings.items(), key=lambda item: -item[1])[:5]:
        print(f'  warning × {count}: {what[:200]}')
    first = next((i for i in bad if 'Traceback' in lines[i]), None)
    if first is not None:
        end = next((j for j in range(first + 1, len(lines)) if lines[j] and not lines[j][0].isspace()), len(lines) - 1)
        print('\n'.join('  | ' + line for line in lines[max(0, first - 1) : end + 1]))


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
