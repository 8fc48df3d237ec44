"""/healthz, /readyz and /metrics: what a host's probes and Prometheus get, and who may read the metrics."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nicegui.testing import User
from prometheus_client.parser import text_string_to_metric_families

from routix.core.db import Database
from routix.ops.health import readiness
from routix.ops.users import set_role
from routix.storage import LocalStore
from tests.helpers.pages import SLOW, click_newest, send

SignUp = Callable[..., Awaitable[None]]
AppDb = Callable[[], Database]
TOKEN = 'K7d9Qm2xPv4Rt8Wz1Lb6Nc3Yh5Fj0Sa9Ge2Ui7Ko4'


@pytest.fixture
def metrics_token(monkeypatch: pytest.MonkeyPatch) -> str:
    """A bearer token for Prometheus (set before the app starts)."""
    monkeypatch.setenv('ROUTIX_METRICS_TOKEN', TOKEN)
    return TOKEN


async def _make_admin(app_db: AppDb, email: str = 'ada@example.com') -> None:
    db = app_db()
    try:
        await set_role(db=db, email=email, role='admin')
    finally:
        await db.dispose()


def _samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def test_healthz_answers_anyone_without_a_session(user: User, app_ready: None) -> None:
    response = await user.http_client.get('/healthz')
    assert response.status_code == 200 and response.json() == {'status': 'ok'}
    assert response.headers['cache-control'] == 'no-store'


async def test_readyz_is_200_while_database_and_storage_work(user: User, sign_up: SignUp) -> None:
    response = await user.http_client.get('/readyz')
    assert response.status_code == 200 and response.json() == {'status': 'ready', 'failed': []}
    await sign_up(user)  # signed in or not, the same answer
    assert (await user.http_client.get('/readyz')).json()['status'] == 'ready'


async def test_readyz_names_the_storage_when_it_cannot_store(user: User, app_ready: None, _isolated_env: Path) -> None:
    images = _isolated_env / 'images'
    shutil.rmtree(images, ignore_errors=True)
    images.write_bytes(b'not a folder')  # the image folder is unusable: nothing can be stored under it
    response = await user.http_client.get('/readyz')
    assert response.status_code == 503
    assert response.json() == {'status': 'not ready', 'failed': ['storage']}
    images.unlink()
    assert (await user.http_client.get('/readyz')).status_code == 200


async def test_readiness_names_a_database_that_does_not_answer_and_a_start_up_not_finished(tmp_path: Path) -> None:
    gone = Database(f'sqlite+aiosqlite:///{tmp_path / "no-such-folder" / "routix.db"}')
    store = LocalStore(tmp_path / 'images')
    try:
        assert await readiness(db=gone, store=store, started=True) == {
            'startup': True,
            'database': False,
            'storage': True,
        }
    finally:
        await gone.dispose()
    working = Database(f'sqlite+aiosqlite:///{tmp_path / "routix.db"}')
    try:
        assert await readiness(db=working, store=store, started=False) == {
            'startup': False,
            'database': True,
            'storage': True,
        }
    finally:
        await working.dispose()


async def test_metrics_are_404_for_anonymous_visitors_and_creators(user: User, sign_up: SignUp) -> None:
    anonymous = await user.http_client.get('/metrics')
    assert anonymous.status_code == 404 and 'routix' not in anonymous.text
    await sign_up(user)
    creator = await user.http_client.get('/metrics')
    assert creator.status_code == 404 and 'routix' not in creator.text
    bad_token = await user.http_client.get('/metrics', headers={'Authorization': 'Bearer guess'})
    assert bad_token.status_code == 404


async def test_a_wrong_bearer_token_is_404_and_the_right_one_reads_the_metrics(
    metrics_token: str, user: User, app_ready: None
) -> None:
    for header in (f'Bearer {metrics_token}x', f'Basic {metrics_token}', metrics_token, 'Bearer '):
        assert (await user.http_client.get('/metrics', headers={'Authorization': header})).status_code == 404
    response = await user.http_client.get('/metrics', headers={'Authorization': f'Bearer {metrics_token}'})
    assert response.status_code == 200 and response.headers['content-type'].startswith('text/plain')
    names = {family.name for family in text_string_to_metric_families(response.text)}
    assert {
        'routix_http_requests',
        'routix_http_request_duration_seconds',
        'routix_generations',
        'routix_generation_stage_duration_seconds',
        'routix_queue_depth',
        'routix_generations_running',
        'routix_connected_clients',
        'routix_credits_charged',
        'routix_credits_refunded',
        'routix_credits_spent',
    } <= names


async def test_an_admin_session_reads_what_happened(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await _make_admin(app_db)
    await user.open('/')
    await send(user, 'Minecraft speedrun "NEW RECORD" neon purple')
    await user.should_see(marker='proposal', retries=SLOW)
    click_newest(user, 'generate')
    await user.should_see(marker='generation-image', retries=SLOW)
    response = await user.http_client.get('/metrics')
    assert response.status_code == 200
    samples = _samples(response.text)
    completed = frozenset({('tier', 'basic'), ('status', 'completed'), ('provider', 'basic')})
    assert samples[('routix_generations', completed)] == 1
    assert samples[('routix_queue_depth', frozenset())] == 0
    stages = {
        dict(labels)['stage'] for name, labels in samples if name == 'routix_generation_stage_duration_seconds_count'
    }
    assert 'total' in stages and len(stages) >= 3
    pages = frozenset({('method', 'GET'), ('kind', 'page'), ('status', '200')})
    assert samples[('routix_http_requests_total', pages)] >= 1
    assert samples[('routix_credits_spent', frozenset())] == 0  # the basic tier is free
    again = _samples((await user.http_client.get('/metrics')).text)  # a second scrape counts each stage once
    key = ('routix_generation_stage_duration_seconds_count', frozenset({('stage', 'total')}))
    assert again[key] == samples[key] == 1


async def test_a_demoted_admin_loses_the_metrics(user: User, sign_up: SignUp, app_db: AppDb) -> None:
    await sign_up(user)
    await _make_admin(app_db)
    assert (await user.http_client.get('/metrics')).status_code == 200
    db = app_db()
    await set_role(db=db, email='ada@example.com', role='creator')
    await db.dispose()
    assert (await user.http_client.get('/metrics')).status_code == 404
