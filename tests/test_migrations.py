"""Migrations: a migrated database has exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from routix import models  # noqa: F401
from routix.core.db import Database


def _diff(sync_conn: Any) -> list:
    context = MigrationContext.configure(sync_conn, opts={'compare_type': True})
    return compare_metadata(context, SQLModel.metadata)


async def test_migrated_schema_matches_the_models(db: Database) -> None:
    async with db.engine.connect() as conn:
        diff = await conn.run_sync(_diff)
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert diff == []
    assert {'users', 'generations', 'credit_entries', 'conversations', 'messages', 'templates'} <= tables


async def test_migrating_twice_is_a_no_op(db: Database) -> None:
    await db.migrate()
    async with db.session() as session:
        version = (await session.exec(text('SELECT version_num FROM alembic_version'))).all()  # type: ignore[call-overload]
    assert len(version) == 1


async def test_sqlite_runs_in_wal_mode(tmp_path: Any) -> None:
    database = Database(f'sqlite+aiosqlite:///{tmp_path / "wal.db"}')
    await database.migrate()
    async with database.session() as session:
        mode = (await session.exec(text('PRAGMA journal_mode'))).one()  # type: ignore[call-overload]
        timeout = (await session.exec(text('PRAGMA busy_timeout'))).one()  # type: ignore[call-overload]
    await database.dispose()
    assert mode[0] == 'wal'
    assert timeout[0] >= 5000


async def test_an_upgraded_database_keeps_its_data_and_ends_identical_to_a_fresh_one(tmp_path: Any) -> None:
    from alembic import command

    from routix.core.db import alembic_config

    database = Database(f'sqlite+aiosqlite:///{tmp_path / "old.db"}')
    async with database.engine.begin() as conn:
        await conn.run_sync(lambda c: command.upgrade(alembic_config(c), '0001'))
    async with database.transaction() as session:
        await session.exec(
            text(
                'INSERT INTO users (email, display_name, tier, credits, locale, brand_colors, '  # type: ignore[call-overload]
                "created_at) VALUES ('old@example.com', 'Old', 'free', 7, 'fa', '[]', '2026-01-01')"
            )
        )
    await database.migrate()
    async with database.engine.connect() as conn:
        diff = await conn.run_sync(_diff)
    async with database.session() as session:
        row = (await session.exec(text("SELECT credits, locale FROM users WHERE email = 'old@example.com'"))).one()  # type: ignore[call-overload]
    await database.dispose()
    assert diff == []
    assert tuple(row) == (7, 'fa')


async def test_failures_stored_before_0003_keep_their_text_and_get_no_code(tmp_path: Any) -> None:
    from alembic import command

    from routix.core.db import alembic_config
    from routix.generation.views import GenerationView
    from routix.models import Generation

    database = Database(f'sqlite+aiosqlite:///{tmp_path / "old.db"}')
    async with database.engine.begin() as conn:
        await conn.run_sync(lambda c: command.upgrade(alembic_config(c), '0002'))
    async with database.transaction() as session:
        for statement in (
            'INSERT INTO users (email, display_name, tier, credits, locale, brand_colors, created_at) '
            "VALUES ('old@example.com', 'Old', 'free', 7, 'fa', '[]', '2026-01-01')",
            'INSERT INTO generations (owner_id, prompt, analysis, match, tier, provider, model, status, stage, '
            'progress, error, notice, text_layer, seed, image_bytes, credits_charged, refunded, favourite, headline, '
            "category, timings, created_at) VALUES (1, 'old', '{}', '{}', 'premium', 'basic', '', 'failed', 0, 0, "
            "'Interrupted by a server restart. Your 3 credits were refunded.', NULL, '{}', 1, 0, 3, 1, 0, '', '', "
            "'{}', '2026-01-01')",
        ):
            await session.exec(text(statement))  # type: ignore[call-overload]
    await database.migrate()
    async with database.session() as session:
        row = await session.get(Generation, 1)
    await database.dispose()
    assert row is not None
    assert (row.error_code, row.error_params, row.notices) == (None, {}, [])
    view = GenerationView.of(row)
    assert view.error_text('fa') == 'Interrupted by a server restart. Your 3 credits were refunded.'  # as it was stored
    assert view.notice_text('fa') is None
