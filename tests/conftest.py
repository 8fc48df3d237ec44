"""Shared fixtures: an isolated data directory per test, real databases (SQLite file; PostgreSQL when available)."""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from nicegui import background_tasks, core, run
from nicegui.testing import User

from routix.core.config import Settings
from routix.core.db import Database
from tests.helpers.accounts import PASSWORD, form_token
from tests.helpers.cluster_procs import database_url, web, workers  # noqa: F401  (fixtures of test_cluster_*.py)

_MAIN = sys.modules['__main__']

# NiceGUI's User.should_see gives up after 3 tries 0.1 s apart: on two busy cores (two pytest workers, a render in the
# process pool) a proposal can take longer than 0.3 s to appear. Waiting up to 5 s only slows a failing test down;
# a passing one returns as soon as the element is there. Calls that pass their own ``retries`` keep it.
PATIENCE = 50
_should_see = User.should_see


async def _patient_should_see(self: User, *args: Any, retries: int = PATIENCE, **kwargs: Any) -> None:
    await _should_see(self, *args, retries=retries, **kwargs)


User.should_see = _patient_should_see  # type: ignore[method-assign,assignment]
PG_URL = os.environ.get(
    'ROUTIX_TEST_POSTGRES_URL', ''
)  # e.g. postgresql+asyncpg://routix:routix@127.0.0.1:5432/postgres


@pytest.fixture(autouse=True)
def _restore_main() -> Iterator[None]:
    """NiceGUI's harness pops sys.modules['__main__'], which spawn workers of run.cpu_bound need."""
    sys.modules.setdefault('__main__', _MAIN)
    yield
    sys.modules.setdefault('__main__', _MAIN)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir and no provider keys from the developer's environment or .env."""
    data = tmp_path / 'data'
    monkeypatch.setenv('ROUTIX_DATA_DIR', str(data))
    monkeypatch.setenv('ROUTIX_ENV', 'development')
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    monkeypatch.setenv('ROUTIX_STORAGE', 'local')
    # empty values also override a developer's .env (environment variables win over the dotenv file)
    for name in (
        'DATABASE_URL',
        'OPENAI_API_KEY',
        'GEMINI_API_KEY',
        'STABILITY_API_KEY',
        'OPENAI_BASE_URL',
        'GEMINI_BASE_URL',
        'ROUTIX_SECRET_KEY',
        'GOOGLE_CLIENT_ID',
        'GITHUB_CLIENT_ID',
        'OIDC_DISCOVERY_URL',
    ):
        monkeypatch.setenv(name, '')
    return data


@pytest.fixture
def settings(_isolated_env: Path) -> Settings:
    """Settings of an isolated development instance."""
    return Settings(_env_file=None)  # type: ignore[call-arg]


def _db_params() -> list:
    return [
        'sqlite',
        pytest.param(
            'postgres',
            marks=pytest.mark.skipif(
                not PG_URL, reason='PostgreSQL not available: set ROUTIX_TEST_POSTGRES_URL (.ci/run does) to run on it'
            ),
        ),
    ]


@pytest.fixture(params=_db_params())
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated real database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == 'sqlite':
        database = Database(f'sqlite+aiosqlite:///{tmp_path / "test.db"}')
        await database.migrate()
        yield database
        await database.dispose()
        return
    name = f'routix_test_{secrets.token_hex(6)}'
    admin = Database(PG_URL)
    async with admin.engine.connect() as conn:
        await conn.execution_options(isolation_level='AUTOCOMMIT')
        await conn.exec_driver_sql(f'CREATE DATABASE {name}')
    database = Database(PG_URL.rsplit('/', 1)[0] + f'/{name}')
    await database.migrate()
    yield database
    await database.dispose()
    async with admin.engine.connect() as conn:
        await conn.execution_options(isolation_level='AUTOCOMMIT')
        await conn.exec_driver_sql(f'DROP DATABASE {name} WITH (FORCE)')
    await admin.dispose()


@pytest.fixture
async def nicegui_runtime() -> AsyncIterator[None]:
    """The parts of NiceGUI's runtime the domain uses outside a page: the loop for background tasks, process pool."""
    core.loop = asyncio.get_running_loop()
    run.process_pool_start_method = 'spawn'
    if run.process_pool is None:
        run.setup()
    yield


# ---- web: accounts through the real forms (user-fixture tests) -------------------------------------------------


@pytest.fixture
async def app_ready(user: Any) -> None:
    """Wait until the app's startup handlers (migrations, catalog sync) are done: NiceGUI runs async startup
    handlers as background tasks named 'func <name>', so a test's first requests could otherwise beat them."""
    startup = [task for task in background_tasks.running_tasks if task.get_name().startswith('func ')]
    if startup:
        await asyncio.wait_for(asyncio.gather(*startup), timeout=30)


@pytest.fixture
def sign_up(app_ready: None) -> Callable[..., Awaitable[None]]:
    """Register (and thereby sign in) a user through the real /register form POST."""

    async def _sign_up(
        user: Any, *, email: str = 'ada@example.com', password: str = PASSWORD, name: str = 'Ada'
    ) -> None:
        token = await form_token(user, '/register')
        response = await user.http_client.post(
            '/auth/register',
            data={'csrf': token, 'email': email, 'password': password, 'display_name': name, 'next': '/account'},
        )
        assert response.status_code == 303, response.text
        assert response.headers['location'] == '/account', response.headers['location']

    return _sign_up


@pytest.fixture
def app_db(_isolated_env: Path) -> Callable[[], Database]:
    """A second handle on the running app's database (same data dir), for checks and arranging data."""

    def _open() -> Database:
        return Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]

    return _open


@pytest.fixture
def sleep() -> Any:
    """The retry policy's sleep for provider tests: records the delays asked for and returns at once."""
    from tests.fakes import RecordingSleep

    return RecordingSleep()
