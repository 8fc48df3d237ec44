"""Follow-up requests that change only the text layer: 'bigger and red', 'متن رو ببر وسط', 'text: Game Over'."""

from __future__ import annotations

import re

from routix.colors import find_colors, parse_color
from routix.edits.edit import OUTLINE_DEFAULT, OUTLINE_STEP, SCALE_STEP, TextEdit
from routix.edits.phrases_data import (
    ALIGN,
    ALIGN_WORDS,
    BACKGROUND,
    BADGE,
    BIGGER,
    EDIT_WORDS,
    FONT,
    FONT_WORDS,
    HEADLINE_TRIGGERS,
    KNOWN_PATTERNS,
    LOWER,
    MOVE_CONTEXT,
    NEW_REQUEST,
    NUDGE,
    OUTLINE,
    REMOVE,
    SHADOW,
    SMALLER,
    SPLIT,
    SUBTITLE_TRIGGERS,
    TEXT_CHANGES,
    THICKER,
    THINNER,
    TOO_BIG,
    TOO_SMALL,
    UPPER,
)
from routix.language import find_quotes, has_form, normalize, words


def parse_edit(message: str) -> TextEdit | None:
    """The text edit a follow-up message asks for, or None when it is a new request instead."""
    edit = TextEdit()
    rest = _take_text_change(message[:_MAX_MESSAGE_CHARS], edit)
    unknown = _parse_styling(rest, edit)
    if unknown is None or edit.is_empty():
        return None
    if unknown >= 3 and unknown > 2 * edit.aspect_count():
        return None  # mostly words we do not know: a new request that happens to name a colour or size
    return edit


_MAX_MESSAGE_CHARS = 2000


def _take_text_change(message: str, edit: TextEdit) -> str:
    """Fill headline/subtitle from quotes or 'change the text to …'; return what is left to parse."""
    quotes = find_quotes(message)
    if quotes:
        triggers = _triggers(message)
        for quote in quotes:
            earlier = [field for start, field in triggers if start < quote.start]
            field = earlier[-1] if earlier else triggers[-1][1] if triggers else None  # «…» رو بنویس: trigger after
            if field and getattr(edit, field) is None:
                setattr(edit, field, quote.text)
            if edit.headline is not None and edit.subtitle is not None:
                break
        kept = [
            message[start:end]
            for start, end in zip(
                [0] + [q.end for q in quotes], [q.start for q in quotes] + [len(message)], strict=True
            )
        ]
        rest = '\n'.join(kept)
        return _without_triggers(rest) if edit.headline is not None or edit.subtitle is not None else rest
    for field, pattern, explicit in TEXT_CHANGES:
        if match := pattern.search(message):
            value, tail = _split_value(match.group('value'))
            if value and (explicit or not _is_styling(value)):
                setattr(edit, field, value)
                return f'{message[: match.start()]}\n{tail}\n{message[match.end() :]}'
    return message


def _triggers(text: str) -> list[tuple[int, str]]:
    """Where 'text'/'headline'/'متن' and 'subtitle'/'زیرعنوان' are mentioned, in reading order."""
    subtitles = [(m.start(), m.end()) for m in SUBTITLE_TRIGGERS.finditer(text)]
    headlines = [
        m.start()
        for m in HEADLINE_TRIGGERS.finditer(text)
        if not any(start <= m.start() < end for start, end in subtitles)  # the 'title' in 'sub-title'
    ]
    return sorted([(start, 'subtitle') for start, _ in subtitles] + [(start, 'headline') for start in headlines])


def _without_triggers(text: str) -> str:
    return SUBTITLE_TRIGGERS.sub(' ', HEADLINE_TRIGGERS.sub(' ', text))


def _split_value(value: str) -> tuple[str, str]:
    """'Epic Win and make it red' → ('Epic Win', 'make it red') when the tail is itself a clean edit."""
    for match in re.finditer(r'\s+(?:and|then|also|و)\s+|[,،]\s*', value):
        tail = value[match.end() :]
        if _is_styling(tail) and not all(parse_color(w.text) for w in words(tail)):  # 'Black and White' stays
            return value[: match.start()].strip(), tail
    return value.strip().removesuffix('.').strip(), ''


def _is_styling(text: str) -> bool:
    """True when ``text`` is nothing but a styling edit ('red', 'make it bigger')."""
    probe = TextEdit()
    return _parse_styling(text, probe) == 0 and not probe.is_empty()


def _parse_styling(text: str, edit: TextEdit) -> int | None:
    """Fill size/colour/outline/shadow/case/align/font; the count of unknown words, None for a non-text edit."""
    norm = normalize(text)
    if BACKGROUND.search(norm) or any(has_form(w, NEW_REQUEST) for w in words(norm)):
        return None  # the picture itself must change, or another thumbnail is wanted: a new generation
    unknown, outline_context = 0, False
    for segment in SPLIT.split(norm):
        if not segment or not segment.strip():
            continue
        outline_context = _parse_segment(segment, edit, outline_context)
        unknown += _count_unknown(segment)
    return unknown


def _parse_segment(segment: str, edit: TextEdit, outline_context: bool) -> bool:
    """Parse one clause into ``edit``; returns whether a following bare colour belongs to the outline."""
    if OUTLINE.search(segment):
        if REMOVE.search(segment):
            edit.outline_width = 0
            return False
        colors = find_colors(segment)
        if colors:
            edit.outline_color = colors[0]
        if THICKER.search(segment):
            edit.outline_step = OUTLINE_STEP
        elif THINNER.search(segment):
            edit.outline_step = -OUTLINE_STEP
        elif not colors:
            edit.outline_width = OUTLINE_DEFAULT  # 'add an outline', 'outline please'
        return True
    if SHADOW.search(segment):
        edit.shadow = not REMOVE.search(segment)
        return False
    if BADGE.search(segment) and REMOVE.search(segment):
        edit.badge = ''  # only taking it off: the badge's words come from the request
        return False
    if match := LOWER.search(segment) or UPPER.search(segment):
        edit.uppercase = match.re is UPPER
        segment = segment.replace(match.group(), ' ')
    if match := FONT.search(segment):
        edit.font_role = FONT_WORDS[match.group('role') or match.group('role2') or match.group('fa')]
        segment = segment.replace(match.group(), ' ')
    _parse_align(segment, edit)
    if TOO_SMALL.search(segment):  # 'too small' asks for bigger
        edit.scale = SCALE_STEP
    elif TOO_BIG.search(segment):
        edit.scale = 1 / SCALE_STEP
    elif BIGGER.search(segment):
        edit.scale = SCALE_STEP
    elif SMALLER.search(segment):
        edit.scale = 1 / SCALE_STEP
    colors = find_colors(segment) or [c for w in words(segment) if (c := parse_color(w.text))][:1]
    if colors:
        if outline_context and not _has_own_target(segment):
            edit.outline_color = colors[0]
            return True
        edit.color = colors[0]
    return False


def _parse_align(segment: str, edit: TextEdit) -> None:
    match = ALIGN.search(segment)
    if not match:
        return
    word = match.group(1) or match.group(2)
    others = [w for w in words(segment.replace(match.group(), ' ')) if w.key not in EDIT_WORDS]
    if word == 'right' and others and not MOVE_CONTEXT.search(segment):
        return  # 'that's right', 'right now': not a direction
    edit.align = ALIGN_WORDS[word]
    edit.nudge = edit.align != 'center' and bool(NUDGE.search(segment))


def _has_own_target(segment: str) -> bool:
    return bool(re.search(r'\b(text|headline|title|font|letters|words)\b|متن|تیتر|نوشته|حروف', segment))


def _count_unknown(segment: str) -> int:
    known = (
        EDIT_WORDS,
        {w.key for w in words(' '.join(m.group() for m in KNOWN_PATTERNS.finditer(segment)))},
    )
    return sum(
        1
        for word in words(segment)
        if not any(form in vocabulary for vocabulary in known for form in word.forms)
        and not parse_color(word.text)
        and not word.key.isdigit()
    )
