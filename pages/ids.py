"""Row ids from URLs (``/?c=``, ``/history?g=``, ``/download/<id>.png``): plain ASCII digits in the database's range.

Anything else (too big for a 64-bit column, zero, negative, ``1e3``, ``0x10``, other scripts' digits that Python's
``int`` would accept) is no id: the route answers 404 or the page opens without that selection.
"""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1  # the largest BIGINT (SQLite INTEGER); bigger values overflow the database driver
_DIGITS = re.compile(r'[0-9]{1,19}')


def parse_id(value: object) -> int | None:
    """The id ``value`` names, or None when no row can have it."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None
