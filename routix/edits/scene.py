"""Follow-up requests that change the picture rather than the words: background, accents, subject, layout, badge.

``parse_scene`` takes the clauses it understands out of a message and returns what is left for the text-layer parser
(``parse_edit``): 'make the background darker and the text red' → background darker here, 'the text red' there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from routix.analysis.subjects import find_subject
from routix.colors import find_colors
from routix.edits import scene_data as d
from routix.language import find_quotes, normalize


@dataclass(kw_only=True, slots=True)
class SceneEdit:
    """What a follow-up asks of the picture; None leaves that part alone."""

    background: str | None = None  # 'darker' | 'lighter' | 'blur' | 'sharp' | a '#rrggbb' colour
    accent_color: str | None = None
    contrast: int | None = None  # +1 more, -1 less
    saturation: int | None = None
    swap: bool | None = None  # subject and text change sides
    template: str | None = None  # a template's slug, or 'another'
    subject: str | None = None  # a subject name, '' for none
    subject_move: str | None = None  # left | right | top | bottom
    text_move: str | None = None  # top | bottom (left/right belong to the text-layer edit)
    badge: str | None = None  # the badge's new words; '' takes it off
    photo: bool | None = None  # "use my photo": the attached upload goes into the subject slot

    def is_empty(self) -> bool:
        """True when nothing about the picture is asked."""
        return all(getattr(self, f.name) is None for f in fields(self))


def parse_scene(message: str, *, template_names: dict[str, str] | None = None) -> tuple[SceneEdit, str]:
    """The picture edits of ``message`` and the clauses left for the text-layer parser (joined by newlines).

    ``template_names`` maps lower-cased words of template names/slugs to slugs ('versus' → 'tech-versus-split').
    """
    scene, rest = SceneEdit(), []
    norm = normalize(message)
    if d.SWAP.search(norm) and not d.BACKGROUND.search(norm) and not d.LAYOUT.search(norm):
        scene.swap = True  # 'swap the text and the picture': one request, whatever the 'and'
        return scene, ''
    if find_quotes(message) and not d.BADGE.search(norm):
        return scene, message  # quoted words are the headline's: the text-layer parser takes the message whole
    for clause in _clauses(message):
        if not _parse_clause(clause, normalize(clause), scene, template_names or {}):
            rest.append(clause)
    return scene, '\n'.join(rest)


_SPLIT = re.compile(r'[,;!?،؛\n]+|\.(?:\s|$)|\b(?:and|then|also|plus)\b|(?<!\S)(?:و|بعد|سپس|بعدش)(?!\S)', re.I)


def _clauses(message: str) -> list[str]:
    """Clauses of ``message``; quoted words are never split (a headline may say 'Salt and Pepper')."""
    quotes = find_quotes(message)
    if quotes:  # quoted text belongs to one text-layer edit: keep the message whole
        return [message]
    return [c for c in _SPLIT.split(message) if c and c.strip()]


def _parse_clause(clause: str, norm: str, scene: SceneEdit, names: dict[str, str]) -> bool:
    """Fill ``scene`` from one clause; False when the clause is not about the picture."""
    if d.LAYOUT.search(norm) and not d.TEXT_TARGET.search(norm) and not re.search(r'\b(flip|mirror|sides?)\b', norm):
        named = (slug for word, slug in names.items() if re.search(rf'\b{re.escape(word)}\b', norm))
        scene.template = next(named, 'another')
        return True
    if d.SWAP.search(norm) and not d.BACKGROUND.search(norm):
        scene.swap = True
        return True
    if d.BACKGROUND.search(norm):
        return _background(norm, scene)
    if d.CONTRAST.search(norm):
        scene.contrast = -1 if d.LESS.search(norm) else 1
        return True
    if d.SATURATION.search(norm):
        scene.saturation = -1 if d.LESS.search(norm) else 1
        return True
    if d.ACCENTS.search(norm) and (colors := find_colors(norm)):
        scene.accent_color = colors[0]
        return True
    if d.PHOTO.search(norm):
        scene.photo = True
        return True
    if d.BADGE.search(norm):
        if d.REMOVE.search(norm):
            scene.badge = ''
            return True
        if match := d.BADGE_TEXT.search(clause):
            scene.badge = match.group('value').strip().strip('"“”«»\'').strip()
            return bool(scene.badge)
        return False
    side = _side(norm)
    mentions_text = bool(d.TEXT_TARGET.search(norm))
    if d.SUBJECT.search(norm) and not mentions_text:
        if side and (d.MOVE.search(norm) or len(norm.split()) <= 4):
            scene.subject_move = side
        elif d.REMOVE.search(norm):
            scene.subject = ''
        elif name := find_subject(clause):
            scene.subject = name
        else:
            return False
        return True
    if side in ('top', 'bottom') and (mentions_text or d.MOVE.search(norm)):
        scene.text_move = side
        return True
    if not mentions_text and (d.ADD.search(norm) or d.INSTEAD.search(norm)) and (name := find_subject(clause)):
        scene.subject = '' if d.REMOVE.search(norm) else name
        return True
    return False


def _background(norm: str, scene: SceneEdit) -> bool:
    colors = find_colors(norm)
    if d.BLUR.search(norm):
        scene.background = 'sharp' if d.REMOVE.search(norm) else 'blur'
    elif d.SHARP.search(norm):
        scene.background = 'sharp'
    elif colors and not (d.DARKER.search(norm) and colors[0] == find_colors('black')[0] and 'black' not in norm):
        scene.background = colors[0]
    elif d.DARKER.search(norm):
        scene.background = 'darker'
    elif d.LIGHTER.search(norm):
        scene.background = 'lighter'
    elif d.ANOTHER.search(norm) or d.INSTEAD.search(norm):
        scene.background = 'another'
    else:
        return False
    return True


def _side(norm: str) -> str | None:
    match = d.SIDE.search(norm)
    if not match:
        return None
    return d.SIDE_WORDS[match.group('en') or match.group('fa')]
