"""Every user-safe sentence the domain can produce reads in Persian too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from routix.core import errors
from routix.i18n import localize
from routix.i18n.messages import FIXED, PATTERNS

ROOT = Path(__file__).resolve().parent.parent


def _domain_messages() -> set[str]:
    """The literal messages routix raises to creators (f-strings with their placeholders filled by examples)."""
    found: set[str] = set()
    for path in (ROOT / 'routix').rglob('*.py'):
        if path.parent.name in {'migrations', 'i18n'} or path.name in {'cli.py', 'templates.py', 'auth.py'}:
            continue  # the CLI speaks English; template checks are for developers; auth has its own table
        source = path.read_text()
        for match in re.finditer(
            r'(?:InvalidRequest|InvalidUpload|NotFound|QuotaExceeded|StorageError|'
            r"ProviderError|ProviderUnavailable|Refused)\(f?'([^']+)'",
            source,
        ):
            text = match.group(1)
            if text != 'Invalid image key.':  # never reaches a page: keys are ours
                found.add(re.sub(r'\{[^}]*\}', '7', text))
    return found


@pytest.mark.parametrize('message', sorted(_domain_messages()))
def test_domain_messages_have_persian(message: str) -> None:
    persian = localize(message, 'fa')
    assert persian != message, f'no Persian for: {message}'
    assert re.search('[\u0600-\u06ff]', persian)


@pytest.mark.parametrize(
    'error',
    [
        errors.RateLimited(),
        errors.Refused(),
        errors.ProviderTimeout(),
        errors.ProviderUnavailable(),
        errors.QuotaExceeded(),
        errors.InvalidUpload(),
    ],
)
def test_default_error_messages_have_persian(error: errors.RoutixError) -> None:
    assert not re.search('[A-Za-z]{3,}', localize(error.user_message, 'fa'))


def test_compound_messages_are_translated_sentence_by_sentence() -> None:
    stored = 'Interrupted by a server restart. Your 3 credits were refunded.'
    assert localize(stored, 'fa') == 'به‌خاطر راه‌اندازی دوباره‌ی سرور متوقف شد. 3 اعتبار شما برگردانده شد.'
    notice = (
        'The image provider is busy right now. Please try again in a minute. Finished with the basic renderer '
        'instead; your credits were refunded.'
    )
    assert not re.search('[A-Za-z]{3,}', localize(notice, 'fa'))


def test_english_and_unknown_sentences_stay_as_they_are() -> None:
    assert localize('This needs 8 credits and you have 5.', 'en') == 'This needs 8 credits and you have 5.'
    assert localize('Stability said: try again.', 'fa') == 'Stability said: try again.'
    assert localize(None, 'fa') == ''
    assert len(FIXED) > 30 and len(PATTERNS) > 10
