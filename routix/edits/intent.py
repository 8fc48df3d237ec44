"""What a message sent after a thumbnail exists means: an edit of it, a new request, a question, unclear, undo, redo.

The offline rules here are the product's default and good enough alone: undo/redo phrases, then the picture and
text-layer parsers (``parse_scene``, ``parse_edit``), then new-request and question markers. What is left is unclear
and gets a short question with one-click choices back, never a new design.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from routix.edits.edit import TextEdit
from routix.edits.intent_data import ASKS, CLARIFY_CHOICES, LONG_REQUEST_WORDS, NEW, QUESTION_MARK, REDO, UNDO
from routix.edits.parse import parse_edit
from routix.edits.scene import SceneEdit, parse_scene
from routix.edits.scene_data import MEDIA
from routix.language import detect_language, find_quotes, normalize, words

IntentKind = Literal['edit', 'new', 'question', 'unclear', 'undo', 'redo']
INTENTS: tuple[IntentKind, ...] = ('edit', 'new', 'question', 'unclear', 'undo', 'redo')


@dataclass(kw_only=True, slots=True)
class Intent:
    """A classified follow-up; an edit carries what it changes (text layer and/or picture)."""

    kind: IntentKind
    text: TextEdit | None = None
    scene: SceneEdit | None = None
    language: str = 'en'
    needs_photo: bool = False  # unclear because the photo it names was not attached

    def choices(self) -> tuple[str, ...]:
        """The one-click answers offered when the message was unclear, in its language."""
        return CLARIFY_CHOICES['fa' if self.language == 'fa' else 'en']


def classify(message: str, *, has_upload: bool = False, template_names: dict[str, str] | None = None) -> Intent:
    """Classify a follow-up to an existing thumbnail (``has_upload``: an image came with it)."""
    message = message[:2000]
    norm = normalize(message).strip()
    lang = 'fa' if detect_language(message) == 'fa' else 'en'
    if UNDO.search(norm):
        return Intent(kind='undo', language=lang)
    if REDO.search(norm):
        return Intent(kind='redo', language=lang)
    if ASKS.search(norm):
        return Intent(kind='question', language=lang)
    scene, rest = parse_scene(message, template_names=template_names)
    text = parse_edit(rest) if rest.strip() else None
    if scene.photo and not has_upload:  # 'use my photo' with nothing attached: the chat asks for the file
        return Intent(kind='unclear', language=lang, needs_photo=True)
    if has_upload and not scene.photo:
        return Intent(kind='new', language=lang)  # a reference image with words about it starts a design
    if not scene.is_empty() or text is not None:
        if NEW.search(norm) and text is None and not scene.photo and (scene.template is None or MEDIA.search(norm)):
            return Intent(kind='new', language=lang)  # 'a new thumbnail with a trophy' names a subject in passing
        return Intent(kind='edit', text=text, scene=None if scene.is_empty() else scene, language=lang)
    if NEW.search(norm) or MEDIA.search(norm) or find_quotes(message):
        return Intent(kind='new', language=lang)  # names a video or quotes a headline, and changes nothing here
    if QUESTION_MARK.search(norm):
        return Intent(kind='question', language=lang)
    if len(words(norm)) >= LONG_REQUEST_WORDS:
        return Intent(kind='new', language=lang)
    return Intent(kind='unclear', language=lang)
