"""The operators' commands, run as real processes on the same settings (data dir) the server reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlmodel import col, select

from routix.accounts import sessions, signin
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.core.runtime import InlineRuntime
from routix.models import CreditEntry, User
from tests.helpers.accounts import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def routix(*args: str, stdin: str = '', env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``routix ARGS`` in a fresh process with this test's environment (its data dir) plus ``env``."""
    return subprocess.run(
        [sys.executable, '-m', 'routix.cli', *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def create(email: str, *flags: str) -> subprocess.CompletedProcess[str]:
    return routix('users', 'create', email, '--password-stdin', *flags, stdin=PASSWORD + '\n')


async def _user(email: str) -> User:
    db = Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]
    try:
        async with db.session() as session:
            return (await session.exec(select(User).where(User.email == email))).one()
    finally:
        await db.dispose()


async def test_create_an_admin_from_the_shell_then_list_everyone() -> None:
    made = create('Boss@Example.com', '--admin')
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == 'created boss@example.com (admin, 20 credits)'
    assert create('ada@example.com').returncode == 0
    listing = routix('users', 'list')
    assert listing.returncode == 0, listing.stderr
    header, *rows = listing.stdout.splitlines()
    assert header.split() == ['email', 'role', 'tier', 'credits', 'last', 'seen', 'disabled']
    assert [row.split() for row in rows] == [
        ['boss@example.com', 'admin', 'free', '20', 'never', 'no'],
        ['ada@example.com', 'creator', 'free', '20', 'never', 'no'],
    ]
    db = Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]
    try:
        boss = await signin.authenticate(
            db=db, runtime=InlineRuntime(), email='boss@example.com', password=PASSWORD, client_ip=None
        )
    finally:
        await db.dispose()
    assert boss.role == 'admin' and boss.password_hash and PASSWORD not in boss.password_hash


def test_create_refuses_a_taken_email_and_a_weak_password_and_reports_why() -> None:
    assert create('ada@example.com').returncode == 0
    again = create('ADA@example.com')
    assert again.returncode == 2
    assert again.stderr.strip() == 'routix: An account with the email ada@example.com already exists.'
    weak = routix('users', 'create', 'bob@example.com', '--password-stdin', stdin='short\n')
    assert weak.returncode == 1 and 'at least 10 characters' in weak.stderr
    assert 'bob@example.com' not in routix('users', 'list').stdout


async def test_grant_and_revoke_write_ledger_rows_with_the_reason_and_the_operator_never_below_zero() -> None:
    assert create('ada@example.com').returncode == 0
    granted = routix('credits', 'grant', 'ada@example.com', '15', '--reason', 'launch  promo')
    assert granted.returncode == 0, granted.stderr
    assert granted.stdout.startswith('ada@example.com: +15 credits, balance 35 (by cli:')
    revoked = routix('credits', 'grant', 'ada@example.com', '-5', '--reason', 'refund reversed')
    assert revoked.returncode == 0, revoked.stderr
    too_much = routix('credits', 'grant', 'ada@example.com', '-31', '--reason', 'oops')
    assert too_much.returncode == 1
    assert too_much.stderr.strip() == 'routix: The balance cannot go below zero: ada@example.com has 30 credits.'
    assert routix('credits', 'grant', 'ada@example.com', '0', '--reason', 'nothing').returncode == 2
    assert routix('credits', 'grant', 'ada@example.com', '3', '--reason', '   ').returncode == 2
    nobody = routix('credits', 'grant', 'eve@example.com', '3', '--reason', 'gift')
    assert nobody.returncode == 1 and 'no account with the email eve@example.com' in nobody.stderr
    ada = await _user('ada@example.com')
    db = Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]
    async with db.session() as session:
        rows = (
            await session.exec(select(CreditEntry).where(CreditEntry.user_id == ada.id).order_by(col(CreditEntry.id)))
        ).all()
    await db.dispose()
    operator = f'cli:{_os_user()}'
    assert [(e.delta, e.balance_after, e.reason, e.operator, e.note) for e in rows] == [
        (20, 20, 'signup', '', ''),
        (15, 35, 'grant', operator, 'launch promo'),
        (-5, 30, 'revoke', operator, 'refund reversed'),
    ]
    assert ada.credits == 30


async def test_disable_ends_every_session_and_refuses_sign_in_with_a_clear_message_until_enabled() -> None:
    assert create('ada@example.com').returncode == 0
    ada = await _user('ada@example.com')
    assert ada.id is not None
    db = Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]
    try:
        token = await sessions.create_session(db=db, user_id=ada.id)
        assert (await sessions.user_for_session(db=db, token=token)) is not None
        disabled = routix('users', 'disable', 'ada@example.com')
        assert disabled.returncode == 0, disabled.stderr
        assert await sessions.user_for_session(db=db, token=token) is None
        with pytest.raises(AuthError) as refused:
            await signin.authenticate(
                db=db, runtime=InlineRuntime(), email='ada@example.com', password=PASSWORD, client_ip=None
            )
        assert refused.value.code == 'auth.disabled'
        assert 'disabled' in refused.value.message('en') and refused.value.message('fa') != refused.value.message('en')
        with pytest.raises(AuthError) as wrong:  # a wrong password learns nothing about the account
            await signin.authenticate(
                db=db, runtime=InlineRuntime(), email='ada@example.com', password='wrong ' + PASSWORD, client_ip=None
            )
        assert wrong.value.code == 'auth.credentials'
        assert routix('users', 'list', '--json').stdout.count('"disabled": true') == 1
        assert routix('users', 'enable', 'ada@example.com').returncode == 0
        user = await signin.authenticate(
            db=db, runtime=InlineRuntime(), email='ada@example.com', password=PASSWORD, client_ip=None
        )
        assert user.email == 'ada@example.com'
    finally:
        await db.dispose()


async def test_promote_and_demote_change_the_role() -> None:
    assert create('ada@example.com').returncode == 0
    assert routix('users', 'promote', 'ada@example.com').stdout.strip() == 'ada@example.com: admin'
    assert (await _user('ada@example.com')).role == 'admin'
    assert routix('users', 'demote', 'ada@example.com').stdout.strip() == 'ada@example.com: creator'
    assert (await _user('ada@example.com')).role == 'creator'
    assert routix('users', 'promote', 'nobody@example.com').returncode == 1


async def test_a_new_session_sets_last_seen() -> None:
    assert create('ada@example.com').returncode == 0
    ada = await _user('ada@example.com')
    assert ada.id is not None and ada.last_seen_at is None
    db = Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]
    await sessions.create_session(db=db, user_id=ada.id)
    await db.dispose()
    assert (await _user('ada@example.com')).last_seen_at is not None
    assert 'never' not in routix('users', 'list').stdout


@pytest.mark.parametrize('command', [['routix', 'migrate'], ['make', '-o', 'setup', 'migrate']])
async def test_migrate_brings_an_empty_data_dir_to_the_newest_schema(command: list[str], _isolated_env: Path) -> None:
    args = [sys.executable, '-m', 'routix.cli', 'migrate'] if command[0] == 'routix' else command
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (_isolated_env / 'routix.db').is_file()
    db = Database(Settings(_env_file=None).resolved_database_url)  # type: ignore[call-arg]
    async with db.engine.connect() as conn:
        columns = await conn.run_sync(lambda c: {column['name'] for column in inspect(c).get_columns('users')})
    await db.dispose()
    assert {'role', 'disabled_at', 'last_seen_at'} <= columns


def test_commands_without_an_action_print_their_usage() -> None:
    for command in ('users', 'credits'):
        result = routix(command)
        assert result.returncode == 2 and 'usage:' in result.stdout


def _os_user() -> str:
    import getpass

    return getpass.getuser()
