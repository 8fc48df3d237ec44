"""Parallel wrong passwords: the throttle holds at its limits however many guesses arrive at once."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func
from sqlmodel import select

from routix.accounts import signin, signup, throttle
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.core.runtime import InlineRuntime
from routix.models import LoginAttempt

PASSWORD = 'correct horse 42'
RUNTIME = InlineRuntime()


async def _codes(db: Database, attempts: list[tuple[str, str]]) -> list[str]:
    """Sign in with every (email, ip) at the same time, all with a wrong password; the error code of each."""

    async def attempt(email: str, ip: str) -> str:
        try:
            await signin.authenticate(db=db, runtime=RUNTIME, email=email, password='nope nope 1', client_ip=ip)
        except AuthError as e:
            return e.code
        return 'signed in'

    return list(await asyncio.gather(*(attempt(email, ip) for email, ip in attempts)))


async def _stored(db: Database, key: str) -> int:
    async with db.session() as session:
        return (await session.exec(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.key == key))).one()


async def test_parallel_wrong_passwords_for_one_email_stop_at_the_limit(db: Database) -> None:
    await signup.register(
        db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, display_name='Ada', signup_credits=0
    )
    codes = await _codes(db, [('ada@example.com', f'10.0.0.{i}') for i in range(12)])
    assert codes.count('auth.credentials') == throttle.MAX_EMAIL_FAILURES
    assert codes.count('auth.throttled') == 12 - throttle.MAX_EMAIL_FAILURES
    assert await _stored(db, throttle.email_key('ada@example.com')) == throttle.MAX_EMAIL_FAILURES


async def test_parallel_wrong_passwords_from_one_ip_stop_at_the_limit(db: Database) -> None:
    codes = await _codes(db, [(f'guess{i}@example.com', '10.9.9.9') for i in range(26)])
    assert codes.count('auth.credentials') == throttle.MAX_IP_FAILURES
    assert codes.count('auth.throttled') == 26 - throttle.MAX_IP_FAILURES
    assert await _stored(db, throttle.ip_key('10.9.9.9')) == throttle.MAX_IP_FAILURES


async def test_a_success_is_not_counted_against_the_ip(db: Database) -> None:
    await signup.register(
        db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, display_name='Ada', signup_credits=0
    )
    for _ in range(3):
        await signin.authenticate(
            db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip='1.2.3.4'
        )
    assert await _stored(db, throttle.ip_key('1.2.3.4')) == 0
    assert await _stored(db, throttle.email_key('ada@example.com')) == 0


@pytest.mark.parametrize('limit', [throttle.MAX_EMAIL_FAILURES])
async def test_throttled_guesses_leave_no_stored_attempt(db: Database, limit: int) -> None:
    codes = await _codes(db, [('ghost@example.com', '10.0.0.1')] * (limit + 3))
    assert codes.count('auth.credentials') == limit
    assert await _stored(db, throttle.email_key('ghost@example.com')) == limit
