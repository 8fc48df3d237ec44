"""Accounts on a real database: registration, sign-in, throttling, sessions, sign-up credits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import update
from sqlmodel import select

from routix.accounts import oauth, sessions, signin, signup
from routix.accounts import profile as accounts
from routix.core.db import Database
from routix.core.errors import AuthError, InvalidRequest
from routix.core.runtime import InlineRuntime
from routix.models import AuthSession, CreditEntry, Generation, LoginAttempt, User, utcnow

PASSWORD = 'correct horse 42'
RUNTIME = InlineRuntime()  # argon2 in a thread, without NiceGUI's pools


async def _register(db: Database, email: str = 'ada@example.com', credits: int = 20) -> User:
    return await signup.register(
        db=db, runtime=RUNTIME, email=email, password=PASSWORD, display_name='Ada', signup_credits=credits
    )


async def test_register_then_authenticate(db: Database) -> None:
    user = await signup.register(
        db=db,
        runtime=RUNTIME,
        email='  Ada@Example.COM ',
        password=PASSWORD,
        display_name=' Ada  L ',
        signup_credits=20,
    )
    assert user.id is not None
    assert user.email == 'ada@example.com'
    assert user.display_name == 'Ada L'
    assert user.password_hash and user.password_hash.startswith('$argon2id$')
    assert 'm=19456,t=2,p=1' in user.password_hash

    signed_in = await signin.authenticate(
        db=db, runtime=RUNTIME, email='ADA@example.com', password=PASSWORD, client_ip='10.0.0.1'
    )
    assert signed_in.id == user.id


async def test_display_name_defaults_to_the_local_part(db: Database) -> None:
    user = await signup.register(
        db=db, runtime=RUNTIME, email='grace@example.com', password=PASSWORD, display_name='', signup_credits=0
    )
    assert user.display_name == 'grace'


async def test_signup_credits_are_booked_in_the_ledger(db: Database) -> None:
    user = await _register(db, credits=20)
    assert user.credits == 20
    async with db.session() as session:
        row = await session.get(User, user.id)
        entries = (await session.exec(select(CreditEntry).where(CreditEntry.user_id == user.id))).all()
    assert row is not None and row.credits == 20
    assert [(e.delta, e.balance_after, e.reason) for e in entries] == [(20, 20, 'signup')]


async def test_no_ledger_entry_without_signup_credits(db: Database) -> None:
    user = await _register(db, credits=0)
    async with db.session() as session:
        entries, pages = await accounts.ledger_page(session=session, user_id=user.id)
    assert (entries, pages) == ([], 1)


@pytest.mark.parametrize(
    ('email', 'password', 'message'),
    [
        ('not-an-email', PASSWORD, 'That email address is not valid.'),
        ('ada@', PASSWORD, 'That email address is not valid.'),
        ('ada@example', PASSWORD, 'That email address is not valid.'),
        ('a da@example.com', PASSWORD, 'That email address is not valid.'),
        ('ada@example.com', 'short1A', 'Use at least 10 characters for the password.'),
        ('ada@example.com', 'alllowercaseletters', 'Mix at least two of'),
        ('ada@example.com', '12345678901234', 'Mix at least two of'),
        ('ada1@example.com', 'ADA1@EXAMPLE.COM', 'The password must not be your email address.'),
        ('ada@example.com', 'x1' * 200, 'Use at most 256 characters'),
    ],
)
async def test_invalid_registrations_say_why(db: Database, email: str, password: str, message: str) -> None:
    with pytest.raises(AuthError) as info:
        await signup.register(
            db=db, runtime=RUNTIME, email=email, password=password, display_name='', signup_credits=20
        )
    assert info.value.user_message.startswith(message)
    async with db.session() as session:
        assert (await session.exec(select(User))).all() == []


async def test_a_taken_email_gets_the_generic_message(db: Database) -> None:
    await _register(db)
    with pytest.raises(AuthError) as info:
        await signup.register(
            db=db,
            runtime=RUNTIME,
            email='ADA@example.com',
            password='another pass 99',
            display_name='Eve',
            signup_credits=20,
        )
    assert info.value.code == 'auth.taken'
    assert info.value.user_message == 'Check your details or sign in if you already have an account.'
    assert 'exist' not in info.value.user_message and 'taken' not in info.value.user_message
    async with db.session() as session:
        assert len((await session.exec(select(User))).all()) == 1
        assert len((await session.exec(select(CreditEntry))).all()) == 1


async def test_wrong_password_and_unknown_email_look_the_same(db: Database) -> None:
    await _register(db)
    with pytest.raises(AuthError) as wrong:
        await signin.authenticate(
            db=db, runtime=RUNTIME, email='ada@example.com', password='wrong password 1', client_ip='10.0.0.1'
        )
    with pytest.raises(AuthError) as unknown:
        await signin.authenticate(
            db=db, runtime=RUNTIME, email='nobody@example.com', password=PASSWORD, client_ip='10.0.0.1'
        )
    assert wrong.value.user_message == unknown.value.user_message == 'Email or password is not correct.'
    assert type(wrong.value) is type(unknown.value)


async def test_five_failures_throttle_the_email_even_with_the_right_password(db: Database) -> None:
    await _register(db)
    for _ in range(5):
        with pytest.raises(AuthError) as info:
            await signin.authenticate(
                db=db, runtime=RUNTIME, email='ada@example.com', password='nope nope 1', client_ip='10.0.0.1'
            )
        assert info.value.code == 'auth.credentials'
    with pytest.raises(AuthError) as info:
        await signin.authenticate(
            db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip='10.0.0.2'
        )
    assert info.value.code == 'auth.throttled'
    assert info.value.user_message == 'Too many attempts. Try again in 15 minutes.'
    assert info.value.params == {'minutes': 15}


async def test_the_throttle_lifts_when_the_failures_age(db: Database) -> None:
    await _register(db)
    for _ in range(5):
        with pytest.raises(AuthError):
            await signin.authenticate(
                db=db, runtime=RUNTIME, email='ada@example.com', password='nope nope 1', client_ip='10.0.0.1'
            )
    async with db.transaction() as session:
        await session.exec(update(LoginAttempt).values(created_at=utcnow() - timedelta(minutes=16)))
    user = await signin.authenticate(
        db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip='10.0.0.1'
    )
    assert user.email == 'ada@example.com'


async def test_success_clears_the_email_failures(db: Database) -> None:
    await _register(db)
    for _ in range(4):
        with pytest.raises(AuthError):
            await signin.authenticate(
                db=db, runtime=RUNTIME, email='ada@example.com', password='nope nope 1', client_ip='10.0.0.1'
            )
    await signin.authenticate(db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip='10.0.0.1')
    for _ in range(4):  # four more are allowed again
        with pytest.raises(AuthError) as info:
            await signin.authenticate(
                db=db, runtime=RUNTIME, email='ada@example.com', password='nope nope 1', client_ip='10.0.0.1'
            )
        assert info.value.code == 'auth.credentials'


async def test_twenty_failures_throttle_the_ip(db: Database) -> None:
    await _register(db)
    for i in range(20):
        with pytest.raises(AuthError):
            await signin.authenticate(
                db=db, runtime=RUNTIME, email=f'guess{i}@example.com', password='nope nope 1', client_ip='10.9.9.9'
            )
    with pytest.raises(AuthError) as info:
        await signin.authenticate(
            db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip='10.9.9.9'
        )
    assert info.value.code == 'auth.throttled'
    user = await signin.authenticate(
        db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip='10.1.1.1'
    )
    assert user.email == 'ada@example.com'


async def test_refused_registrations_count_against_the_ip(db: Database) -> None:
    await _register(db)
    for _ in range(20):
        with pytest.raises(AuthError):
            await signup.register(
                db=db,
                runtime=RUNTIME,
                email='ada@example.com',
                password=PASSWORD,
                display_name='',
                signup_credits=0,
                client_ip='10.7.7.7',
            )
    with pytest.raises(AuthError) as info:
        await signup.register(
            db=db,
            runtime=RUNTIME,
            email='new@example.com',
            password=PASSWORD,
            display_name='',
            signup_credits=0,
            client_ip='10.7.7.7',
        )
    assert info.value.code == 'auth.throttled'


async def test_old_hashes_are_upgraded_on_sign_in(db: Database) -> None:
    user = await _register(db)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    async with db.transaction() as session:
        await session.exec(update(User).where(User.id == user.id).values(password_hash=weak))
    await signin.authenticate(db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip=None)
    async with db.session() as session:
        row = await session.get(User, user.id)
    assert row is not None and row.password_hash and 'm=19456,t=2,p=1' in row.password_hash


async def test_oauth_only_accounts_cannot_sign_in_with_a_password(db: Database) -> None:
    async with db.transaction() as session:
        session.add(User(email='oauth@example.com', password_hash=None))
    with pytest.raises(AuthError) as info:
        await signin.authenticate(db=db, runtime=RUNTIME, email='oauth@example.com', password=PASSWORD, client_ip=None)
    assert info.value.code == 'auth.credentials'


async def test_sessions_resolve_until_ended(db: Database) -> None:
    user = await _register(db)
    token = await sessions.create_session(db=db, user_id=user.id)
    assert len(token) >= 43
    resolved = await sessions.user_for_session(db=db, token=token)
    assert resolved is not None and resolved.id == user.id
    async with db.session() as session:
        stored = (await session.exec(select(AuthSession))).one()
    assert stored.id != token  # only a digest of the token is stored

    await sessions.end_session(db=db, token=token)
    assert await sessions.user_for_session(db=db, token=token) is None
    assert await sessions.user_for_session(db=db, token='') is None
    assert await sessions.user_for_session(db=db, token='made-up') is None


async def test_sign_out_everywhere_ends_every_session_of_that_user_only(db: Database) -> None:
    ada = await _register(db)
    bob = await _register(db, email='bob@example.com')
    first = await sessions.create_session(db=db, user_id=ada.id)
    second = await sessions.create_session(db=db, user_id=ada.id)
    bobs = await sessions.create_session(db=db, user_id=bob.id)
    await sessions.end_all_sessions(db=db, user_id=ada.id)
    assert await sessions.user_for_session(db=db, token=first) is None
    assert await sessions.user_for_session(db=db, token=second) is None
    assert await sessions.user_for_session(db=db, token=bobs) is not None


async def test_last_seen_is_refreshed_at_most_once_a_minute(db: Database) -> None:
    user = await _register(db)
    token = await sessions.create_session(db=db, user_id=user.id)
    old = utcnow() - timedelta(minutes=5)
    async with db.transaction() as session:
        await session.exec(update(AuthSession).values(last_seen_at=old))
    await sessions.user_for_session(db=db, token=token)
    async with db.session() as session:
        first = (await session.exec(select(AuthSession))).one().last_seen_at
    assert first > old + timedelta(minutes=4)
    await sessions.user_for_session(db=db, token=token)
    async with db.session() as session:
        assert (await session.exec(select(AuthSession))).one().last_seen_at == first


async def test_idle_and_deleted_accounts_lose_their_sessions(db: Database) -> None:
    user = await _register(db)
    idle = await sessions.create_session(db=db, user_id=user.id)
    async with db.transaction() as session:
        await session.exec(update(AuthSession).values(last_seen_at=utcnow() - timedelta(days=15)))
    assert await sessions.user_for_session(db=db, token=idle) is None

    token = await sessions.create_session(db=db, user_id=user.id)
    async with db.transaction() as session:
        await session.exec(update(User).where(User.id == user.id).values(deleted_at=utcnow()))
    assert await sessions.user_for_session(db=db, token=token) is None
    with pytest.raises(AuthError):
        await signin.authenticate(db=db, runtime=RUNTIME, email='ada@example.com', password=PASSWORD, client_ip=None)


async def test_generations_per_day_counts_only_the_owners_last_30_days(db: Database) -> None:
    ada = await _register(db)
    bob = await _register(db, email='bob@example.com')
    now = utcnow()
    async with db.transaction() as session:
        for delta, owner in ((0, ada.id), (0, ada.id), (1, ada.id), (29, ada.id), (30, ada.id), (0, bob.id)):
            session.add(Generation(owner_id=owner, prompt='x', created_at=now - timedelta(days=delta)))
    async with db.session() as session:
        days = await accounts.generations_per_day(session=session, user_id=ada.id, days=30, today=now.date())
    assert len(days) == 30
    assert days[-1] == (now.date(), 2)
    assert days[-2][1] == 1
    assert days[0] == ((now - timedelta(days=29)).date(), 1)
    assert sum(n for _, n in days) == 4


def test_brand_colours_are_validated() -> None:
    assert accounts.validate_brand_colors(['#ff0044', '', None, '#FF0044', ' #00aaBB ']) == ['#FF0044', '#00AABB']
    assert accounts.validate_brand_colors(['#f04']) == ['#FF0044']
    for bad in (['red'], ['#12345'], ['#1234567'], ['#ggg'], ['#000000', '#111111', '#222222', '#333333']):
        with pytest.raises(InvalidRequest):
            accounts.validate_brand_colors(bad)


async def _identity(db: Database, **overrides: object) -> User:
    values: dict = {
        'provider': 'google',
        'subject': 'g-123',
        'email': 'Grace@Example.com',
        'email_verified': True,
        'display_name': 'Grace',
        'signup_credits': 20,
        **overrides,
    }
    return await oauth.sign_in_with_identity(db=db, **values)


async def test_an_identity_creates_then_finds_its_account(db: Database) -> None:
    user = await _identity(db)
    assert (user.email, user.password_hash, user.credits) == ('grace@example.com', None, 20)
    again = await _identity(db, email='changed@example.com')
    assert again.id == user.id
    async with db.session() as session:
        assert len((await session.exec(select(CreditEntry))).all()) == 1


async def test_an_identity_needs_a_verified_email(db: Database) -> None:
    with pytest.raises(AuthError) as info:
        await _identity(db, email_verified=False)
    assert info.value.code == 'auth.oauth_email'
    with pytest.raises(AuthError) as info:
        await _identity(db, email='')
    assert info.value.code == 'auth.oauth_email'


async def test_an_identity_never_takes_over_a_password_account(db: Database) -> None:
    await _register(db, email='grace@example.com')
    with pytest.raises(AuthError) as info:
        await _identity(db)
    assert info.value.code == 'auth.oauth_exists'


def test_provider_answers_count_only_verified_emails() -> None:
    github = oauth.identity_from_github(
        {'id': 42, 'login': 'grace'},
        [{'email': 'old@example.com', 'primary': False, 'verified': True}, {'email': 'g@example.com', 'primary': True}],
    )
    assert (github.subject, github.email, github.email_verified, github.display_name) == ('42', '', False, 'grace')
    claims = oauth.identity_from_claims('oidc', {'sub': 's-1', 'email': 'g@example.com', 'email_verified': 'true'})
    assert (claims.provider, claims.subject, claims.email, claims.email_verified) == (
        'oidc',
        's-1',
        'g@example.com',
        True,
    )
