"""The cluster on loopback: PostgreSQL, an S3 server, two web processes, two `routix worker`s and nginx.

A creator in two real browser tabs — one held by each web process (the ``routix_node`` pin cookie) — asks for a
premium thumbnail through the proxy. The paid provider (a loopback fake of Stability's API) holds its answer until
the test lets it go, so the render is caught on a worker mid-stage: both tabs show the live 'Background' stage, then
both show the picture. Then a worker is killed (``kill -9``) while it waits on the provider; the other worker takes
the job over once the dead one's heartbeat is stale, and the creator sees it finish, charged once, refunded never.
Last, a job cancelled from the tab on the other web process is aborted on its worker and refunded exactly once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from routix.cluster import nginx, postgres
from routix.cluster.bus import libpq_url
from routix.cluster.local import LocalCluster, free_port
from tests.fakes._http import Recorded, Reply, Step
from tests.fakes.stability_server import StabilityFake
from tests.helpers.browser import BROWSER, PASSWORD, chrome_driver, chrome_options

PG_URL = os.environ.get('ROUTIX_TEST_POSTGRES_URL', '')
EMAIL = 'ada@example.com'
RUNNING = "SELECT id FROM generations WHERE status = 'processing'"

pytestmark = [
    *BROWSER,
    pytest.mark.skipif(
        not nginx.available(),
        reason='needs nginx from Debian (apt-get install nginx-light); .ci/run installs it',
    ),
    pytest.mark.skipif(
        not (PG_URL or postgres.available()),
        reason='needs PostgreSQL: ROUTIX_TEST_POSTGRES_URL or the server binaries (apt-get install postgresql)',
    ),
]


class GatedStability(StabilityFake):
    """Stability's API, answering each picture only once ``gate`` is open (so a test can catch a job mid-stage)."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def posts(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.method == 'POST']

    def respond(self, request: Recorded, step: Step) -> Reply:
        if request.method == 'POST':
            self.gate.wait(90)
        return super().respond(request, step)


@pytest.fixture(scope='module')
def stability() -> Iterator[GatedStability]:
    fake = GatedStability()
    with fake:
        yield fake


@pytest.fixture(scope='module')
def cluster(stability: GatedStability, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    pg_home = None if PG_URL else Path(tempfile.mkdtemp(prefix='routix-pg-'))  # postgres may need to reach it
    env = {
        'STABILITY_API_KEY': 'sk-cluster-test',
        'STABILITY_BASE_URL': stability.url,
        'ROUTIX_PROVIDER_RETRIES': '0',
        'ROUTIX_WORKER_HEARTBEAT_SECONDS': '0.5',
        'ROUTIX_WORKER_STALLED_SECONDS': '3',
        'ROUTIX_SIGNUP_CREDITS': '20',
    }
    local = LocalCluster(
        data_dir=tmp_path_factory.mktemp('cluster'),
        port=free_port(),
        database_url=PG_URL or None,
        pg_dir=pg_home / 'pg' if pg_home else None,
        env=env,
    )
    local.start()
    try:
        yield local
    finally:
        local.stop()
        if pg_home is not None:
            shutil.rmtree(pg_home, ignore_errors=True)


@pytest.fixture(scope='module')
def tabs(cluster: LocalCluster) -> Iterator[dict[int, webdriver.Chrome]]:
    """One headless Chromium per web process, each pinned to it by the proxy's ``routix_node`` cookie."""
    options = chrome_options()
    drivers: dict[int, webdriver.Chrome] = {}
    try:
        for node in (1, 2):
            driver = chrome_driver(options, page_load_timeout=30)
            driver.get(f'{cluster.url}/login')
            driver.add_cookie({'name': 'routix_node', 'value': str(node), 'path': '/'})
            drivers[node] = driver
        yield drivers
    finally:
        for driver in drivers.values():
            driver.quit()


def until(driver: webdriver.Chrome, condition: Callable[[webdriver.Chrome], Any], timeout: float = 45) -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def sql(cluster: LocalCluster, query: str, *params: object) -> list[tuple[Any, ...]]:
    with psycopg.connect(libpq_url(cluster.database_url)) as connection:
        return connection.execute(query, params).fetchall()  # type: ignore[arg-type]


def runs_on(cluster: LocalCluster, generation_id: int, *, attempt: int) -> set[str]:
    """The workers whose log says they started this attempt of the generation."""
    line = f'runs generation {generation_id} (attempt {attempt})'
    return {name for name in cluster.worker_names if line in (cluster.logs / f'{name}.log').read_text()}


def active_stage(driver: webdriver.Chrome) -> list[str]:
    """The stage labels shown as running (bold, primary colour, beside a spinner) on the page."""
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, '.q-card .text-primary.font-bold') if e.text]


def images(driver: webdriver.Chrome) -> int:
    """Different finished thumbnails on the page (loaded, 1280 wide; the card and the canvas show the same one)."""
    script = (
        'return new Set([...document.querySelectorAll("img[src^=\'/media/\']")]'
        '.filter(i => i.naturalWidth == 1280).map(i => i.src)).size'
    )
    return int(driver.execute_script(script))


def press(driver: webdriver.Chrome, button: WebElement) -> None:
    """Click a button as a person would, after scrolling it out from under the fixed header."""
    driver.execute_script('arguments[0].scrollIntoView({block: "center"})', button)
    button.click()


def ask_for_premium(driver: webdriver.Chrome, base: str, prompt: str) -> None:
    """In a new chat, describe a thumbnail, pick the premium tier on its proposal and press Generate."""
    driver.get(f'{base}/')
    until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, 'textarea'))
    driver.find_element(By.CSS_SELECTOR, 'textarea').send_keys(prompt + Keys.ENTER)
    until(driver, lambda d: '?c=' in d.current_url and d.find_elements(By.XPATH, '//button[.//*[text()="Premium"]]'))
    press(driver, driver.find_elements(By.XPATH, '//button[.//*[text()="Premium"]]')[-1])
    press(driver, driver.find_elements(By.XPATH, '//button[.//*[text()="Generate"]]')[-1])


def test_the_proxy_pins_each_tab_to_its_web_process(cluster: LocalCluster) -> None:
    served = set()
    for node in (1, 2):
        request = urllib.request.Request(f'{cluster.url}/login', headers={'Cookie': f'routix_node={node}'})
        with urllib.request.urlopen(request, timeout=10) as answer:
            served.add(answer.headers['X-Routix-Upstream'])
    assert served == {f'127.0.0.1:{port}' for port in cluster.web_ports}


def test_stages_reach_tabs_on_both_web_processes(
    cluster: LocalCluster, tabs: dict[int, webdriver.Chrome], stability: GatedStability
) -> None:
    first, second = tabs[1], tabs[2]
    first.get(f'{cluster.url}/register')
    first.find_element(By.CSS_SELECTOR, 'input[name="display_name"]').send_keys('Ada')
    first.find_element(By.CSS_SELECTOR, 'input[name="email"]').send_keys(EMAIL)
    first.find_element(By.CSS_SELECTOR, 'input[name="password"]').send_keys(PASSWORD + Keys.ENTER)
    until(first, lambda d: d.find_elements(By.CSS_SELECTOR, 'textarea'))
    first.find_element(By.CSS_SELECTOR, 'textarea').send_keys(
        'Mountain travel vlog "SUMMIT DAY" cinematic' + Keys.ENTER
    )
    until(first, lambda d: '?c=' in d.current_url)
    conversation = first.current_url.split('?', 1)[1]

    second.get(f'{cluster.url}/login')
    second.find_element(By.CSS_SELECTOR, 'input[name="email"]').send_keys(EMAIL)
    second.find_element(By.CSS_SELECTOR, 'input[name="password"]').send_keys(PASSWORD + Keys.ENTER)
    until(second, lambda d: d.find_elements(By.CSS_SELECTOR, 'textarea'))
    second.get(f'{cluster.url}/?{conversation}')
    until(second, lambda d: d.find_elements(By.XPATH, '//button[.//*[text()="Generate"]]'))

    stability.gate.clear()
    until(first, lambda d: d.find_elements(By.XPATH, '//button[.//*[text()="Premium"]]'))
    press(first, first.find_elements(By.XPATH, '//button[.//*[text()="Premium"]]')[-1])
    press(first, first.find_elements(By.XPATH, '//button[.//*[text()="Generate"]]')[-1])
    until(first, lambda _: stability.posts())  # a worker is waiting on the provider now
    ((generation_id,),) = sql(cluster, RUNNING)
    assert runs_on(cluster, generation_id, attempt=1)  # rendered on a worker, not on a web process
    for tab in (first, second):  # the stage the worker is in, live in both tabs
        until(tab, lambda d: 'Background' in active_stage(d))
    stability.gate.set()
    for tab in (first, second):
        until(tab, lambda d: images(d) == 1, timeout=60)
    ledger = sql(cluster, 'SELECT delta, reason FROM credit_entries ORDER BY id')
    assert ledger == [(20, 'signup'), (-3, 'generation')]


def test_a_worker_killed_mid_job_loses_nothing(
    cluster: LocalCluster, tabs: dict[int, webdriver.Chrome], stability: GatedStability
) -> None:
    first = tabs[1]
    stability.gate.clear()
    asked = len(stability.posts())
    ask_for_premium(first, cluster.url, 'Cooking show "PERFECT PASTA" warm')
    until(first, lambda _: len(stability.posts()) == asked + 1)
    ((generation_id,),) = sql(cluster, RUNNING)
    (holder,) = runs_on(cluster, generation_id, attempt=1)
    cluster.kill(holder)
    # the survivor sees the heartbeat go stale (3 s), puts the job back and calls the provider again
    until(first, lambda _: len(stability.posts()) == asked + 2, timeout=60)
    stability.gate.set()
    until(first, lambda d: images(d) == 1, timeout=60)
    assert runs_on(cluster, generation_id, attempt=2) == set(cluster.worker_names) - {holder}
    ((status, refunded),) = sql(cluster, 'SELECT status, refunded FROM generations WHERE id = %s', generation_id)
    entries = sql(
        cluster, 'SELECT delta, reason FROM credit_entries WHERE generation_id = %s ORDER BY id', generation_id
    )
    assert (status, refunded, entries) == ('completed', False, [(-3, 'generation')])


def test_cancelling_on_the_other_web_process_stops_the_worker_and_refunds_once(
    cluster: LocalCluster, tabs: dict[int, webdriver.Chrome], stability: GatedStability
) -> None:
    first, second = tabs[1], tabs[2]
    stability.gate.clear()
    asked = len(stability.posts())
    ask_for_premium(first, cluster.url, 'Science explainer "BLACK HOLES" deep blue')
    until(first, lambda _: len(stability.posts()) == asked + 1)
    ((generation_id,),) = sql(cluster, RUNNING)
    second.get(first.current_url)  # the tab on the other web process cancels what a worker runs
    cancel = until(second, lambda d: d.find_elements(By.XPATH, '//button[.//*[text()="Cancel"]]'))
    press(second, cancel[-1])
    for tab in (first, second):
        until(tab, lambda d: 'Cancelled' in d.find_element(By.TAG_NAME, 'body').text)
    stability.gate.set()
    ((status, refunded),) = sql(cluster, 'SELECT status, refunded FROM generations WHERE id = %s', generation_id)
    entries = sql(
        cluster, 'SELECT delta, reason FROM credit_entries WHERE generation_id = %s ORDER BY id', generation_id
    )
    assert (status, refunded, entries) == ('cancelled', True, [(-3, 'generation'), (3, 'refund')])


def test_a_generation_saved_but_never_queued_is_queued_by_a_worker(cluster: LocalCluster) -> None:
    # what a web process killed between saving the row and deferring its job leaves behind: a queued row, no job
    columns = [
        name
        for (name,) in sql(
            cluster, "SELECT column_name FROM information_schema.columns WHERE table_name = 'generations'"
        )
        if name != 'id'
    ]
    left = {
        'status': "'queued'",
        'stage': '0',
        'image_key': 'NULL',
        'preview_key': 'NULL',
        'png_key': 'NULL',
        'started_at': 'NULL',
        'finished_at': 'NULL',
        'credits_charged': '0',
        'refunded': 'false',
        'created_at': "now() - interval '1 hour'",
    }
    values = ', '.join(left.get(name, name) for name in columns)
    ((orphan,),) = sql(
        cluster,
        f'INSERT INTO generations ({", ".join(columns)}) SELECT {values} FROM generations '
        "WHERE status = 'completed' ORDER BY id DESC LIMIT 1 RETURNING id",
    )
    deadline = time.monotonic() + 60
    while sql(cluster, 'SELECT status FROM generations WHERE id = %s', orphan) != [('completed',)]:
        assert time.monotonic() < deadline, 'the orphaned generation was never run'
        time.sleep(0.2)
    assert runs_on(cluster, orphan, attempt=1)
