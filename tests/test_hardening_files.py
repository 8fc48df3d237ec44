"""Data stays private to the Routix user even under a permissive umask: directories 0700, files 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from routix.core.config import Settings
from routix.core.services import build_services
from routix.design.previews import preview_bytes
from routix.storage import LocalStore, new_key

pytestmark = pytest.mark.usefixtures('nicegui_runtime')


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """The common default: new files 644 and directories 755 unless the code asks for less."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    return {str(path.relative_to(root.parent)): stat.S_IMODE(path.stat().st_mode) for path in [root, *root.rglob('*')]}


@pytest.mark.usefixtures('permissive_umask')
async def test_a_running_instance_keeps_its_data_private(_isolated_env: Path) -> None:
    data = _isolated_env
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    services = build_services(settings)
    await services.startup()
    try:
        settings.session_secret()
        await services.store.put(new_key(1, 'png'), b'\x89PNG image bytes')
        await preview_bytes(services.catalog.specs[0], data, runtime=services.runtime)
        async with services.db.transaction() as session:  # a write, so the WAL holds something
            await session.exec(text('CREATE TABLE IF NOT EXISTS probe (x INTEGER)'))  # type: ignore[call-overload]
        modes = _modes(data)  # while the database is open: its -wal and -shm exist
    finally:
        await services.shutdown()

    names = set(modes)
    assert {'data/routix.db', 'data/routix.db-wal', 'data/routix.db-shm', 'data/.secret_key'} <= names
    assert any(name.startswith('data/images/u1/') for name in names)
    assert any(name.startswith('data/previews/') and name.endswith('.webp') for name in names)
    loose = {
        name: oct(mode) for name, mode in modes.items() if mode != (0o700 if (data.parent / name).is_dir() else 0o600)
    }
    assert loose == {}


@pytest.mark.usefixtures('permissive_umask')
async def test_the_local_store_writes_through_a_private_temp_file(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / 'images')
    key = new_key(2, 'jpg')
    await store.put(key, b'first')
    await store.put(key, b'second')  # replacing keeps it private too
    assert await store.get(key) == b'second'
    assert _modes(tmp_path / 'images') == {'images': 0o700, 'images/u2': 0o700, f'images/{key}': 0o600}


def test_an_existing_data_dir_keeps_its_mode_but_a_loose_one_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / 'shared'
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    Settings(_env_file=None, data_dir=data).prepare_data_dir()  # type: ignore[call-arg]
    assert stat.S_IMODE(data.stat().st_mode) == 0o755
    assert 'readable by other users' in caplog.text
