"""``routix check IMAGE [--title TEXT] [--json]``: the explained thumbnail check on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 50 * 1024 * 1024  # the check reports sizes above YouTube's limits; it refuses only absurd files


def register(sub: Any) -> None:
    """Add the ``check`` command to the ``routix`` parser's subcommands."""
    check = sub.add_parser('check', help='check a thumbnail for the YouTube feed and explain every part')
    check.add_argument('image', type=Path)
    check.add_argument('--title', default='', help='the video title (the thumbnail should not repeat it)')
    check.add_argument('--json', action='store_true', help='print one JSON object')
    check.add_argument('--lang', choices=('en', 'fa'), default='en', help='language of the messages')
    check.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the file; exit 0 with the report (pass or fail), 2 when the file cannot be read as an image."""
    from routix.check import check_image
    from routix.core.errors import InvalidRequest, InvalidUpload

    path: Path = args.image
    if not path.is_file():
        raise InvalidRequest('cli.no_such_file', path=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidUpload('upload.too_many_bytes', mb=MAX_FILE_BYTES / (1024 * 1024))
    report = check_image(path.read_bytes(), title=args.title)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(args.lang), ensure_ascii=False) + '\n')
    else:
        sys.stdout.write(report.text(args.lang) + '\n')
    return 0
