"""Kill -9 soak: the real server is killed mid-work again and again; afterwards no job, credit or file is lost.

1. start the real server (``app.py`` in a subprocess, own process group, temp data dir; a basic generation costs
   1 credit here so every job moves money) and sign up a few creators through the real /auth/register form;
2. SOAK_KILLS times (20): queue a burst of basic generations, start the server again if it is down, and
   ``kill -9`` its whole process group (the NiceGUI process and its render workers) at a random moment;
3. start it once more, let its recovery and queue drain every job, stop it gracefully, then check the data:
   jobs stuck in queued/processing, generations charged or refunded twice (ledger rows per generation),
   sum(ledger) against each balance, ``PRAGMA integrity_check``, and image files that no row points at.

How generations are queued: the chat page's Generate button speaks NiceGUI's websocket, which this script does not
drive. Instead this process imports routix and writes each queued, charged generation into the same SQLite file
with the statements ``GenerationService.start`` runs (a Generation row and ``credits.debit`` in one
``Database.transaction()``), often while the server is starting, recovering or rendering — a second process
fighting for the write lock, as the CLI does. The server runs the queued rows through ``recover()`` on its next
start, as it does after any crash; a kill lands during start-up, recovery, rendering or the final writes.

Ends with one line: ``soak kills=20 stuck=0 double_charges=0 ledger_mismatch=0 integrity=ok orphans=0``.
Run: .venv/bin/python bench/soak.py   (SOAK_KILLS=20 SOAK_BURST=6 SOAK_SEED=1 by default)
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from routix.accounts import credits  # noqa: E402  (after the path: run as a script from any directory)
from routix.core.db import Database  # noqa: E402
from routix.core.errors import RoutixError  # noqa: E402
from routix.models import Generation  # noqa: E402
from routix.vocabulary import Tier  # noqa: E402

KILLS = int(os.environ.get('SOAK_KILLS', '20'))
BURST = int(os.environ.get('SOAK_BURST', '6'))
SEED = int(os.environ.get('SOAK_SEED', '1'))
CREATORS = 3
PASSWORD = 'soak-password-2026'
PROMPTS = ('Minecraft speedrun world record', 'cooking pasta at home', 'stock market crash explained', 'iPhone review')
DRAIN_SECONDS = 600  # the final server gets this long to finish the backlog


def main() -> None:
    """Soak one data directory through KILLS crashes and report what survived."""
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / 'data'
        port = _free_port()
        base = f'http://127.0.0.1:{port}'
        env = os.environ | {
            'ROUTIX_DATA_DIR': str(data),
            'ROUTIX_PORT': str(port),
            'ROUTIX_HOST': '127.0.0.1',
            'ROUTIX_ENV': 'development',
            'DATABASE_URL': '',
            'ROUTIX_STORAGE': 'local',
            'ROUTIX_COST_BASIC': '1',
            'ROUTIX_SIGNUP_CREDITS': '1000',
            'ROUTIX_JOB_CONCURRENCY': '2',
        }
        log_path = Path(tmp) / 'server.log'
        db_path = data / 'routix.db'
        server = _start(env, log_path)
        try:
            _wait_until_up(base, server)
            owners = [_register(base, db_path, n) for n in range(CREATORS)]
            queued = refused = 0
            for kill in range(KILLS):
                if server is None:
                    server = _start(env, log_path)
                ok, busy = asyncio.run(_queue_burst(db_path, owners, rng, kill))  # while the server starts
                queued, refused = queued + ok, refused + busy
                if kill % 2:  # every other kill lands while it renders the backlog and stores the results
                    _wait_until_up(base, server)
                    _wait_for_a_completion(db_path, server)
                    when = f'{_sleep(rng.uniform(0.0, 2.0)):.1f} s after a job completed'
                else:  # the others during start-up: migrations, template sync, recovery, the first renders
                    _sleep(rng.uniform(0.3, 4.0) - _age(server))
                    when = f'{_age(server):.1f} s into its start'
                _kill(server)
                server = None
                print(f'kill {kill + 1}/{KILLS} {when}: {_census(db_path)}', flush=True)
            server = _start(env, log_path)
            _wait_until_up(base, server)
            drained = _drain(db_path)
            _stop(server)
            server = None
        finally:
            if server is not None:
                _kill(server)
        report = _check(db_path, data / 'images')
        errors = [line for line in log_path.read_text(errors='replace').splitlines() if 'Traceback' in line]
        print(f'queued {queued} generations, {refused} refused as busy; drained in {drained:.1f} s')
        print(f'final statuses: {_census(db_path)}; unrefunded failures: {report["unrefunded"]}')
        print(f'tracebacks in the server log: {len(errors)}')
        for line in report['details']:
            print('  ' + line)
        print(
            f'soak kills={KILLS} stuck={report["stuck"]} double_charges={report["double_charges"]} '
            f'ledger_mismatch={report["ledger_mismatch"]} integrity={report["integrity"]} orphans={report["orphans"]}'
        )


# ---- the server ----------------------------------------------------------------------------------------------------


def _start(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open('ab') as log:
        server = subprocess.Popen(
            [sys.executable, 'app.py'], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )
    server.started = time.monotonic()  # type: ignore[attr-defined]
    return server


def _age(server: subprocess.Popen[bytes]) -> float:
    return time.monotonic() - server.started  # type: ignore[attr-defined]


def _sleep(seconds: float) -> float:
    time.sleep(max(0.0, seconds))
    return seconds


def _kill(server: subprocess.Popen[bytes]) -> None:
    """kill -9 the server's process group (its render workers die with it, as in a crash of the machine's app)."""
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    server.wait(timeout=30)


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()  # the graceful way: shutdown records unfinished jobs as interrupted
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        _kill(server)
    else:
        _kill(server)  # whatever worker of the group is left


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f'{base}/login', timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit('the server did not start')


def _register(base: str, db_path: Path, n: int) -> int:
    email = f'soak{n}@example.com'
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as client:
        page = client.get('/register').text
        token = re.search(r'"name":"csrf","value":"([^"]+)"', page)  # the page's element tree is JSON
        assert token, 'no CSRF token on /register'
        response = client.post(
            '/auth/register',
            data={'csrf': token.group(1), 'email': email, 'password': PASSWORD, 'display_name': f'Soak {n}'},
        )
        assert response.status_code == 303 and '/register' not in response.headers['location'], response.headers
    with sqlite3.connect(db_path, timeout=30) as connection:
        return int(connection.execute('SELECT id FROM users WHERE email = ?', (email,)).fetchone()[0])


# ---- the second process: queued, charged generations -------------------------------------------------------------


async def _queue_burst(db_path: Path, owners: list[int], rng: random.Random, round_: int) -> tuple[int, int]:
    """BURST generations at once, written as ``GenerationService.start`` writes them; (queued, refused as busy)."""
    db = Database(f'sqlite+aiosqlite:///{db_path}', busy_timeout_ms=2000)
    try:
        outcomes = await asyncio.gather(
            *(_enqueue(db, rng.choice(owners), f'{rng.choice(PROMPTS)} {round_}.{n}') for n in range(BURST)),
            return_exceptions=True,
        )
    finally:
        await db.dispose()
    unexpected = [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, RoutixError)]
    if unexpected:
        raise unexpected[0]
    return sum(o is None for o in outcomes), sum(isinstance(o, RoutixError) for o in outcomes)


async def _enqueue(db: Database, owner_id: int, prompt: str) -> None:
    async with db.transaction() as session:
        gen = Generation(
            owner_id=owner_id, prompt=prompt, tier=Tier.BASIC, seed=random.randrange(1, 2**31), credits_charged=1
        )
        session.add(gen)
        await session.flush()
        await credits.debit(session=session, user_id=owner_id, amount=1, reason='generation', generation_id=gen.id)


# ---- the checks -----------------------------------------------------------------------------------------------------


def _drain(db_path: Path) -> float:
    start = time.monotonic()
    while time.monotonic() - start < DRAIN_SECONDS:
        if _unfinished(db_path) == 0:
            break
        time.sleep(0.5)
    return time.monotonic() - start


def _wait_for_a_completion(db_path: Path, server: subprocess.Popen[bytes]) -> None:
    """Until one more job completed (the render workers are warm and writing); at most a minute."""
    before = _completed(db_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None and _completed(db_path) == before:
        time.sleep(0.05)


def _completed(db_path: Path) -> int:
    with sqlite3.connect(db_path, timeout=30) as connection:
        return int(connection.execute("SELECT count(*) FROM generations WHERE status = 'completed'").fetchone()[0])


def _unfinished(db_path: Path) -> int:
    with sqlite3.connect(db_path, timeout=30) as connection:
        query = "SELECT count(*) FROM generations WHERE status IN ('queued', 'processing')"
        return int(connection.execute(query).fetchone()[0])


def _census(db_path: Path) -> str:
    with sqlite3.connect(db_path, timeout=30) as connection:
        rows = connection.execute('SELECT status, count(*) FROM generations GROUP BY status ORDER BY status').fetchall()
    return ' '.join(f'{status}={n}' for status, n in rows) or 'none'


def _check(db_path: Path, images: Path) -> dict[str, Any]:
    details: list[str] = []
    with sqlite3.connect(db_path, timeout=30) as connection:
        integrity = connection.execute('PRAGMA integrity_check').fetchone()[0]
        stuck = _unfinished(db_path)
        twice = connection.execute(
            """SELECT g.id, g.credits_charged, g.refunded,
                      coalesce(sum(c.reason = 'generation'), 0), coalesce(sum(c.reason = 'refund'), 0)
               FROM generations g LEFT JOIN credit_entries c ON c.generation_id = g.id
               GROUP BY g.id
               HAVING coalesce(sum(c.reason = 'generation'), 0) != (g.credits_charged > 0)
                   OR coalesce(sum(c.reason = 'refund'), 0) != g.refunded"""
        ).fetchall()
        details += [f'generation {row[0]}: charged {row[1]} refunded {row[2]}, ledger {row[3:]}' for row in twice]
        unrefunded = connection.execute(
            "SELECT count(*) FROM generations WHERE status IN ('failed', 'cancelled') AND credits_charged > 0"
            ' AND NOT refunded'
        ).fetchone()[0]
        mismatched = connection.execute(
            """SELECT u.id, u.credits, coalesce(sum(c.delta), 0)
               FROM users u LEFT JOIN credit_entries c ON c.user_id = u.id
               GROUP BY u.id HAVING coalesce(sum(c.delta), 0) != u.credits"""
        ).fetchall()
        details += [f'user {row[0]}: balance {row[1]}, ledger sum {row[2]}' for row in mismatched]
        keys = {
            key
            for row in connection.execute(
                'SELECT image_key, preview_key, png_key, background_key FROM generations'
                ' UNION ALL SELECT storage_key, NULL, NULL, NULL FROM uploads'
            )
            for key in row
            if key
        }
    files = (
        {str(path.relative_to(images)) for path in images.rglob('*') if path.is_file()} if images.exists() else set()
    )
    orphans = sorted(files - keys)
    details += [f'orphan file {name}' for name in orphans[:10]]
    return {
        'integrity': integrity,
        'stuck': stuck,
        'double_charges': len(twice),
        'unrefunded': unrefunded,
        'ledger_mismatch': len(mismatched),
        'orphans': len(orphans),
        'details': details,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


if __name__ == '__main__':
    main()
