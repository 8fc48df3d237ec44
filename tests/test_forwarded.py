"""X-Forwarded-For counts only from a proxy the operator names; by default the peer address is the client."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from routix.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ('allow', 'seen'),
    [('', '127.0.0.1'), ('127.0.0.1', '1.2.3.4'), ('10.0.0.0/8', '127.0.0.1')],
    ids=['nobody named', 'local proxy named', 'another proxy named'],
)
async def test_uvicorn_believes_the_header_only_from_a_named_proxy(
    allow: str, seen: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('FORWARDED_ALLOW_IPS', '*')  # uvicorn's own fallback must not widen what Routix trusts
    settings = Settings(_env_file=None, forwarded_allow_ips=allow)  # type: ignore[call-arg]
    clients: list[str] = []

    async def echo(scope: dict[str, Any], receive: Any, send: Any) -> None:
        clients.append(scope['client'][0])

    config = uvicorn.Config(echo, **settings.uvicorn_proxy_options())
    config.load()
    scope = {'type': 'http', 'client': ('127.0.0.1', 50000), 'headers': [(b'x-forwarded-for', b'1.2.3.4')]}
    await config.loaded_app(scope, None, None)
    assert clients == [seen]


@pytest.mark.parametrize(
    ('env', 'seen'),
    [({'FORWARDED_ALLOW_IPS': '*'}, 'ip:127.0.0.1'), ({'ROUTIX_FORWARDED_ALLOW_IPS': '127.0.0.1'}, 'ip:1.2.3.4')],
    ids=['default', 'operator names the local proxy'],
)
def test_the_sign_in_throttle_counts_the_address_the_app_trusts(tmp_path: Path, env: dict[str, str], seen: str) -> None:
    with _running_app(tmp_path, env) as base, httpx.Client(base_url=base, timeout=30) as client:
        page = client.get('/login').text
        token = re.search(r'"name":"csrf","value":"([^"]+)"', page)  # the page's element tree is JSON
        assert token, 'no CSRF token on /login'
        response = client.post(
            '/auth/login',
            data={'csrf': token.group(1), 'email': 'nobody@example.com', 'password': 'wrong password', 'next': '/'},
            headers={'X-Forwarded-For': '1.2.3.4'},
        )
        assert response.status_code == 303
    with sqlite3.connect(tmp_path / 'data' / 'routix.db') as db:
        keys = {key for (key,) in db.execute("SELECT key FROM login_attempts WHERE key LIKE 'ip:%'")}
    assert keys == {seen}


@contextmanager
def _running_app(tmp_path: Path, env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(('PYTEST_', 'NICEGUI_'))}  # not a test run
    variables = inherited | {
        'ROUTIX_DATA_DIR': str(tmp_path / 'data'),
        'ROUTIX_HOST': '127.0.0.1',
        'ROUTIX_PORT': str(port),
        **env,
    }
    with (tmp_path / 'server.log').open('wb') as log:
        server = subprocess.Popen([sys.executable, 'app.py'], cwd=ROOT, env=variables, stdout=log, stderr=log)
        try:
            base = f'http://127.0.0.1:{port}'
            _wait_until_up(base, server, tmp_path / 'server.log')
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return int(sock.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f'{base}/login', timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f'the app did not start:\n{log.read_text()[-3000:]}')
