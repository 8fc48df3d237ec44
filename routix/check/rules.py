"""The seven rules of the thumbnail check, each a pure function of what was measured → ``CheckPart``.

Thresholds are for YouTube's feed: the sidebar shows a thumbnail at 168×94 (a seventh of 1280×720), the phone feed at
about 360 px wide, and the duration stamp covers the bottom-right corner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from routix.check.report import CheckPart

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 on the 1280×720 canvas
WIDTH, HEIGHT = 1280, 720
SIDEBAR = 168 / WIDTH
MOBILE_MAX_BYTES = 2 * 1024 * 1024  # YouTube's limit for an upload from the phone app (desktop takes larger files)
MIN_CAP_AT_SIDEBAR = 5.0  # px of cap height at 168×94: below it a headline turns into a smudge
MIN_TEXT_CONTRAST = 3.0  # WCAG's ratio for large text
MIN_TONAL_RANGE = 35.0  # L* between the darkest and lightest 5 % at feed size
STAMP_ZONE: Box = (round(WIDTH * 0.8), round(HEIGHT * 0.83), WIDTH, HEIGHT)  # where the duration stamp sits
MIN_FACE_HEIGHT = 0.12  # of the frame's height: a smaller face is a dot in the sidebar
MIN_SUBJECT_SHARE = 0.06  # of the frame's area
LEAD = 1.5  # the subject is this many times larger than the next thing, or two things compete
MAX_ELEMENTS = 6
TEXT_KINDS = ('headline', 'subtitle', 'badge')


@dataclass(kw_only=True, slots=True)
class Text:
    """A piece of text on the thumbnail: where, how tall its capitals are, how it contrasts, and what it says."""

    box: Box
    cap_px: float
    contrast: float
    words: str = ''


def spec(*, width: int, height: int, fmt: str, size: int) -> CheckPart:
    """1280×720 (or ≥ 640 wide at 16:9), JPEG or PNG, ≤ 2 MB for the phone app."""
    value = {'width': width, 'height': height, 'format': fmt, 'bytes': size}
    mb = round(size / (1024 * 1024), 2)
    if fmt not in ('JPEG', 'PNG'):
        return CheckPart(ok=False, value=value, code='spec.format', params={'format': fmt or '?'})
    if width < 640:
        return CheckPart(ok=False, value=value, code='spec.small', params={'width': width, 'height': height})
    if abs(width / height - 16 / 9) > 0.02:
        return CheckPart(ok=False, value=value, code='spec.ratio', params={'width': width, 'height': height})
    if size > MOBILE_MAX_BYTES:
        return CheckPart(ok=False, value=value, code='spec.bytes', params={'mb': mb})
    return CheckPart(
        ok=True, value=value, code='spec.ok', params={'width': width, 'height': height, 'format': fmt, 'mb': mb}
    )


def legibility(texts: Sequence[Text], *, source: str) -> CheckPart:
    """The largest text must keep ≥ 5 px capitals at 168×94 and ≥ 3:1 contrast."""
    if not texts:
        return CheckPart(ok=True, value=None, code='legibility.no_text')
    head = max(texts, key=lambda text: text.cap_px)
    px, contrast = round(head.cap_px * SIDEBAR, 1), round(head.contrast, 1)
    value = {'cap_px_at_168': px, 'contrast': contrast, 'source': source}
    if px < MIN_CAP_AT_SIDEBAR:
        return CheckPart(ok=False, value=value, code='legibility.small', params={'px': px, 'min': MIN_CAP_AT_SIDEBAR})
    if contrast < MIN_TEXT_CONTRAST:
        return CheckPart(
            ok=False, value=value, code='legibility.faint', params={'contrast': contrast, 'min': MIN_TEXT_CONTRAST}
        )
    return CheckPart(ok=True, value=value, code='legibility.ok', params={'px': px, 'contrast': contrast})


def contrast(tonal_range: float) -> CheckPart:
    """Darks and lights far enough apart that shapes separate at feed size."""
    value = round(tonal_range, 1)
    if value < MIN_TONAL_RANGE:
        return CheckPart(ok=False, value=value, code='contrast.flat', params={'range': value, 'min': MIN_TONAL_RANGE})
    return CheckPart(ok=True, value=value, code='contrast.ok', params={'range': value})


def timestamp_zone(texts: Sequence[Text], faces: Sequence[Box]) -> CheckPart:
    """No text and no face under the duration stamp in the bottom-right corner."""
    covered_text = [text.box for text in texts if _under_stamp(text.box)]
    covered_faces = [face for face in faces if _under_stamp(face)]
    value = {'zone': list(STAMP_ZONE), 'text': len(covered_text), 'faces': len(covered_faces)}
    if covered_faces:
        return CheckPart(ok=False, value=value, code='timestamp_zone.face')
    if covered_text:
        return CheckPart(ok=False, value=value, code='timestamp_zone.text')
    return CheckPart(ok=True, value=value, code='timestamp_zone.ok')


def focus(*, faces: Sequence[Box], subjects: Sequence[Box], text_is_subject: bool = False) -> CheckPart:
    """One clear subject: a face tall enough to read, else the largest thing, big and ahead of the next one."""
    if faces:
        face = faces[0]
        share = round((face[3] - face[1]) / HEIGHT, 3)
        value = {'kind': 'face', 'box': list(face), 'height_share': share}
        if share < MIN_FACE_HEIGHT:
            return CheckPart(
                ok=False, value=value, code='focus.face_small', params={'pct': round(share * 100), 'min': 12}
            )
        return _placed(CheckPart(ok=True, value=value, code='focus.face', params={'pct': round(share * 100)}), face)
    if not subjects:
        if text_is_subject:
            return CheckPart(ok=True, value={'kind': 'text'}, code='focus.text')
        return CheckPart(ok=False, value=None, code='focus.none')
    areas = sorted((_area(box) for box in subjects), reverse=True)
    main = max(subjects, key=_area)
    share = round(areas[0] / (WIDTH * HEIGHT), 3)
    value = {'kind': 'subject', 'box': list(main), 'area_share': share}
    if share < MIN_SUBJECT_SHARE:
        return CheckPart(ok=False, value=value, code='focus.small', params={'pct': round(share * 100), 'min': 6})
    if len(areas) > 1 and areas[0] < LEAD * areas[1]:
        return CheckPart(ok=False, value=value, code='focus.competing')
    return _placed(CheckPart(ok=True, value=value, code='focus.ok', params={'pct': round(share * 100)}), main)


def clutter(count: int) -> CheckPart:
    """At most six separate elements: more turns into noise at 168×94."""
    if count > MAX_ELEMENTS:
        return CheckPart(ok=False, value=count, code='clutter.busy', params={'n': count, 'max': MAX_ELEMENTS})
    return CheckPart(ok=True, value=count, code='clutter.ok', params={'n': count})


def title_overlap(thumbnail_words: str | None, title: str) -> CheckPart:
    """The thumbnail's text complements the title instead of repeating it word for word."""
    if not title.strip():
        return CheckPart(ok=True, value=None, code='title_overlap.no_title')
    if thumbnail_words is None:
        return CheckPart(ok=True, value=None, code='title_overlap.unread')
    words, titled = _words(thumbnail_words), _words(title)
    if not words:
        return CheckPart(ok=True, value=0.0, code='title_overlap.ok')
    shared = [word for word in words if word in set(titled)]
    share = round(len(shared) / len(words), 2)
    if (len(shared) >= 2 and share >= 0.8) or words == titled:
        return CheckPart(ok=False, value=share, code='title_overlap.repeats', params={'words': ' '.join(shared)})
    return CheckPart(ok=True, value=share, code='title_overlap.ok')


def _placed(part: CheckPart, box: Box) -> CheckPart:
    """A subject whose centre sits under the duration stamp fails however large it is."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    if cx >= STAMP_ZONE[0] and cy >= STAMP_ZONE[1]:
        return CheckPart(ok=False, value=part.value, code='focus.corner')
    return part


def _under_stamp(box: Box) -> bool:
    """Covered when the stamp hides a tenth of the zone or a third of the thing."""
    x0, y0, x1, y1 = STAMP_ZONE
    overlap = max(0, min(box[2], x1) - max(box[0], x0)) * max(0, min(box[3], y1) - max(box[1], y0))
    return overlap > 0 and (overlap >= 0.1 * _area(STAMP_ZONE) or overlap >= _area(box) / 3)


def _area(box: Box) -> int:
    return max(0, box[2] - box[0]) * max(0, box[3] - box[1])


_ARABIC_TO_PERSIAN = str.maketrans({'ي': 'ی', 'ك': 'ک', 'ى': 'ی', '\u200c': ' '})


def _words(text: str) -> list[str]:
    return re.findall(r'\w+', text.translate(_ARABIC_TO_PERSIAN).casefold())
