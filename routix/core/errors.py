"""The one error tree of Routix.

    RoutixError                  code 'unexpected'
    ├── ProviderError            'provider.failed'        an image or text provider failed
    │   ├── RateLimited          'provider.busy'          the provider said 429 / quota, after our retries
    │   ├── Refused              'provider.refused'       content policy or safety block; never retried
    │   ├── ProviderTimeout      'provider.timeout'       no answer in time
    │   └── ProviderUnavailable  'provider.unavailable'   outage, 5xx, malformed answer, not configured
    ├── StorageError             'storage.not_stored'     an image could not be stored or read
    ├── QuotaExceeded            'quota.not_enough'       not enough credits for the tier
    ├── InvalidUpload            'upload.unusable'        a reference image is malformed, too big or not an image
    ├── InvalidRequest           'request.invalid'        a prompt, template or edit the pipeline cannot accept
    ├── NotFound                 'not_found'              no such object for this owner
    └── AuthError                'auth.credentials'       wrong credentials, taken email, weak password, throttled

An error carries a stable ``code`` and its ``params``, never a sentence::

    raise NotFound('generation.not_found')
    raise QuotaExceeded('quota.needs', need=8, have=5)
    raise Refused()                                   # the class's own code

The codes are the keys of ``routix/i18n/errors.py`` (``error.<code>``, English and Persian; ``CODES``). A code
is not tied to a class: ``InvalidUpload('upload.too_many_bytes', mb=10)`` and ``ProviderError('provider.busy')``
are both fine; the class says how callers react (retry, refund, status), the code says what the creator reads.
Params must be JSON values (str, int, float) so a failure can be stored and translated later.

- ``error.message(lang)``: the text for a creator in ``lang`` (what pages show);
- ``error.user_message`` / ``str(error)``: the English text (logs, the command line, tests).

A failed generation stores its error's ``code`` and ``params`` (``Generation.error_code``, ``error_params``), so a
page translates it whenever it is shown. tests/test_messages.py checks that every call in ``routix/`` that builds
an error passes a known code with that code's params.
"""

from __future__ import annotations

from typing import Any

from routix.i18n import t
from routix.i18n.errors import CODES

__all__ = [
    'CODES',
    'AuthError',
    'InvalidRequest',
    'InvalidUpload',
    'NotFound',
    'ProviderError',
    'ProviderTimeout',
    'ProviderUnavailable',
    'QuotaExceeded',
    'RateLimited',
    'Refused',
    'RoutixError',
    'StorageError',
]


class RoutixError(Exception):
    """Base of every Routix error: a ``code`` with ``params``; ``message(lang)`` and ``user_message`` are safe."""

    code: str = 'unexpected'

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.code = code or type(self).code
        self.params: dict[str, Any] = params
        self.user_message: str = t(f'error.{self.code}', 'en', **params)
        super().__init__(self.user_message)

    def message(self, lang: str) -> str:
        """The text for a creator in ``lang``."""
        return t(f'error.{self.code}', lang, **self.params)

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt without calling __init__ (subclasses have other signatures), then __dict__ restores code and params
        return _rebuild, (type(self), self.args), self.__dict__


def _rebuild(cls: type[RoutixError], args: tuple[Any, ...]) -> RoutixError:
    error = cls.__new__(cls)
    error.args = args
    return error


class ProviderError(RoutixError):
    """An external provider failed."""

    code = 'provider.failed'


class RateLimited(ProviderError):
    """The provider is rate limiting us."""

    code = 'provider.busy'


class Refused(ProviderError):
    """The provider refused the request (content policy, safety filter)."""

    code = 'provider.refused'


class ProviderTimeout(ProviderError):
    """The provider did not answer in time."""

    code = 'provider.timeout'


class ProviderUnavailable(ProviderError):
    """The provider is down, misconfigured or answered nonsense."""

    code = 'provider.unavailable'


class StorageError(RoutixError):
    """Storing or reading an image failed."""

    code = 'storage.not_stored'


class QuotaExceeded(RoutixError):
    """Not enough credits."""

    code = 'quota.not_enough'


class InvalidUpload(RoutixError):
    """An uploaded image was rejected."""

    code = 'upload.unusable'


class InvalidRequest(RoutixError):
    """A prompt, template or edit cannot be accepted."""

    code = 'request.invalid'


class NotFound(RoutixError):
    """The object does not exist for this owner."""

    code = 'not_found'


class AuthError(RoutixError):
    """Sign-in or sign-up failed."""

    code = 'auth.credentials'
