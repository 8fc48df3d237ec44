"""Where uploaded videos and their mined frames live: ``<data>/videos/<owner id>/``, 0700, files 0600, local disk.

Videos are working material (large, read once by the miner, needed again only to mine anew), so they stay on the
server's own disk even when images go to S3. A video is ``<token>.<ext>`` with a sidecar ``<token>.json`` (its
conversation, facts and mined frames) and a folder ``<token>/`` of frame JPEGs. Every function takes the owner's
folder, so one creator's token never reaches another's files; tokens are random and checked against ``TOKEN``.
Blocking functions: the service calls them through ``runtime.io``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from routix.core.errors import NotFound
from routix.core.files import PRIVATE_FILE, make_private_dir, write_private_atomic

TOKEN = re.compile(r'^[A-Za-z0-9_-]{16,64}$')
INCOMING = '.incoming-'


def folder_of(root: Path, owner_id: int) -> Path:
    """Where the creator's videos are (whether or not the folder exists yet)."""
    return root / str(int(owner_id))


def owner_folder(root: Path, owner_id: int) -> Path:
    """The creator's own video folder (created 0700 on first use)."""
    return make_private_dir(folder_of(root, owner_id))


def new_incoming(folder: Path) -> tuple[str, Path]:
    """A fresh token and the 0600 temp file an upload streams into (renamed once the video passed its probe)."""
    token = secrets.token_urlsafe(18)
    path = folder / f'{INCOMING}{token}.part'
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    return token, path


def append(path: Path, data: bytes) -> None:
    """Add a chunk to an incoming upload."""
    with path.open('ab') as file:
        file.write(data)


def keep(folder: Path, token: str, incoming: Path, *, suffix: str, meta: dict[str, Any]) -> Path:
    """Move a probed upload to its place and write its sidecar; returns the video's path."""
    video = folder / f'{token}{suffix}'
    os.replace(incoming, video)
    write_private_atomic(folder / f'{token}.json', json.dumps(meta).encode())
    return video


def read_meta(folder: Path, token: str) -> dict[str, Any]:
    """The sidecar of one of this folder's videos; NotFound for an unknown or malformed token."""
    if not TOKEN.match(token):
        raise NotFound('video.not_found')
    try:
        meta = json.loads((folder / f'{token}.json').read_text())
    except (OSError, ValueError):
        raise NotFound('video.not_found') from None
    if not isinstance(meta, dict):
        raise NotFound('video.not_found')
    return meta


def write_meta(folder: Path, token: str, meta: dict[str, Any]) -> None:
    """Replace a video's sidecar."""
    write_private_atomic(folder / f'{token}.json', json.dumps(meta).encode())


def save_frames(folder: Path, token: str, jpegs: list[bytes]) -> None:
    """Store the mined frames as ``<token>/frame-<rank>.jpg`` (rank from 1, best first)."""
    frames = make_private_dir(folder / token)
    for rank, jpeg in enumerate(jpegs, start=1):
        write_private_atomic(frames / f'frame-{rank}.jpg', jpeg)


def video_path(folder: Path, token: str) -> Path:
    """The stored video itself; NotFound when there is no such video."""
    read_meta(folder, token)
    for path in folder.glob(f'{token}.*'):
        if path.suffix != '.json':
            return path
    raise NotFound('video.not_found')


def frame_bytes(folder: Path, token: str, rank: int) -> bytes:
    """One stored frame; NotFound when there is no such video or frame."""
    read_meta(folder, token)
    try:
        return (folder / token / f'frame-{int(rank)}.jpg').read_bytes()
    except OSError:
        raise NotFound('video.not_found') from None


def delete(folder: Path, token: str) -> None:
    """Remove a video, its sidecar and its frames (whatever of them exists)."""
    if not TOKEN.match(token):
        return
    for path in folder.glob(f'{token}.*'):
        path.unlink(missing_ok=True)
    shutil.rmtree(folder / token, ignore_errors=True)


def tokens_of(folder: Path, *, conversation_id: int | None = None, older_than_s: float | None = None) -> list[str]:
    """The videos of this folder that belong to ``conversation_id``, or (``older_than_s``) loose ones that old."""
    found = []
    now = time.time()
    for sidecar in folder.glob('*.json'):
        try:
            meta = json.loads(sidecar.read_text())
        except (OSError, ValueError):
            continue
        if conversation_id is not None and meta.get('conversation_id') == conversation_id:
            found.append(sidecar.stem)
        elif older_than_s is not None and meta.get('conversation_id') is None:
            if now - sidecar.stat().st_mtime > older_than_s:
                found.append(sidecar.stem)
    return found


def stale_incoming(folder: Path, *, older_than_s: float) -> list[Path]:
    """Temp files of uploads that died half-way (the server stopped mid-upload)."""
    now = time.time()
    return [p for p in folder.glob(f'{INCOMING}*.part') if now - p.stat().st_mtime > older_than_s]
