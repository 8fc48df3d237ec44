"""Owner-scoped account queries: the user row, the credit ledger page, generations per day, and preferences."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.accounts.credentials import MAX_DISPLAY_NAME
from routix.core.errors import InvalidRequest
from routix.models import CreditEntry, Generation, User, utcnow

LEDGER_PAGE_SIZE = 20
MAX_BRAND_COLORS = 3
_HEX = re.compile(r'^#(?:[0-9A-F]{3}|[0-9A-F]{6})$')


async def get_user(*, session: AsyncSession, user_id: int) -> User | None:
    """The user row, unless the account was deleted."""
    user = await session.get(User, user_id)
    return None if user is None or user.deleted_at is not None else user


async def ledger_page(
    *, session: AsyncSession, user_id: int, page: int = 1, per_page: int = LEDGER_PAGE_SIZE
) -> tuple[list[CreditEntry], int]:
    """One page of the user's credit ledger, newest first, and the number of pages (at least 1)."""
    total = (
        await session.exec(select(func.count()).select_from(CreditEntry).where(CreditEntry.user_id == user_id))
    ).one()
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = await session.exec(
        select(CreditEntry)
        .where(CreditEntry.user_id == user_id)
        .order_by(CreditEntry.id.desc())  # type: ignore[union-attr]
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    return list(rows.all()), pages


async def generations_per_day(
    *, session: AsyncSession, user_id: int, days: int = 30, today: date | None = None
) -> list[tuple[date, int]]:
    """(UTC day, number of generations) for each of the last ``days`` days, oldest first, zeros included."""
    today = today or utcnow().date()
    first = today - timedelta(days=days - 1)
    # grouped in Python: portable across SQLite and PostgreSQL, and at most a month of timestamps of one owner
    rows = await session.exec(
        select(Generation.created_at).where(
            Generation.owner_id == user_id,
            Generation.created_at >= _midnight(first),
            col(Generation.deleted_at).is_(None),
        )
    )
    counts: dict[date, int] = {}
    for created_at in rows.all():
        counts[created_at.date()] = counts.get(created_at.date(), 0) + 1
    return [(day, counts.get(day, 0)) for day in (first + timedelta(days=i) for i in range(days))]


def validate_brand_colors(values: list[str | None]) -> list[str]:
    """Up to three ``#RRGGBB`` colours (``#RGB`` expanded; blanks, duplicates dropped) or InvalidRequest."""
    colours: list[str] = []
    for raw in values:
        value = (raw or '').strip().upper()
        if not value:
            continue
        if not _HEX.match(value):
            raise InvalidRequest('profile.brand_colors', n=MAX_BRAND_COLORS)
        if len(value) == 4:  # #RGB → #RRGGBB
            value = '#' + ''.join(c * 2 for c in value[1:])
        if value not in colours:
            colours.append(value)
    if len(colours) > MAX_BRAND_COLORS:
        raise InvalidRequest('profile.brand_colors', n=MAX_BRAND_COLORS)
    return colours


async def set_display_name(*, session: AsyncSession, user_id: int, display_name: str) -> str:
    """Save the display name (whitespace collapsed); returns what was saved."""
    name = ' '.join(display_name.split())
    if len(name) > MAX_DISPLAY_NAME:
        raise InvalidRequest('profile.name_too_long', limit=MAX_DISPLAY_NAME)
    await _set(session, user_id, display_name=name)
    return name


async def set_locale(*, session: AsyncSession, user_id: int, locale: str) -> None:
    """Save the interface language (callers pass a code from routix.i18n.LANGUAGES)."""
    await _set(session, user_id, locale=locale)


async def set_dark_mode(*, session: AsyncSession, user_id: int, dark_mode: bool | None) -> None:
    """Save dark (True), light (False) or follow the system (None)."""
    await _set(session, user_id, dark_mode=dark_mode)


async def set_brand_colors(*, session: AsyncSession, user_id: int, colors: list[str | None]) -> list[str]:
    """Validate and save the brand colours; returns what was saved."""
    colours = validate_brand_colors(colors)
    await _set(session, user_id, brand_colors=colours)
    return colours


async def _set(session: AsyncSession, user_id: int, **values: object) -> None:
    await session.exec(update(User).where(User.id == user_id).values(**values))  # type: ignore[arg-type]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
