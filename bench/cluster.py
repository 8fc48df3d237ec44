"""Cluster benchmark: the local cluster (PostgreSQL, moto S3, two web processes, nginx) against one process, in one run.

- generations per second with 1 and then 2 `routix worker`s (ROUTIX_JOB_CONCURRENCY=1: one render per worker at a
  time, the process is the unit): BENCH_JOBS basic generations are started through ``GenerationService.start`` (the
  path a click takes: row, charge, procrastinate job) and timed until every row is completed; the ratio 2/1;
- event latency, worker → a tab on the other web process: a Chromium tab pinned to web-2 records (Date.now) when each
  finished thumbnail's ``/media/…`` source appears in its page, while a tab on web-1 clicks Generate; compared with
  the ``finished_at`` the worker wrote just before it emitted the finished stage (same machine, same clock); the
  same two tabs on one plain process give the baseline, and the NOTIFY hop alone is timed between two processes;
- click → image (p50) through the proxy with the render on a worker, against a single `app.py` process (SQLite,
  local disk, in-process queue) started in the same run.

Ends with one line: ``cluster gen_per_s_1w=… gen_per_s_2w=… ratio=… event_p50_ms=… single_event_p50_ms=…
bus_hop_p50_ms=… click_p50_ms=… single_click_p50_ms=… click_ratio=…``. Needs nginx, PostgreSQL's binaries (or
ROUTIX_TEST_POSTGRES_URL), moto and Chromium. Run: .venv/bin/python bench/cluster.py   (BENCH_JOBS=24 BENCH_CLICKS=10)
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / 'bench'))

import psycopg  # noqa: E402
from web import CLICK_AND_WAIT, _browser, _register, _signed_in, _start, _wait_for, _wait_until_up  # noqa: E402

from routix.cluster.bus import EventBus, libpq_url  # noqa: E402
from routix.cluster.local import LocalCluster, free_port  # noqa: E402
from routix.core.config import Settings  # noqa: E402
from routix.core.runtime import InlineRuntime  # noqa: E402
from routix.core.services import build_services  # noqa: E402

JOBS = int(os.environ.get('BENCH_JOBS', '24'))
CLICKS = int(os.environ.get('BENCH_CLICKS', '10'))
UNLIMITED = {  # fair use would refuse a benchmark's burst
    'ROUTIX_GENERATIONS_PER_MINUTE': '0',
    'ROUTIX_MESSAGES_PER_MINUTE': '0',
    'ROUTIX_MAX_ACTIVE_GENERATIONS': '1000',
    'ROUTIX_JOB_CONCURRENCY': '1',
}
WATCH = """
window.routixSeen = {};
new MutationObserver(() => {
  for (const i of document.querySelectorAll('img[src*="/media/"]')) {
    const key = new URL(i.src).pathname.replace('/media/', '');
    if (key.endsWith('.jpg') && !(key in window.routixSeen)) window.routixSeen[key] = Date.now();
  }
}).observe(document.body, {subtree: true, childList: true, attributes: true});
window.routixStages = [];
window.routixReceived = 0;
window.socket.onAny((name) => { if (name === 'update') window.routixReceived = Date.now(); });
new MutationObserver((mutations) => {
  const now = Date.now();
  for (const m of mutations) {
    const d = m.target.dataset;
    if (d.emitted) window.routixStages.push([+d.emitted, +d.shown, window.routixReceived, now]);
  }
}).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['data-emitted']});
"""


def main() -> None:
    """Single process first, then the cluster; print each number and the summary line."""
    with tempfile.TemporaryDirectory() as tmp:
        single, single_latencies, single_stages = _single_process_clicks(Path(tmp) / 'single')
        cluster = LocalCluster(
            data_dir=Path(tmp) / 'cluster',
            port=free_port(),
            workers=1,
            database_url=os.environ.get('ROUTIX_TEST_POSTGRES_URL') or None,
            pg_dir=Path(tempfile.mkdtemp(prefix='routix-bench-pg-')) / 'pg',
            env=UNLIMITED,
        )
        cluster.start()
        try:
            cookies = _register(cluster.url, 'bench@example.com')
            clicks, latencies, stages = _cluster_clicks(cluster, cookies)
            one = asyncio.run(_throughput(cluster, 'bench@example.com'))
            cluster.add_worker()
            time.sleep(3)  # the new worker imports and registers
            two = asyncio.run(_throughput(cluster, 'bench@example.com'))
            hops = _bus_hops(cluster)
        finally:
            cluster.stop()
    click_p50, single_p50 = statistics.median(clicks), statistics.median(single)
    event_p50 = statistics.median(latencies) if latencies else float('nan')
    print(f'throughput: {one:.2f} generations/s with 1 worker, {two:.2f} with 2 ({two / one:.2f}×)')
    single_event_p50 = statistics.median(single_latencies) if single_latencies else float('nan')
    stage_p50, single_stage_p50 = _stage_report('cluster', stages), _stage_report('single process', single_stages)
    print(f'finished image, worker commit → <img> in the other tab: p50 {event_p50:.1f} ms over {len(latencies)}')
    print(f'the same in one process (its job → another tab): p50 {single_event_p50:.1f} ms')
    print(
        f'of which the NOTIFY hop between two processes: p50 {statistics.median(hops):.2f} ms, max {max(hops):.2f} ms'
    )
    print(f'click → image: cluster via nginx p50 {click_p50:.1f} ms, single process p50 {single_p50:.1f} ms')
    print(
        f'cluster gen_per_s_1w={one:.2f} gen_per_s_2w={two:.2f} ratio={two / one:.2f} event_p50_ms={stage_p50:.1f} '
        f'single_event_p50_ms={single_stage_p50:.1f} image_p50_ms={event_p50:.1f} '
        f'bus_hop_p50_ms={statistics.median(hops):.2f} '
        f'click_p50_ms={click_p50:.1f} single_click_p50_ms={single_p50:.1f} click_ratio={click_p50 / single_p50:.2f}'
    )


def _stage_report(name: str, stages: list[list[float]]) -> float:
    """Print the live stage updates' latency (sent → in the tab's DOM) and its split; returns the p50 in ms."""
    if not stages:
        print(f'{name}: no live stage update reached the watching tab')
        return float('nan')
    total = [seen - sent for sent, _, _, seen in stages]
    server = [shown - sent for sent, shown, _, _ in stages]
    wire = [received - shown for _, shown, received, _ in stages]
    browser = [seen - received for _, _, received, seen in stages]
    p50 = statistics.median(total)
    print(
        f'{name}: stage change → watching tab p50 {p50:.1f} ms, p95 {_p95(total):.1f} ms over {len(total)} updates '
        f'(p50s: sent → shown by its web process {statistics.median(server):.1f} ms, → received by the tab '
        f'{statistics.median(wire):.1f} ms, → in the DOM {statistics.median(browser):.1f} ms)'
    )
    return p50


def _p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, round(0.95 * (len(values) - 1)))]


def _single_process_clicks(data: Path) -> tuple[list[float], list[float], list[list[float]]]:
    """The same clicks and watcher tab against one plain process (SQLite, local disk, in-process queue)."""
    port = free_port()
    env = (
        os.environ
        | UNLIMITED
        | {
            'ROUTIX_DATA_DIR': str(data),
            'ROUTIX_PORT': str(port),
            'ROUTIX_HOST': '127.0.0.1',
            'DATABASE_URL': '',
            'ROUTIX_STORAGE': 'local',
            'ROUTIX_JOB_CONCURRENCY': '2',
        }
    )
    data.mkdir(parents=True)
    server = _start(env, data.parent / 'single.log')
    base = f'http://127.0.0.1:{port}'
    try:
        _wait_until_up(base)
        cookies = _register(base, 'single@example.com')
        clicks, seen, stages = _watched_clicks(base, cookies, pins=None)
    finally:
        server.terminate()
        server.wait(timeout=20)
    with sqlite3.connect(data / 'routix.db') as connection:
        rows = connection.execute('SELECT image_key, finished_at FROM generations WHERE image_key IS NOT NULL')
        finished = {key: _utc(datetime.fromisoformat(at)).timestamp() * 1000 for key, at in rows.fetchall()}
    return clicks, [seen[key] - finished[key] for key in seen if key in finished], stages


def _cluster_clicks(
    cluster: LocalCluster, cookies: dict[str, str]
) -> tuple[list[float], list[float], list[list[float]]]:
    """Clicks in a tab on web-1 while a tab on web-2 watches the same conversation; (click ms, event ms)."""
    clicks, seen, stages = _watched_clicks(cluster.url, cookies, pins=('1', '2'))
    with psycopg.connect(libpq_url(cluster.database_url)) as connection:
        rows = connection.execute('SELECT image_key, finished_at FROM generations WHERE image_key IS NOT NULL')
        finished = {key: _utc(at).timestamp() * 1000 for key, at in rows.fetchall()}
    return clicks, [seen[key] - finished[key] for key in seen if key in finished], stages


def _watched_clicks(
    base: str, cookies: dict[str, str], *, pins: tuple[str, str] | None
) -> tuple[list[float], dict[str, float], list[list[float]]]:
    """A clicker tab presses Generate (one warm-up, then CLICKS times) while a watcher tab (pinned to the other web
    process when ``pins``) shows the same conversation: click → image ms, when each image reached the watcher, and
    every live stage update the watcher got as [sent by the job's process, shown by its web process, received by the
    tab, in the DOM] ms."""
    clicker, watcher = _browser(), _browser()
    _favour_browsers()
    try:
        for driver, pin in ((clicker, pins[0] if pins else None), (watcher, pins[1] if pins else None)):
            _signed_in(driver, base, cookies)
            if pin:
                driver.add_cookie({'name': 'routix_node', 'value': pin, 'path': '/'})
        clicker.get(f'{base}/')
        _wait_for(clicker, "return document.querySelector('textarea') !== null")
        clicker.find_element('css selector', 'textarea').send_keys(
            'Minecraft speedrun "NEW WORLD RECORD" neon purple\n'
        )
        generate = "return [...document.querySelectorAll('button')].some(b => /generate/i.test(b.textContent))"
        _wait_for(clicker, generate)
        watcher.get(clicker.current_url)  # the same conversation
        _wait_for(watcher, generate)
        watcher.execute_script(WATCH)
        clicker.set_script_timeout(60)
        clicker.execute_async_script(CLICK_AND_WAIT)  # warm-up
        times = [float(clicker.execute_async_script(CLICK_AND_WAIT)) for _ in range(CLICKS)]
        time.sleep(1)  # the last image reaches the watcher too
        seen = watcher.execute_script('return window.routixSeen')
        return [t for t in times if t >= 0], seen, watcher.execute_script('return window.routixStages')
    finally:
        clicker.quit()
        watcher.quit()


def _favour_browsers() -> None:
    """Run the Chromium tabs ahead of the servers (nice -10): a creator's browser runs on their own machine, not on
    the two cores the worker renders on, so here it must not wait behind the render it is watching (needs root;
    without it the tabs share the cores and the DOM figures include that wait)."""
    for stat in Path('/proc').glob('[0-9]*/comm'):
        try:
            if stat.read_text().startswith('chrom'):
                os.setpriority(os.PRIO_PROCESS, int(stat.parent.name), -10)
        except (OSError, ValueError):
            continue


async def _throughput(cluster: LocalCluster, email: str) -> float:
    """Start JOBS basic generations the way a click does; generations per second until all are completed."""
    settings = Settings(_env_file=None, **_settings_of(cluster))  # type: ignore[call-arg]
    services = build_services(settings, runtime=InlineRuntime())
    assert services.cluster is not None
    await services.cluster.start()
    try:
        async with services.db.session() as session:
            from sqlmodel import select

            from routix.models import Generation, User

            user = (await session.exec(select(User).where(User.email == email))).one()
        assert user.id is not None
        started = time.perf_counter()
        ids = [
            (await services.generation.start(owner_id=user.id, prompt=f'Cooking show "PASTA {n}" warm')).id
            for n in range(JOBS)
        ]
        while True:
            async with services.db.session() as session:
                rows = (await session.exec(select(Generation.status).where(Generation.id.in_(ids)))).all()  # type: ignore[union-attr]
            if all(status in ('completed', 'failed') for status in rows):
                break
            await asyncio.sleep(0.05)
        return JOBS / (time.perf_counter() - started)
    finally:
        await services.cluster.stop()
        await services.db.dispose()


def _bus_hops(cluster: LocalCluster) -> list[float]:
    """Milliseconds from ``publish`` in a child process to delivery here (a generation view's size of payload)."""
    conninfo = libpq_url(cluster.database_url)
    received: list[float] = []

    async def listen() -> None:
        bus = EventBus(conninfo)
        bus.topic('bench', lambda _user, args: received.append((time.time() - args[0]) * 1000))
        await bus.start()
        child = multiprocessing.get_context('spawn').Process(target=_publish_hops, args=(conninfo,))
        child.start()
        while child.is_alive():
            await asyncio.sleep(0.1)
        await bus.stop()

    asyncio.run(listen())
    return received


def _publish_hops(conninfo: str) -> None:
    async def publish() -> None:
        bus = EventBus(conninfo)
        await bus.start()
        for _ in range(50):
            bus.publish('bench', 1, (time.time(), 'x' * 4000))
            await asyncio.sleep(0.02)
        await bus.stop()

    asyncio.run(publish())


def _utc(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _settings_of(cluster: LocalCluster) -> dict[str, Any]:
    env = cluster.environment()
    return {
        'data_dir': cluster.data_dir,
        'database_url': env['DATABASE_URL'],
        'queue': 'procrastinate',
        'events': 'inprocess',
        'storage': 's3',
        's3_endpoint_url': env['S3_ENDPOINT_URL'],
        's3_bucket': env['S3_BUCKET'],
        's3_access_key_id': env['S3_ACCESS_KEY_ID'],
        's3_secret_access_key': env['S3_SECRET_ACCESS_KEY'],
        'generations_per_minute': 0,
        'max_active_generations': 1000,
    }


if __name__ == '__main__':
    main()
