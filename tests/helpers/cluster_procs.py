"""Fixtures of the cluster tests that run real ``routix worker`` processes against a web process's services on a real
PostgreSQL (skipped without one, ``pytestmark = CLUSTER``). tests/conftest.py imports the fixtures ``database_url`` (a
throw-away database per module), ``web`` (a web process's services in cluster mode) and ``workers`` (starts
``routix worker`` processes); ``creator`` and ``until`` are helpers.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from routix.cluster import postgres
from routix.core.config import Settings
from routix.core.runtime import InlineRuntime
from routix.core.services import Services, build_services
from tests.helpers.accounts import PASSWORD

PG_URL = os.environ.get('ROUTIX_TEST_POSTGRES_URL', '')
ROOT = Path(__file__).resolve().parents[2]
CLUSTER = pytest.mark.skipif(
    not (PG_URL or postgres.available()),
    reason='needs PostgreSQL: ROUTIX_TEST_POSTGRES_URL or the server binaries (apt-get install postgresql)',
)


@pytest.fixture(scope='module')
def database_url() -> Iterator[str]:
    """A throw-away database for the module (on ROUTIX_TEST_POSTGRES_URL's server, or a local one)."""
    home = Path(tempfile.mkdtemp(prefix='routix-video-pg-'))
    server = postgres.LocalPostgres(data_dir=home / 'pg', server_url=PG_URL or None)
    server.start()
    try:
        yield server.database_url
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
async def web(database_url: str, monkeypatch: pytest.MonkeyPatch, nicegui_runtime: None) -> AsyncIterator[Services]:
    """A web process's services in cluster mode, their event bus listening and the queue open."""
    monkeypatch.setenv('DATABASE_URL', database_url)  # the workers started below inherit these
    monkeypatch.setenv('ROUTIX_QUEUE', 'procrastinate')
    monkeypatch.setenv('ROUTIX_EVENTS', 'postgres')
    monkeypatch.setenv('ROUTIX_WORKER_HEARTBEAT_SECONDS', '0.5')
    monkeypatch.setenv('ROUTIX_WORKER_STALLED_SECONDS', '3')
    services = build_services(Settings(_env_file=None), runtime=InlineRuntime())  # type: ignore[call-arg]
    assert services.cluster is not None and services.video.jobs is not None
    await services.db.migrate()
    await services.cluster.start()
    try:
        yield services
    finally:
        await services.cluster.stop()
        await services.db.dispose()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[str], subprocess.Popen[bytes]]]:
    """Start ``routix worker --name NAME`` processes (one job at a time each); all are stopped at the end."""
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if not k.startswith('PYTEST_')} | {'PYTHONUNBUFFERED': '1'}
        log = (tmp_path / f'{name}.log').open('ab')
        argv = [sys.executable, '-m', 'routix.cli', 'worker', '--name', name, '--concurrency', '1']
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def creator(services: Services, tmp_path: Path) -> int:
    """A creator of this test's own (one database serves the module)."""
    user = await services.accounts.register(
        email=f'{tmp_path.name.lower()}@example.com', password=PASSWORD, display_name='Ada', client_ip=None, locale='en'
    )
    assert user.id is not None
    return user.id


async def until(condition: Callable[[], Any], *, timeout: float, until: Callable[[Any], bool] = bool) -> Any:
    """Poll ``condition`` (a value or an awaitable) until ``until`` holds for it, or fail at the deadline."""
    async with asyncio.timeout(timeout):
        while True:
            found = condition()
            if inspect.isawaitable(found):
                found = await found
            if until(found):
                return found
            await asyncio.sleep(0.05)
