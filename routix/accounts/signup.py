"""Registration with an email address and a password; the sign-up credits are booked in the same transaction.

Taken emails: registering an address that already has an account fails with the same generic
'Check your details or sign in' message as any other refusal of otherwise valid details, and it costs the same
argon2 hash as a successful registration. Without e-mail verification a sign-up form can never fully hide that
an address exists (a third party who gets no account learns something), so the message never confirms it and the
per-IP throttle also counts refused registrations.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from routix.accounts import credits, throttle
from routix.accounts.credentials import display_name_for, validate_email
from routix.accounts.passwords import check_password, hash_password
from routix.core.db import Database
from routix.core.errors import AuthError
from routix.core.runtime import Runtime
from routix.models import User


async def register(
    *,
    db: Database,
    runtime: Runtime,
    email: str,
    password: str,
    display_name: str,
    signup_credits: int,
    client_ip: str | None = None,
    locale: str = 'en',
) -> User:
    """Create an account with a password; the sign-up credits are granted (and booked) in the same transaction.

    With ``client_ip``, a refused registration of a taken email counts against that IP's sign-in throttle;
    ``locale`` is the language the visitor chose before registering.
    """
    ip_key = throttle.ip_key(client_ip) if client_ip else None
    if ip_key:
        await throttle.check(db=db, limits=[(ip_key, throttle.MAX_IP_FAILURES)])
    address = validate_email(email)
    check_password(password, address)
    name = display_name_for(display_name, address)
    password_hash = await hash_password(runtime=runtime, password=password)  # before the lookup: same cost if taken
    try:
        async with db.transaction() as session:
            taken = (await session.exec(select(User.id).where(User.email == address))).first()
            if taken is not None:
                raise AuthError('auth.taken')
            user = User(email=address, password_hash=password_hash, display_name=name, locale=locale)
            session.add(user)
            await session.flush()
            assert user.id is not None
            balance = 0
            if signup_credits > 0:
                balance = await credits.credit(session=session, user_id=user.id, amount=signup_credits, reason='signup')
    except IntegrityError as e:  # the same address registered concurrently
        raise AuthError('auth.taken') from e
    except AuthError:
        if ip_key:
            await throttle.record_failure(db=db, keys=(ip_key,))
        raise
    user.credits = balance
    return user
