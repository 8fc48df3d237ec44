"""Export my data: one zip of a creator's thumbnails, their recipes (the generation rows as JSON), the credit
ledger and the profile, streamed as it is written (no whole archive in memory, no temporary file; the JSON is
serialised and deflated in a worker thread).

Every query filters by the owner; the images are read from the store one at a time.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from routix.core.db import Database
from routix.core.errors import StorageError
from routix.core.runtime import Runtime
from routix.models import CreditEntry, Generation, User
from routix.storage import ImageStore

_RECIPE_FIELDS = (
    'id', 'conversation_id', 'parent_id', 'prompt', 'analysis', 'template_slug', 'template_score', 'match', 'tier',
    'provider', 'model', 'status', 'error', 'error_code', 'notices', 'text_layer', 'seed', 'credits_charged',
    'refunded', 'favourite', 'headline', 'category', 'timings', 'created_at', 'finished_at',
)  # fmt: skip


async def export_zip(*, db: Database, store: ImageStore, runtime: Runtime, user_id: int) -> AsyncIterator[bytes]:
    """The zip's bytes in chunks: ``account.json``, ``recipes.json``, ``ledger.json`` and ``thumbnails/<id>.jpg``."""
    async with db.session() as session:
        user = (await session.exec(select(User).where(User.id == user_id, col(User.deleted_at).is_(None)))).first()
        if user is None:
            return
        generations = (
            await session.exec(
                select(Generation)
                .where(Generation.owner_id == user_id, col(Generation.deleted_at).is_(None))
                .order_by(col(Generation.id))
            )
        ).all()
        ledger = (
            await session.exec(select(CreditEntry).where(CreditEntry.user_id == user_id).order_by(col(CreditEntry.id)))
        ).all()
    sink = _Chunks()
    with zipfile.ZipFile(sink, 'w', compression=zipfile.ZIP_DEFLATED) as archive:
        # serialising and deflating a long history takes a while: in a worker thread, one entry at a time
        for name, value in (
            ('account.json', _account(user)),
            ('recipes.json', [_recipe(g) for g in generations]),
            ('ledger.json', [_entry(e) for e in ledger]),
        ):
            await runtime.io(_write_json, archive, name, value)
        yield sink.take()
        for gen in generations:
            if not gen.image_key:
                continue
            try:
                data = await store.get(gen.image_key)
            except StorageError:
                continue  # a missing file leaves its recipe in the zip; nothing else to say
            archive.writestr(f'thumbnails/{gen.id}.jpg', data, compress_type=zipfile.ZIP_STORED)  # JPEG: no gain
            yield sink.take()
    yield sink.take()


class _Chunks:
    """A write-only, unseekable file that hands out what was written since the last ``take``."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None

    def take(self) -> bytes:
        out, self._parts = b''.join(self._parts), []
        return out


def _account(user: User) -> dict[str, Any]:
    return {
        'email': user.email,
        'display_name': user.display_name,
        'tier': user.tier,
        'credits': user.credits,
        'locale': user.locale,
        'brand_colors': user.brand_colors,
        'created_at': user.created_at,
        'email_verified_at': user.email_verified_at,
    }


def _recipe(gen: Generation) -> dict[str, Any]:
    recipe = {name: getattr(gen, name) for name in _RECIPE_FIELDS}
    recipe['thumbnail'] = f'thumbnails/{gen.id}.jpg' if gen.image_key else None
    return recipe


def _entry(entry: CreditEntry) -> dict[str, Any]:
    return {
        'delta': entry.delta,
        'balance_after': entry.balance_after,
        'reason': entry.reason,
        'generation_id': entry.generation_id,
        'note': entry.note,
        'created_at': entry.created_at,
    }


def _write_json(archive: zipfile.ZipFile, name: str, value: Any) -> None:
    archive.writestr(name, _json(value))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)  # enums (tier, status) and anything else JSON lacks
