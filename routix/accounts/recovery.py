"""One-time links by mail: a forgotten password (``/forgot`` → mail → ``/reset``) and email verification.

A link carries ``secrets.token_urlsafe(32)``; the database keeps only its SHA-256 (``PasswordResetToken``), so a
copy of the database holds no usable link. A reset link works once, for 30 minutes; a verification link for 24
hours. Asking for a reset answers the same whether or not the address has an account: the request is throttled
either way and everything else (lookup, link, mail) happens in the background, so neither the answer nor its
timing tells (bench/recovery.py measures it). A reset ends every session of the account.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import AsyncIterator
from datetime import timedelta
from urllib.parse import urlencode

from nicegui import background_tasks
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from routix.accounts import care, export, throttle
from routix.accounts.credentials import MAX_EMAIL, normalise_email
from routix.accounts.mail import LinkMail, Mailer
from routix.accounts.passwords import check_password, hash_password
from routix.accounts.service import AccountService
from routix.core.config import Settings
from routix.core.db import Database
from routix.core.errors import AuthError, NotFound
from routix.core.runtime import Runtime
from routix.models import PasswordResetToken, User, utcnow
from routix.storage import ImageStore

RESET_TTL = timedelta(minutes=30)
VERIFY_TTL = timedelta(hours=24)
MAX_REQUESTS_PER_EMAIL = 3  # reset mails per address per throttle window (15 minutes)
MAX_REQUESTS_PER_IP = 10
MAX_BAD_TOKENS_PER_IP = 20  # wrong, expired or used links followed from one address per window
MAX_TOKEN = 100
PAGES = {'reset': '/reset', 'verify': '/verify'}
log = logging.getLogger(__name__)


class RecoveryService:
    """Reset links and verification links: issue (by mail or for the operator), check, redeem."""

    def __init__(
        self,
        *,
        db: Database,
        runtime: Runtime,
        settings: Settings,
        accounts: AccountService,
        store: ImageStore,
        mailer: Mailer | None,
    ) -> None:
        self.db = db
        self.store = store
        self.runtime = runtime
        self.settings = settings
        self.accounts = accounts
        self.mailer = mailer

    @property
    def can_mail(self) -> bool:
        """Whether mail goes out (SMTP configured); without it the pages point to the operator."""
        return self.mailer is not None

    async def request_reset(self, *, email: str, client_ip: str | None, base_url: str) -> None:
        """Mail a reset link if the address has an account; the same outcome (None) either way.

        Throttled per address and per client address (AuthError 'auth.throttled' with the minutes to wait). Only the
        throttle runs before the answer; looking the address up, storing the link and mailing it happen in the
        background, so the answer takes as long for an unknown address as for an account's."""
        address = normalise_email(email)[:MAX_EMAIL]
        await throttle.reserve(
            db=self.db,
            limits=[
                (f'forgot:{throttle.email_key(address)}', MAX_REQUESTS_PER_EMAIL),
                (f'forgot:{throttle.ip_key(client_ip)}', MAX_REQUESTS_PER_IP),
            ],
        )
        if self.mailer is not None:  # without mail, a link nobody receives would only wait in the table
            background_tasks.create(self._mail_reset(address, base_url), name='mail-reset')

    async def _mail_reset(self, address: str, base_url: str) -> None:
        token = secrets.token_urlsafe(32)
        async with self.db.transaction() as session:
            user = (await session.exec(_live_user().where(User.email == address))).first()
            if user is None or user.id is None or user.disabled_at is not None:
                return
            session.add(_row(user.id, token, 'reset'))
            mail = LinkMail(
                to=user.email,
                lang=user.locale,
                purpose='reset',
                link=link_for(base_url, 'reset', token),
                minutes=int(RESET_TTL.total_seconds() // 60),
            )
        await self._send(mail)

    async def send_verification(self, *, user_id: int, base_url: str) -> str:
        """Mail a verification link to the account's address (AuthError 'auth.mail_failed' if that fails)."""
        token = secrets.token_urlsafe(32)
        async with self.db.transaction() as session:
            user = (await session.exec(_live_user().where(User.id == user_id))).first()
            if user is None:
                raise NotFound()
            session.add(_row(user_id, token, 'verify'))
        if self.mailer is None:
            raise AuthError('auth.mail_failed')
        mail = LinkMail(
            to=user.email,
            lang=user.locale,
            purpose='verify',
            link=link_for(base_url, 'verify', token),
            minutes=int(VERIFY_TTL.total_seconds() // 60),
        )
        if not await self._send(mail):
            raise AuthError('auth.mail_failed')
        return user.email

    async def check_link(self, *, token: str, purpose: str, client_ip: str | None) -> None:
        """Raise AuthError 'auth.link_invalid' / 'auth.link_expired' / 'auth.link_used' unless the link may be used."""
        await self._redeemable(token=token, purpose=purpose, client_ip=client_ip)

    async def reset_password(self, *, token: str, password: str, client_ip: str | None) -> User:
        """Set a new password through a reset link (used up by this); every session of the account ends."""
        row, user = await self._redeemable(token=token, purpose='reset', client_ip=client_ip)
        check_password(password, user.email)  # before the link is spent: a weak password leaves it usable
        new_hash = await hash_password(runtime=self.runtime, password=password)
        now = utcnow()
        async with self.db.transaction() as session:
            spent = await session.exec(
                update(PasswordResetToken)  # type: ignore[call-overload]
                .where(col(PasswordResetToken.id) == row.id, col(PasswordResetToken.used_at).is_(None))
                .values(used_at=now)
            )
            if spent.rowcount != 1:  # a second tab redeemed it first
                raise AuthError('auth.link_used')
            await session.exec(
                update(PasswordResetToken)  # type: ignore[call-overload]
                .where(
                    col(PasswordResetToken.user_id) == user.id,
                    col(PasswordResetToken.purpose) == 'reset',
                    col(PasswordResetToken.used_at).is_(None),
                )
                .values(used_at=now)  # older links of the same account die with this one
            )
            await session.exec(update(User).where(col(User.id) == user.id).values(password_hash=new_hash))  # type: ignore[call-overload]
            await throttle.forget(session=session, key=throttle.email_key(user.email))  # sign-in lock lifted
        assert user.id is not None
        await self.accounts.end_all_sessions(user.id)
        user.password_hash = new_hash
        return user

    async def verify_email(self, *, token: str, client_ip: str | None) -> User:
        """Mark the account's address verified through a verification link (used up by this)."""
        row, user = await self._redeemable(token=token, purpose='verify', client_ip=client_ip)
        now = utcnow()
        async with self.db.transaction() as session:
            spent = await session.exec(
                update(PasswordResetToken)  # type: ignore[call-overload]
                .where(col(PasswordResetToken.id) == row.id, col(PasswordResetToken.used_at).is_(None))
                .values(used_at=now)
            )
            if spent.rowcount != 1:
                raise AuthError('auth.link_used')
            await session.exec(update(User).where(col(User.id) == user.id).values(email_verified_at=now))  # type: ignore[call-overload]
        user.email_verified_at = now
        return user

    # ---- the account page: change password or email, delete, export ------------------------------------------------

    async def change_password(self, *, user_id: int, current: str, new: str, keep_session: str | None) -> None:
        """New password after the current one; every other session ends (``keep_session``, this browser's, stays)."""
        await care.change_password(db=self.db, runtime=self.runtime, user_id=user_id, current=current, new=new)
        await self.accounts.end_all_sessions(user_id)  # every open tab checks its session again
        if keep_session:
            await care.readmit_session(db=self.db, token=keep_session, user_id=user_id)

    async def change_email(self, *, user_id: int, password: str, new_email: str, base_url: str) -> str:
        """Move the account to a new address (re-entering the password); a verification link goes there if mail
        works. Returns the saved address."""
        user = await care.change_email(
            db=self.db, runtime=self.runtime, user_id=user_id, password=password, new_email=new_email
        )
        if self.mailer is not None and user.email_verified_at is None:
            try:
                await self.send_verification(user_id=user_id, base_url=base_url)
            except AuthError:
                pass  # the change stands; the account page offers to send the link again
        return user.email

    async def delete_account(self, *, user_id: int, password: str) -> None:
        """Delete the account, its data and its images (re-entering the password); every session ends."""
        await care.delete_account(
            db=self.db,
            runtime=self.runtime,
            store=self.store,
            user_id=user_id,
            password=password,
            video_root=self.settings.data_dir / 'videos',
        )
        await self.accounts.end_all_sessions(user_id)

    def export_zip(self, *, user_id: int) -> AsyncIterator[bytes]:
        """The creator's data as a streamed zip (thumbnails, recipes, ledger)."""
        return export.export_zip(db=self.db, store=self.store, runtime=self.runtime, user_id=user_id)

    async def _redeemable(self, *, token: str, purpose: str, client_ip: str | None) -> tuple[PasswordResetToken, User]:
        ip = f'link:{throttle.ip_key(client_ip)}'
        await throttle.check(db=self.db, limits=[(ip, MAX_BAD_TOKENS_PER_IP)])
        row = user = None
        if isinstance(token, str) and 0 < len(token) <= MAX_TOKEN:
            async with self.db.session() as session:
                found = (
                    await session.exec(
                        select(PasswordResetToken, User)
                        .join(User, col(User.id) == PasswordResetToken.user_id)
                        .where(PasswordResetToken.token_hash == digest(token), PasswordResetToken.purpose == purpose)
                        .where(col(User.deleted_at).is_(None))
                    )
                ).first()
            if found is not None:
                row, user = found
        error: AuthError | None = None
        if row is None or user is None:
            error = AuthError('auth.link_invalid')
        elif row.used_at is not None:
            error = AuthError('auth.link_used')
        elif row.expires_at <= utcnow():
            error = AuthError('auth.link_expired')
        elif user.disabled_at is not None:
            error = AuthError('auth.disabled')
        if error is not None or row is None or user is None:
            await throttle.record_failure(db=self.db, keys=(ip,))
            raise error or AuthError('auth.link_invalid')
        return row, user

    async def _send(self, mail: LinkMail) -> bool:
        """Send; a failure is logged (without the link) and reported as False, never raised into a page."""
        if self.mailer is None:
            return False
        try:
            await self.mailer.send(mail)
        except Exception:  # any SMTP, TLS or network failure: the requester is not told more than before
            log.warning('mail (%s) to the account of user could not be sent', mail.purpose, exc_info=True)
            return False
        return True


async def issue_link(*, db: Database, email: str, purpose: str, base_url: str) -> str:
    """A fresh one-time link for the account of ``email`` (the operator's ``routix users reset-link``);
    NotFound('ops.no_such_user') when there is no such account."""
    address = normalise_email(email)[:MAX_EMAIL]
    token = secrets.token_urlsafe(32)
    async with db.transaction() as session:
        user = (await session.exec(_live_user().where(User.email == address))).first()
        if user is None or user.id is None:
            raise NotFound('ops.no_such_user', email=address)
        session.add(_row(user.id, token, purpose))
    return link_for(base_url, purpose, token)


def link_for(base_url: str, purpose: str, token: str) -> str:
    """The absolute link a mail or the operator hands out."""
    return f'{base_url.rstrip("/")}{PAGES[purpose]}?{urlencode({"token": token})}'


def digest(token: str) -> str:
    """What the database keeps of a link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _row(user_id: int, token: str, purpose: str) -> PasswordResetToken:
    ttl = RESET_TTL if purpose == 'reset' else VERIFY_TTL
    now = utcnow()
    return PasswordResetToken(
        user_id=user_id, token_hash=digest(token), purpose=purpose, created_at=now, expires_at=now + ttl
    )


def _live_user() -> SelectOfScalar[User]:
    return select(User).where(col(User.deleted_at).is_(None))
