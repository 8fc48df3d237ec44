"""The basic renderer's public face: background → compose → finalise, or ``render_thumbnail`` in one call.

Everything else in this package is private (``_background``, ``_text``, ``_fit``, ``_accents``, ``_color``,
``_png``) except ``fonts``, which the CLI reports on.
"""

from PIL import Image

from routix.render._adjust import adjust_background
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
    'adjust_background',
    'compose',
    'encode_png',
    'finalise',
    'find_faces',
    'fit_background',
    'paint_background',
    'render_thumbnail',
]


def find_faces(image: Image.Image, *, profiles: bool = True) -> list[tuple[int, int, int, int]]:
    """Faces in ``image`` as (x0, y0, x1, y1), the largest first (OpenCV is imported on first use: ~0.2 s).

    Without ``profiles`` only frontal faces are looked for: a third of the cost when there is none.
    """
    from routix.render._faces import find_faces as detect

    return detect(image, profiles=profiles)
