"""Safe decode of uploaded reference images: strict limits, one decode, a clean PNG out.

The output is always a PNG (lossless, so the reference loses nothing before the final JPEG) with no EXIF,
GPS, ICC profile, text chunks or comments; pixels only. Colour profiles are dropped, not converted: a
wide-gamut photo shifts slightly towards sRGB. Run it off the event loop (``run.cpu_bound``).
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from routix.core.errors import InvalidUpload
from routix.render import encode_png

FORMATS = ('JPEG', 'PNG', 'WEBP')
MAX_LONG_SIDE = 2048
# Magic numbers of image formats we refuse by name rather than calling them "not an image".
_OTHER_IMAGE_MAGIC = (
    b'GIF87a',
    b'GIF89a',
    b'BM',
    b'II*\x00',
    b'MM\x00*',
    b'\x00\x00\x01\x00',
    b'8BPS',
    b'\x00\x00\x00\x0cjP',
)
_OTHER_FTYP = (b'heic', b'heix', b'mif1', b'avif', b'avis')


@dataclass(kw_only=True, slots=True)
class SanitizedImage:
    """A re-encoded upload: PNG bytes without metadata, its size, the original's MIME type and the PNG's hash."""

    png: bytes
    width: int
    height: int
    mime: str  # of the original upload: image/jpeg | image/png | image/webp
    sha256: str  # hex digest of ``png``


def sanitize_image(
    data: bytes, *, max_bytes: int = 10 * 1024 * 1024, max_pixels: int = 40_000_000, max_side: int = 12_000
) -> SanitizedImage:
    """Validate and re-encode an uploaded image; raises InvalidUpload with a message fit for the creator."""
    if len(data) > max_bytes:
        raise InvalidUpload('upload.too_many_bytes', mb=max_bytes / (1024 * 1024))
    with warnings.catch_warnings():
        warnings.simplefilter('error', Image.DecompressionBombWarning)
        try:
            image, fmt = _decode(data, max_pixels=max_pixels, max_side=max_side)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _too_large(exc) from exc
    if max(image.size) > MAX_LONG_SIDE:
        image.thumbnail((MAX_LONG_SIDE, MAX_LONG_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    clean = Image.frombytes(image.mode, image.size, image.tobytes())  # pixels only: no info, EXIF or ICC
    png = encode_png(clean)
    return SanitizedImage(
        png=png,
        width=clean.width,
        height=clean.height,
        mime=Image.MIME[fmt],
        sha256=hashlib.sha256(png).hexdigest(),
    )


def _decode(data: bytes, *, max_pixels: int, max_side: int) -> tuple[Image.Image, str]:
    """Open (allow-listed formats only), check limits and animation, verify, decode; RGB or RGBA and the format."""
    try:
        probe = Image.open(io.BytesIO(data), formats=FORMATS)
    except UnidentifiedImageError as exc:
        raise InvalidUpload('upload.unsupported' if _is_other_image(data) else 'upload.damaged') from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise InvalidUpload('upload.damaged') from exc
    with probe:
        fmt = probe.format or ''
        width, height = probe.size
        if width * height > max_pixels:
            raise InvalidUpload('upload.too_many_megapixels', megapixels=width * height / 1_000_000)
        if width > max_side or height > max_side:
            raise InvalidUpload('upload.too_many_pixels', width=width, height=height)
        if getattr(probe, 'is_animated', False) or getattr(probe, 'n_frames', 1) > 1:
            raise InvalidUpload('upload.animated')
        try:
            probe.verify()
        except Exception as exc:  # verify() raises whatever the plugin's parser hits on a broken file
            raise InvalidUpload('upload.damaged') from exc
    try:
        image: Image.Image = Image.open(io.BytesIO(data), formats=[fmt])
        if fmt == 'JPEG' and max(image.size) > MAX_LONG_SIDE:  # decode at a reduced DCT scale: far less work
            scale = MAX_LONG_SIDE / max(image.size)
            image.draft('RGB', (round(image.width * scale), round(image.height * scale)))
        image.load()
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise InvalidUpload('upload.damaged') from exc
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a broken orientation tag must not reject a good picture
        pass
    try:
        return image.convert('RGBA' if _has_alpha(image) else 'RGB'), fmt
    except (OSError, ValueError) as exc:
        raise InvalidUpload('upload.damaged') from exc


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in {'RGBA', 'LA', 'PA', 'RGBa', 'La'} or (image.mode == 'P' and 'transparency' in image.info)


def _is_other_image(data: bytes) -> bool:
    head = data[:16]
    return head.startswith(_OTHER_IMAGE_MAGIC) or (head[4:8] == b'ftyp' and head[8:12] in _OTHER_FTYP)


def _too_large(exc: Exception) -> InvalidUpload:
    match = re.search(r'\((\d+) pixels\)', str(exc))  # Pillow's own decompression-bomb message
    if match:
        return InvalidUpload('upload.too_many_megapixels', megapixels=int(match.group(1)) / 1_000_000)
    return InvalidUpload('upload.too_large')
