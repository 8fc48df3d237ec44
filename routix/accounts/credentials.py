"""What an account may be created with: a valid email address and a display name, and the error every accounts
step raises (``AuthFailure``, whose ``code`` the web layer turns into a translated message)."""

from __future__ import annotations

import re

from routix.core.errors import AuthError

MAX_EMAIL = 320
MAX_DISPLAY_NAME = 120
MSG_EMAIL = 'That email address is not valid.'

_EMAIL = re.compile(
    r'^[^@\s<>()\[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
    r'(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$'
)


class AuthFailure(AuthError):
    """An AuthError with a stable ``code`` the web layer maps to a translated message (and ``minutes`` to wait)."""

    def __init__(self, code: str, user_message: str, *, minutes: int = 0) -> None:
        super().__init__(user_message)
        self.code = code
        self.minutes = minutes


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased."""
    return email.strip().lower()


def validate_email(email: str) -> str:
    """The normalised address, or AuthFailure('email')."""
    address = normalise_email(email)
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise AuthFailure('email', MSG_EMAIL)
    return address


def display_name_for(display_name: str, address: str) -> str:
    """The name to store: whitespace collapsed, else the local part of the (valid) address; at most 120 characters."""
    return ' '.join(display_name.split())[:MAX_DISPLAY_NAME] or address.split('@', 1)[0][:MAX_DISPLAY_NAME]
