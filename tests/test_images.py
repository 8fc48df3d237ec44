"""Uploads: only real, still JPEG/PNG/WebP within limits get through, re-encoded without metadata."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from PIL import Image

from routix.core.errors import InvalidUpload
from routix.images import sanitize_image


def _encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def _photo(size: tuple[int, int] = (64, 48)) -> Image.Image:
    return Image.linear_gradient('L').resize(size).convert('RGB')


def _exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = 'SpyCam'  # Make
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)  # GPSLatitude
    exif.get_ifd(0x8825)[1] = 'N'  # GPSLatitudeRef
    return exif


@pytest.mark.parametrize(('fmt', 'mime'), [('PNG', 'image/png'), ('JPEG', 'image/jpeg'), ('WEBP', 'image/webp')])
def test_good_images_are_accepted_and_reencoded_as_png(fmt: str, mime: str) -> None:
    result = sanitize_image(_encode(_photo(), fmt))
    assert (result.width, result.height, result.mime) == (64, 48, mime)
    assert result.sha256 == hashlib.sha256(result.png).hexdigest()
    with Image.open(io.BytesIO(result.png)) as out:
        assert out.format == 'PNG'
        assert out.size == (64, 48)


def test_exif_gps_icc_and_comment_are_stripped() -> None:
    upload = _encode(
        _photo(), 'JPEG', exif=_exif_with_gps(), comment=b'secret note', icc_profile=b'\x00' * 128, quality=90
    )
    with Image.open(io.BytesIO(upload)) as original:  # the fixture really carries all of it
        assert original.getexif().get_ifd(0x8825)
        assert original.info.get('comment') == b'secret note'
    result = sanitize_image(upload)
    with Image.open(io.BytesIO(result.png)) as out:
        assert not out.getexif()
        assert not {'exif', 'comment', 'icc_profile', 'dpi'} & set(out.info)
    assert b'secret note' not in result.png
    assert b'SpyCam' not in result.png
    assert b'Exif' not in result.png


def test_exif_orientation_is_applied_before_the_tag_is_dropped() -> None:
    result = sanitize_image(_encode(_photo((40, 20)), 'JPEG', exif=_exif_with_gps(orientation=6)))
    assert (result.width, result.height) == (20, 40)


def test_png_alpha_is_kept() -> None:
    image = Image.new('RGBA', (32, 32), (255, 0, 0, 0))
    image.paste((0, 255, 0, 255), (8, 8, 24, 24))
    result = sanitize_image(_encode(image, 'PNG'))
    with Image.open(io.BytesIO(result.png)) as out:
        assert out.mode == 'RGBA'
        assert out.getpixel((0, 0))[3] == 0
        assert out.getpixel((16, 16)) == (0, 255, 0, 255)


def test_large_photos_are_downscaled_to_2048_on_the_long_side() -> None:
    result = sanitize_image(_encode(_photo((4096, 1024)), 'JPEG'))
    assert (result.width, result.height) == (2048, 512)


@pytest.mark.parametrize('fmt', ['GIF', 'BMP', 'TIFF'])
def test_other_image_formats_are_refused_by_name(fmt: str) -> None:
    with pytest.raises(InvalidUpload, match=re.escape('Only JPEG, PNG and WebP images are supported.')):
        sanitize_image(_encode(_photo(), fmt))


@pytest.mark.parametrize(
    'data', [b'hello, this is text not an image', b'', b'<svg xmlns="http://www.w3.org/2000/svg"/>']
)
def test_non_images_are_refused(data: bytes) -> None:
    with pytest.raises(InvalidUpload, match=re.escape('The file is damaged or not an image.')):
        sanitize_image(data)


def test_oversized_bytes_are_refused_before_decoding() -> None:
    with pytest.raises(InvalidUpload, match=re.escape('The image is larger than 10 MB.')):
        sanitize_image(b'\x89PNG' + b'\x00' * (10 * 1024 * 1024))
    with pytest.raises(InvalidUpload, match='larger than 1 MB'):
        sanitize_image(_encode(_photo((2000, 2000)), 'PNG', compress_level=0), max_bytes=1024 * 1024)


def test_decompression_bomb_is_refused() -> None:
    bomb = _encode(Image.new('1', (30000, 30000)), 'PNG')  # 900 megapixels in a few hundred kB
    assert len(bomb) < 10 * 1024 * 1024
    with pytest.raises(InvalidUpload, match=r'The image is too large \(900 megapixels\)\.'):
        sanitize_image(bomb)


def test_pixel_and_side_limits_are_enforced() -> None:
    big = _encode(Image.new('L', (7000, 7000)), 'PNG')  # 49 MP: under Pillow's own limit, over ours
    with pytest.raises(InvalidUpload, match=r'too large \(49 megapixels\)'):
        sanitize_image(big)
    with pytest.raises(InvalidUpload, match='too large'):
        sanitize_image(_encode(Image.new('L', (13000, 10)), 'PNG'))


@pytest.mark.parametrize('fmt', ['WEBP', 'PNG'])
def test_animated_images_are_refused(fmt: str) -> None:
    frames = [Image.new('RGB', (32, 32), color) for color in ('red', 'green', 'blue')]
    data = _encode(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)
    with Image.open(io.BytesIO(data)) as check:
        assert check.n_frames == 3
    with pytest.raises(InvalidUpload, match=re.escape('Animated images are not supported.')):
        sanitize_image(data)


@pytest.mark.parametrize('fmt', ['JPEG', 'PNG', 'WEBP'])
def test_truncated_files_are_refused(fmt: str) -> None:
    data = _encode(_photo((256, 256)), fmt)
    with pytest.raises(InvalidUpload, match=re.escape('The file is damaged or not an image.')):
        sanitize_image(data[: len(data) // 2])


def test_error_messages_are_safe_to_show() -> None:
    with pytest.raises(InvalidUpload) as caught:
        sanitize_image(b'not an image')
    assert caught.value.user_message == 'The file is damaged or not an image.'
