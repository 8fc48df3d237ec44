"""Password-reset request benchmark: does asking for a reset link take as long for an unknown address as for an
account's? Times ``RecoveryService.request_reset`` (what runs before the answer; the lookup, the link and the mail to
a real aiosmtpd server on loopback run in the background and are awaited between requests, untimed) on a migrated
SQLite file, ROUNDS requests each for addresses with and without an account, interleaved (alternating which goes
first). The unknown address is the
baseline: a ratio near 1 means the answer's timing does not tell whether an account exists. Ends with one line:

    recovery known_median_ms=<float> unknown_median_ms=<float> known_p95_ms=<float> unknown_p95_ms=<float> ratio=<float>

Run: .venv/bin/python bench/recovery.py   (BENCH_ROUNDS=50 for a quick look)
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nicegui import background_tasks, core  # noqa: E402

from routix.accounts.credits import BalanceEvents  # noqa: E402
from routix.accounts.mail import SmtpMailer  # noqa: E402
from routix.accounts.recovery import RecoveryService  # noqa: E402
from routix.accounts.service import AccountService  # noqa: E402
from routix.core.config import Settings  # noqa: E402
from routix.core.db import Database  # noqa: E402
from routix.core.runtime import InlineRuntime  # noqa: E402
from routix.models import User  # noqa: E402
from routix.storage import LocalStore  # noqa: E402
from tests.helpers.mailbox import Mailbox  # noqa: E402

ROUNDS = int(os.environ.get('BENCH_ROUNDS', '300'))


async def main() -> None:
    """Print the timings of both kinds of request and their ratio."""
    core.loop = asyncio.get_running_loop()
    box = Mailbox()
    box.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            ROUTIX_DATA_DIR=tmp,
            SMTP_HOST='127.0.0.1',
            SMTP_PORT=box.port,
            SMTP_TLS='none',
        )
        db = Database(f'sqlite+aiosqlite:///{tmp}/bench.db')
        await db.migrate()
        runtime = InlineRuntime()
        async with db.transaction() as session:
            session.add_all(User(email=f'creator{i}@example.com', password_hash='x') for i in range(ROUNDS + 5))
        accounts = AccountService(db=db, runtime=runtime, settings=settings, balances=BalanceEvents())
        recovery = RecoveryService(
            db=db,
            runtime=runtime,
            settings=settings,
            accounts=accounts,
            store=LocalStore(Path(tmp) / 'images', runtime=runtime),
            mailer=SmtpMailer(settings),
        )
        known: list[float] = []
        unknown: list[float] = []
        for i in range(-5, ROUNDS):  # the first five of each warm up
            pair = [('k', f'creator{i + 5}@example.com', known), ('u', f'nobody{i + 5}@example.com', unknown)]
            for label, email, times in pair if i % 2 else pair[::-1]:  # alternate which goes first
                start = time.perf_counter()
                ip = f'10.{label == "k":d}.{i % 250}.1'
                await recovery.request_reset(email=email, client_ip=ip, base_url='http://b')
                if i >= 0:
                    times.append((time.perf_counter() - start) * 1000)
                await asyncio.gather(*background_tasks.running_tasks)  # the mail of one is not the next one's cost
        for _ in range(ROUNDS + 5):
            await box.next_mail()  # every known address got its mail
        assert box.empty()  # and no unknown one did
        await asyncio.gather(*background_tasks.running_tasks)
        await db.dispose()
    box.stop()
    known_median, unknown_median = statistics.median(known), statistics.median(unknown)
    print(
        f'recovery known_median_ms={known_median:.2f} unknown_median_ms={unknown_median:.2f} '
        f'known_p95_ms={_p95(known):.2f} unknown_p95_ms={_p95(unknown):.2f} ratio={known_median / unknown_median:.2f}'
    )


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95) - 1]


if __name__ == '__main__':
    asyncio.run(main())
