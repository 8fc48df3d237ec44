"""The restore drill: a creator and a finished thumbnail, ``routix backup``, the data dir wiped, ``routix restore``,
then the creator signs in through the real form and downloads yesterday's thumbnail through the real routes."""

from __future__ import annotations

import asyncio
import io
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from nicegui import core
from nicegui.testing import User
from PIL import Image

from routix.accounts import signup
from routix.analysis.offline import OfflineAnalyzer
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.runtime import InlineRuntime
from routix.design.catalog import TemplateCatalog
from routix.generation.service import GenerationService
from routix.storage import LocalStore
from tests.helpers.accounts import PASSWORD, form_token
from tests.helpers.generation import finished

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Yesterday:
    """What existed before the disaster."""

    generation_id: int
    image_key: str
    jpeg: bytes
    backup: Path


def routix(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, '-m', 'routix.cli', *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )


@pytest.fixture
async def restored(_isolated_env: Path, tmp_path: Path) -> Yesterday:
    """Yesterday's instance, backed up, wiped and restored (before the app of the ``user`` fixture starts on it)."""
    core.loop = asyncio.get_running_loop()  # the generation queue runs its jobs as NiceGUI background tasks
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    settings.prepare_data_dir()
    db = Database(settings.resolved_database_url)
    await db.migrate()
    runtime = InlineRuntime()
    ada = await signup.register(
        db=db, runtime=runtime, email='ada@example.com', password=PASSWORD, display_name='Ada', signup_credits=20
    )
    assert ada.id is not None
    service = GenerationService(  # renders inline: no worker pool outside the app
        settings=settings,
        db=db,
        store=LocalStore(settings.data_dir / 'images', runtime=runtime),
        analyzer=OfflineAnalyzer(),
        catalog=TemplateCatalog.load(),
        runtime=runtime,
    )
    started = await service.start(owner_id=ada.id, prompt='Minecraft speedrun "NEW RECORD" neon purple')
    view = await finished(service, ada.id, started.id)
    await db.dispose()
    assert view.status == 'completed', view
    key = view.image_url.removeprefix('/media/') if view.image_url else ''
    jpeg = (settings.data_dir / 'images' / key).read_bytes()

    backup = tmp_path / 'backup'
    made = routix('backup', str(backup))
    assert made.returncode == 0, made.stderr
    assert 'images' in made.stdout and (backup / 'manifest.json').is_file()
    shutil.rmtree(settings.data_dir)  # the disaster
    refused = routix('restore', str(tmp_path))  # not a backup
    assert refused.returncode == 2 and 'not a Routix backup' in refused.stderr
    back = routix('restore', str(backup))
    assert back.returncode == 0, back.stderr
    assert routix('restore', str(backup)).returncode == 2  # never over a data dir in use
    return Yesterday(generation_id=view.id, image_key=key, jpeg=jpeg, backup=backup)


async def test_after_a_restore_the_creator_signs_in_and_downloads_yesterdays_thumbnail(
    restored: Yesterday, user: User, app_ready: None
) -> None:
    token = await form_token(user, '/login')
    response = await user.http_client.post(
        '/auth/login', data={'csrf': token, 'email': 'ada@example.com', 'password': PASSWORD, 'next': '/history'}
    )
    assert response.status_code == 303 and response.headers['location'] == '/history'
    image = await user.http_client.get(f'/media/{restored.image_key}?download=1')
    assert image.status_code == 200
    assert image.content == restored.jpeg
    with Image.open(io.BytesIO(image.content)) as picture:
        assert (picture.format, picture.size) == ('JPEG', (1280, 720))
    master = await user.http_client.get(f'/download/{restored.generation_id}.png')
    assert master.status_code == 200 and master.content.startswith(b'\x89PNG')
    await user.open('/history')
    await user.should_see('NEW RECORD')


async def test_a_restore_refuses_a_non_empty_data_dir_and_a_backup_refuses_a_used_folder(
    _isolated_env: Path, tmp_path: Path
) -> None:
    nothing = routix('backup', str(tmp_path / 'none'))
    assert nothing.returncode == 2 and nothing.stderr.startswith('routix: No such file: ')
    assert not (tmp_path / 'none').exists()
    assert routix('migrate').returncode == 0
    backup = tmp_path / 'b'
    assert routix('backup', str(backup)).returncode == 0
    again = routix('backup', str(backup))
    assert again.returncode == 2 and 'is not empty' in again.stderr
    into_live = routix('restore', str(backup))
    assert into_live.returncode == 2
    assert (
        into_live.stderr.strip()
        == f'routix: The data directory {_isolated_env} is not empty: restore only into an empty one.'
    )
    assert oct((backup / 'routix.db').stat().st_mode & 0o777) == oct(0o600)


def test_postgresql_and_s3_get_a_clear_pointer_to_their_own_tools(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv('DATABASE_URL', 'postgresql://routix:pw@127.0.0.1:1/routix')
    pg = routix('backup', str(tmp_path / 'pg'))
    assert pg.returncode == 2 and 'pg_dump' in pg.stderr and 'pw' not in pg.stderr
    monkeypatch.setenv('DATABASE_URL', '')
    monkeypatch.setenv('ROUTIX_STORAGE', 's3')
    monkeypatch.setenv('S3_BUCKET', 'thumbs')
    assert routix('migrate').returncode == 0
    s3 = routix('backup', str(tmp_path / 's3'))
    assert s3.returncode == 0, s3.stderr
    assert 'S3 bucket thumbs' in s3.stdout and 'aws s3 sync s3://thumbs/routix/' in s3.stdout
