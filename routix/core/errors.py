"""The one error tree of Routix.

Every error carries ``user_message``: text that is safe to show a creator (no traceback, no key, no path).

    RoutixError
    ├── ProviderError            an image or text provider failed
    │   ├── RateLimited          the provider said 429 / quota, after our retries
    │   ├── Refused              content policy or safety block; never retried
    │   ├── ProviderTimeout      no answer in time
    │   └── ProviderUnavailable  outage, 5xx, malformed answer, not configured
    ├── StorageError             an image could not be stored or read
    ├── QuotaExceeded            not enough credits for the tier
    ├── InvalidUpload            a reference image is malformed, too big or not an image
    ├── InvalidRequest           a prompt, template or edit the pipeline cannot accept
    ├── NotFound                 no such object for this owner
    └── AuthError                wrong credentials, taken email, weak password, throttled
"""

from __future__ import annotations


class RoutixError(Exception):
    """Base of every Routix error; ``user_message`` is safe to show."""

    default_message = 'Something went wrong.'

    def __init__(self, user_message: str | None = None) -> None:
        self.user_message = user_message or self.default_message
        super().__init__(self.user_message)


class ProviderError(RoutixError):
    """An external provider failed."""

    default_message = 'The image provider failed.'


class RateLimited(ProviderError):
    """The provider is rate limiting us."""

    default_message = 'The image provider is busy right now. Please try again in a minute.'


class Refused(ProviderError):
    """The provider refused the request (content policy, safety filter)."""

    default_message = 'The provider refused this request under its content policy. Try rewording the prompt.'


class ProviderTimeout(ProviderError):
    """The provider did not answer in time."""

    default_message = 'The image provider did not answer in time.'


class ProviderUnavailable(ProviderError):
    """The provider is down, misconfigured or answered nonsense."""

    default_message = 'The image provider is unavailable right now.'


class StorageError(RoutixError):
    """Storing or reading an image failed."""

    default_message = 'The image could not be stored.'


class QuotaExceeded(RoutixError):
    """Not enough credits."""

    default_message = 'Not enough credits for this tier.'


class InvalidUpload(RoutixError):
    """An uploaded image was rejected."""

    default_message = 'That file is not a usable image.'


class InvalidRequest(RoutixError):
    """A prompt, template or edit cannot be accepted."""

    default_message = 'That request cannot be processed.'


class NotFound(RoutixError):
    """The object does not exist for this owner."""

    default_message = 'Not found.'


class AuthError(RoutixError):
    """Sign-in or sign-up failed."""

    default_message = 'Email or password is not correct.'
