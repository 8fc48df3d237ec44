"""The basic renderer's public face: background → compose → finalise, or ``render_thumbnail`` in one call.

Everything else in this package is private (``_background``, ``_text``, ``_fit``, ``_accents``, ``_color``,
``_png``) except ``fonts``, which the CLI reports on.
"""

from routix.render._png import encode_png
from routix.render._thumbnail import (
    Composed,
    Finished,
    Rendered,
    compose,
    finalise,
    fit_background,
    paint_background,
    render_thumbnail,
)

__all__ = [
    'Composed',
    'Finished',
    'Rendered',
    'compose',
    'encode_png',
    'finalise',
    'fit_background',
    'paint_background',
    'render_thumbnail',
]
