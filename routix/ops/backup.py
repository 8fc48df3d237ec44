"""``routix backup DEST`` and ``routix restore SRC``: the SQLite database and the stored images, and back.

The database is copied with SQLite's online backup API, so a running server keeps writing while it is copied and the
copy is one consistent moment. Images are copied after the database: every image the copy refers to was written
before it (images are write-once), so none is missing; an image written later is an orphan the sweep removes.

PostgreSQL and S3 are backed up with their own tools; the command says which, and how.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from routix.core.config import Settings
from routix.core.errors import InvalidRequest
from routix.core.files import PRIVATE_FILE, make_private_dir
from routix.models import utcnow

FORMAT = 1
DATABASE = 'routix.db'
IMAGES = 'images'
SECRET = '.secret_key'  # the generated development secret: restored, signed-in browsers stay signed in
MANIFEST = 'manifest.json'


@dataclass(kw_only=True, frozen=True, slots=True)
class BackupReport:
    """What a backup or restore copied, and what it could not (S3 images)."""

    path: Path
    images: int
    image_bytes: int
    database_bytes: int
    notes: tuple[str, ...] = ()


def backup(settings: Settings, dest: Path) -> BackupReport:
    """Copy the database and the local images into ``dest`` (new or empty), with a manifest."""
    source = _sqlite_path(settings)
    if not source.is_file():
        raise InvalidRequest('cli.no_such_file', path=str(source))
    if dest.exists() and any(dest.iterdir()):
        raise InvalidRequest('ops.backup_exists', path=str(dest))
    make_private_dir(dest)
    _copy_database(source, dest / DATABASE)
    images, image_bytes = (0, 0)
    notes: list[str] = []
    if settings.storage == 'local':
        images, image_bytes = _copy_tree(settings.data_dir / IMAGES, dest / IMAGES)
    else:
        notes.append(InvalidRequest('ops.backup_s3', bucket=settings.s3_bucket, prefix=settings.s3_prefix).user_message)
    if (settings.data_dir / SECRET).is_file():
        _copy_file(settings.data_dir / SECRET, dest / SECRET)
    database_bytes = (dest / DATABASE).stat().st_size
    manifest = {
        'format': FORMAT,
        'created_at': utcnow().isoformat(),
        'storage': settings.storage,
        'images': images,
        'image_bytes': image_bytes,
        'database_bytes': database_bytes,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2))
    (dest / MANIFEST).chmod(PRIVATE_FILE)
    return BackupReport(
        path=dest, images=images, image_bytes=image_bytes, database_bytes=database_bytes, notes=tuple(notes)
    )


def restore(settings: Settings, src: Path) -> BackupReport:
    """Copy a backup into the configured data directory, which must be new or empty (nothing is overwritten)."""
    target = _sqlite_path(settings)
    try:
        manifest = json.loads((src / MANIFEST).read_text())
        assert manifest.get('format') == FORMAT and (src / DATABASE).is_file()
    except (OSError, ValueError, AssertionError) as e:
        raise InvalidRequest('ops.backup_unreadable', path=str(src)) from e
    data_dir = settings.data_dir
    if data_dir.exists() and any(data_dir.iterdir()):
        raise InvalidRequest('ops.restore_not_empty', path=str(data_dir))
    make_private_dir(data_dir)
    make_private_dir(target.parent)
    _copy_database(src / DATABASE, target)
    images, image_bytes = _copy_tree(src / IMAGES, data_dir / IMAGES) if (src / IMAGES).is_dir() else (0, 0)
    if (src / SECRET).is_file():
        _copy_file(src / SECRET, data_dir / SECRET)
    notes: tuple[str, ...] = ()
    if settings.storage != 'local' or manifest.get('storage') != 'local':
        notes = (InvalidRequest('ops.backup_s3', bucket=settings.s3_bucket, prefix=settings.s3_prefix).user_message,)
    return BackupReport(
        path=data_dir, images=images, image_bytes=image_bytes, database_bytes=target.stat().st_size, notes=notes
    )


def _sqlite_path(settings: Settings) -> Path:
    """The SQLite file of these settings; PostgreSQL is refused with the pointer to pg_dump."""
    url = make_url(settings.resolved_database_url)
    if not url.drivername.startswith('sqlite') or not url.database:
        raise InvalidRequest('ops.backup_postgres')
    return Path(url.database)


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup API: a consistent copy even while another process writes."""
    if target.exists():
        raise InvalidRequest('ops.backup_exists', path=str(target))
    target.touch(mode=PRIVATE_FILE)
    src = sqlite3.connect(f'file:{source}?mode=ro', uri=True)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def _copy_tree(source: Path, target: Path) -> tuple[int, int]:
    """Copy every file below ``source`` (0700 folders, 0600 files); returns (files, bytes)."""
    count = size = 0
    if not source.is_dir():
        return count, size
    for path in sorted(source.rglob('*')):
        if not path.is_file() or path.name.endswith('.tmp'):  # a write in progress is not an image yet
            continue
        copy = target / path.relative_to(source)
        make_private_dir(copy.parent)
        _copy_file(path, copy)
        count, size = count + 1, size + path.stat().st_size
    return count, size


def _copy_file(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    target.chmod(PRIVATE_FILE)
