"""A fast PNG writer for the RGB master: every row 'Up'-filtered with Pillow ops, then zlib level 1.

Pillow's PNG encoder tries several filters per row in C; on a 1280×720 thumbnail that costs ~25 ms of the
~27 ms it takes at ``compress_level=1``. The 'Up' filter (row minus the row above, modulo 256) is one
``ImageChops.subtract_modulo`` here, and on flat or smooth thumbnail art it compresses as well: the file ends
up about as small in about half the time. Any other mode goes through Pillow.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageChops

_SIGNATURE = b'\x89PNG\r\n\x1a\n'
_UP = b'\x02'


def encode_png(image: Image.Image) -> bytes:
    """``image`` as PNG bytes without metadata (compression level 1)."""
    if image.mode != 'RGB':
        out = io.BytesIO()
        image.save(out, format='PNG', compress_level=1)
        return out.getvalue()
    width, height = image.size
    above = ImageChops.offset(image, 0, 1)  # row y of ``above`` is row y-1 of the image; row 0 must be zeros
    above.paste((0, 0, 0), (0, 0, width, 1))
    filtered = memoryview(ImageChops.subtract_modulo(image, above).tobytes())
    stride = width * 3
    raw = _UP + _UP.join(filtered[row : row + stride] for row in range(0, len(filtered), stride))
    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)  # 8-bit truecolour, no interlace
    return _SIGNATURE + _chunk(b'IHDR', header) + _chunk(b'IDAT', zlib.compress(raw, 1)) + _chunk(b'IEND', b'')


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data))
