"""The operators' commands: ``routix users …``, ``routix credits grant``, ``routix backup``, ``routix restore``,
``routix migrate``. Each reads the same Settings as the server (environment and ``.env``)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from routix.core.errors import InvalidRequest

if TYPE_CHECKING:
    from routix.core.config import Settings
    from routix.core.db import Database


def register(sub: Any) -> None:
    """Add the operators' commands to the ``routix`` parser's subcommands."""
    users = sub.add_parser('users', help='accounts: create, list, disable/enable, promote/demote')
    users_sub = users.add_subparsers(dest='action')
    create = users_sub.add_parser('create', help='create a password account (asks for the password)')
    create.add_argument('email')
    create.add_argument('--admin', action='store_true', help='make it an admin')
    create.add_argument('--password-stdin', action='store_true', help='read the password from standard input')
    create.set_defaults(func=_run(_create))
    listing = users_sub.add_parser('list', help='email, role, tier, credits, last seen, disabled')
    listing.add_argument('--json', action='store_true')
    listing.set_defaults(func=_run(_list))
    for action, helptext in (
        ('disable', 'refuse sign-in and end every session'),
        ('enable', 'allow sign-in again'),
        ('promote', 'make an admin'),
        ('demote', 'make a creator again'),
    ):
        command = users_sub.add_parser(action, help=helptext)
        command.add_argument('email')
        command.set_defaults(func=_run(_change), action=action)
    link = users_sub.add_parser('reset-link', help='print a one-time password-reset link (30 minutes)')
    link.add_argument('email')
    link.set_defaults(func=_run(_reset_link))
    users.set_defaults(func=lambda _args: _usage(users))

    credits = sub.add_parser('credits', help='grant or revoke credits')
    credits_sub = credits.add_subparsers(dest='action')
    grant = credits_sub.add_parser('grant', help='add credits (a negative amount revokes; never below zero)')
    grant.add_argument('email')
    grant.add_argument('amount', type=int)
    grant.add_argument('--reason', required=True, help='why: kept in the ledger with the operator')
    grant.set_defaults(func=_run(_grant))
    credits.set_defaults(func=lambda _args: _usage(credits))

    backup = sub.add_parser('backup', help='copy the database (online) and the stored images into DEST')
    backup.add_argument('dest', type=Path)
    backup.set_defaults(func=_backup)
    restore = sub.add_parser('restore', help='restore a backup into the (empty) data directory')
    restore.add_argument('src', type=Path)
    restore.set_defaults(func=_restore)
    migrate = sub.add_parser('migrate', help='bring the database schema to the newest revision')
    migrate.set_defaults(func=_run(_migrate))


def _run(command: Callable[[argparse.Namespace, Settings, Database], Awaitable[int]]) -> Callable[..., int]:
    """The command with migrated settings' database, disposed afterwards."""

    def run(args: argparse.Namespace) -> int:
        async def main() -> int:
            from routix.core.config import load_settings
            from routix.core.db import Database

            settings = load_settings()
            settings.prepare_data_dir()
            db = Database(settings.resolved_database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms)
            try:
                await db.migrate()
                return await command(args, settings, db)
            finally:
                await db.dispose()

        return asyncio.run(main())

    return run


async def _migrate(_args: argparse.Namespace, _settings: Settings, db: Database) -> int:
    _out(f'migrated: {db.engine.url.render_as_string(hide_password=True)}')
    return 0


async def _create(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    from routix.core.runtime import InlineRuntime
    from routix.ops.users import create_user

    password = _read_password(from_stdin=args.password_stdin)
    user = await create_user(
        db=db,
        runtime=InlineRuntime(),
        email=args.email,
        password=password,
        signup_credits=settings.signup_credits,
        admin=args.admin,
    )
    _out(f'created {user.email} ({user.role}, {user.credits} credits)')
    return 0


async def _list(args: argparse.Namespace, _settings: Settings, db: Database) -> int:
    from routix.ops.users import list_users

    rows = await list_users(db=db)
    if args.json:
        _out(
            json.dumps(
                [
                    {
                        'email': r.email,
                        'role': r.role,
                        'tier': r.tier,
                        'credits': r.credits,
                        'last_seen_at': r.last_seen_at.isoformat() if r.last_seen_at else None,
                        'disabled': r.disabled,
                    }
                    for r in rows
                ]
            )
        )
        return 0
    _out(f'{"email":40} {"role":8} {"tier":8} {"credits":>7}  {"last seen":16}  disabled')
    for r in rows:
        seen = r.last_seen_at.strftime('%Y-%m-%d %H:%M') if r.last_seen_at else 'never'
        _out(f'{r.email:40} {r.role:8} {r.tier:8} {r.credits:>7}  {seen:16}  {"yes" if r.disabled else "no"}')
    return 0


async def _change(args: argparse.Namespace, _settings: Settings, db: Database) -> int:
    from routix.ops.users import set_disabled, set_role

    if args.action in ('disable', 'enable'):
        user = await set_disabled(db=db, email=args.email, disabled=args.action == 'disable')
        _out(f'{user.email}: {"disabled, every session ended" if user.disabled_at else "enabled"}')
    else:
        user = await set_role(db=db, email=args.email, role='admin' if args.action == 'promote' else 'creator')
        _out(f'{user.email}: {user.role}')
    return 0


async def _reset_link(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    from routix.accounts.recovery import issue_link

    base = settings.base_url or f'http://{settings.host}:{settings.port}'
    _out(await issue_link(db=db, email=args.email, purpose='reset', base_url=base))
    return 0


async def _grant(args: argparse.Namespace, _settings: Settings, db: Database) -> int:
    from routix.ops.users import grant_credits

    entry = await grant_credits(db=db, email=args.email, amount=args.amount, reason=args.reason, operator=_operator())
    _out(f'{args.email}: {entry.delta:+d} credits, balance {entry.balance_after} (by {entry.operator}: {entry.note})')
    return 0


def _backup(args: argparse.Namespace) -> int:
    from routix.core.config import load_settings
    from routix.ops.backup import backup

    report = backup(load_settings(), args.dest)
    _out(
        f'backed up to {report.path}: database {report.database_bytes} bytes, '
        f'{report.images} images ({report.image_bytes} bytes)'
    )
    for note in report.notes:
        _out(note)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from routix.core.config import load_settings
    from routix.ops.backup import restore

    report = restore(load_settings(), args.src)
    _out(
        f'restored into {report.path}: database {report.database_bytes} bytes, '
        f'{report.images} images ({report.image_bytes} bytes); the server migrates it on start'
    )
    for note in report.notes:
        _out(note)
    return 0


def _read_password(*, from_stdin: bool) -> str:
    """The new account's password: one line of standard input, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip('\r\n')
    first = getpass.getpass('Password: ')
    if getpass.getpass('Again: ') != first:
        raise InvalidRequest('ops.passwords_differ')
    return first


def _operator() -> str:
    """Who runs the command, as the ledger records it."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = str(os.getuid())
    return f'cli:{name}'


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _out(text: str) -> None:
    sys.stdout.write(text + '\n')
