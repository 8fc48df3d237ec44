"""Print the median cost of finding the focus of a photo (faces, else the salient region) and of framing it.

Usage: .venv/bin/python bench/faces.py [repeats]. Photos are scikit-image's astronaut (a face) and coffee (none),
placed on a 1280×720 and a 4000×3000 (12 MP) canvas.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image
from skimage import data

from routix.render._accents import cover, cover_focused
from routix.render._faces import find_focus


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()  # the first call loads the cascades
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def scene(size: tuple[int, int], photo: Image.Image) -> Image.Image:
    canvas = Image.new('RGB', size, (90, 100, 110))
    side = size[1] * 4 // 5
    canvas.paste(photo.resize((side * photo.width // photo.height, side)), (size[0] // 10, size[1] // 10))
    return canvas


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    photos = {'face': Image.fromarray(data.astronaut()), 'no face': Image.fromarray(data.coffee())}
    for size in ((1280, 720), (4000, 3000)):
        for name, photo in photos.items():
            image = scene(size, photo)
            focus = find_focus(image)
            print(
                f'{size[0]}x{size[1]} {name:8} find_focus {median_ms(lambda i=image: find_focus(i), repeats):6.1f} ms'
                f'  cover_focused(430x540) {median_ms(lambda i=image: cover_focused(i, (430, 540)), repeats):6.1f} ms'
                f'  cover {median_ms(lambda i=image: cover(i, (430, 540)), repeats):6.1f} ms  ({focus.kind})'
            )


if __name__ == '__main__':
    main()
