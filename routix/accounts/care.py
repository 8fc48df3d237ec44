"""What a creator does to their own account from the account page: change the password or the email address
(each after re-entering the current password) and delete the account with everything it made.

Deleting keeps a scrubbed ``users`` row (``deleted_at`` set, the address freed, no password): other tables may point
at it. Everything the creator made goes: sessions, identities, links, messages, conversations, uploads, generations
and the credit ledger, and every stored image of theirs.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.accounts.credentials import validate_email
from routix.accounts.passwords import MAX_PASSWORD, check_password, hash_password, verify_password
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.core.runtime import Runtime
from routix.models import (
    AuthSession,
    Conversation,
    CreditEntry,
    Generation,
    Message,
    OAuthIdentity,
    PasswordResetToken,
    Upload,
    User,
    utcnow,
)
from routix.storage import ImageStore
from routix.vocabulary import GenerationStatus

log = logging.getLogger(__name__)


async def change_password(*, db: Database, runtime: Runtime, user_id: int, current: str, new: str) -> User:
    """Replace the password after checking the current one (AuthError 'auth.current_password' / 'auth.password_*')."""
    user = await _confirmed(db=db, runtime=runtime, user_id=user_id, password=current)
    check_password(new, user.email)
    new_hash = await hash_password(runtime=runtime, password=new)
    async with db.transaction() as session:
        await session.exec(update(User).where(col(User.id) == user_id).values(password_hash=new_hash))  # type: ignore[call-overload]
    user.password_hash = new_hash
    return user


async def change_email(*, db: Database, runtime: Runtime, user_id: int, password: str, new_email: str) -> User:
    """Move the account to another address (unverified until its link is followed); 'auth.taken' when in use."""
    address = validate_email(new_email)
    user = await _confirmed(db=db, runtime=runtime, user_id=user_id, password=password)
    if address == user.email:
        return user
    async with db.transaction() as session:
        taken = (await session.exec(select(func.count()).select_from(User).where(User.email == address))).one()
        if taken:
            raise AuthError('auth.taken')
        await session.exec(
            update(User).where(col(User.id) == user_id).values(email=address, email_verified_at=None)  # type: ignore[call-overload]
        )
        await session.exec(delete(PasswordResetToken).where(col(PasswordResetToken.user_id) == user_id))  # type: ignore[call-overload]
    user.email, user.email_verified_at = address, None
    return user


async def delete_account(*, db: Database, runtime: Runtime, store: ImageStore, user_id: int, password: str) -> int:
    """Delete the account and all it made after checking the password; returns how many stored images went.

    Refused with 'auth.busy' while one of its thumbnails is queued or being made (the job would write to it)."""
    await _confirmed(db=db, runtime=runtime, user_id=user_id, password=password)
    async with db.transaction() as session:
        busy = (
            await session.exec(
                select(func.count())
                .select_from(Generation)
                .where(
                    Generation.owner_id == user_id,
                    col(Generation.status).in_([GenerationStatus.QUEUED, GenerationStatus.PROCESSING]),
                )
            )
        ).one()
        if busy:
            raise AuthError('auth.busy')
        keys = await _image_keys(session, user_id)
        await _delete_rows(session, user_id)
    deleted = 0
    for key in sorted(keys):
        try:
            await store.delete(key)
            deleted += 1
        except Exception:  # a store hiccup must not resurrect the account; the orphan is logged for the operator
            log.warning('deleting image %s of a deleted account failed', key, exc_info=True)
    return deleted


async def readmit_session(*, db: Database, token: str, user_id: int) -> None:
    """Let this browser's session (ended with all the others) live on: the row is written back under its digest."""
    async with db.transaction() as session:
        session.add(AuthSession(id=hashlib.sha256(token.encode()).hexdigest(), user_id=user_id))


async def _confirmed(*, db: Database, runtime: Runtime, user_id: int, password: str) -> User:
    async with db.session() as session:
        user = (await session.exec(select(User).where(User.id == user_id, col(User.deleted_at).is_(None)))).first()
    if user is None:
        raise AuthError('auth.credentials')
    if not user.password_hash:
        raise AuthError('auth.no_password')
    ok = len(password) <= MAX_PASSWORD and await verify_password(
        runtime=runtime, stored=user.password_hash, password=password
    )
    if not ok:
        raise AuthError('auth.current_password')
    return user


async def _image_keys(session: AsyncSession, user_id: int) -> set[str]:
    keys: set[str] = set()
    rows = await session.exec(
        select(Generation.image_key, Generation.png_key, Generation.preview_key, Generation.background_key).where(
            Generation.owner_id == user_id
        )
    )
    for row in rows.all():
        keys.update(key for key in row if key)
    keys.update((await session.exec(select(Upload.storage_key).where(Upload.owner_id == user_id))).all())
    return keys


async def _delete_rows(session: AsyncSession, user_id: int) -> None:
    """Children before parents (foreign keys are enforced)."""
    for model, owner in (
        (AuthSession, AuthSession.user_id),
        (OAuthIdentity, OAuthIdentity.user_id),
        (PasswordResetToken, PasswordResetToken.user_id),
        (CreditEntry, CreditEntry.user_id),
        (Message, Message.owner_id),
    ):
        await session.exec(delete(model).where(col(owner) == user_id))  # type: ignore[call-overload]
    await session.exec(update(Generation).where(col(Generation.owner_id) == user_id).values(parent_id=None))  # type: ignore[call-overload]
    await session.exec(delete(Generation).where(col(Generation.owner_id) == user_id))  # type: ignore[call-overload]
    await session.exec(delete(Conversation).where(col(Conversation.owner_id) == user_id))  # type: ignore[call-overload]
    await session.exec(delete(Upload).where(col(Upload.owner_id) == user_id))  # type: ignore[call-overload]
    await session.exec(
        update(User)  # type: ignore[call-overload]
        .where(col(User.id) == user_id)
        .values(
            email=f'deleted-{user_id}@deleted.invalid',  # the address may open a new account
            password_hash=None,
            display_name='',
            brand_colors=[],
            credits=0,
            email_verified_at=None,
            deleted_at=utcnow(),
        )
    )
