"""The answer to a message sent after a thumbnail exists: a new version, undo/redo, a question back, or nothing
(then the chat treats it as a new request). ``ChatService.send`` stores the reply this returns."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Protocol

from routix.analysis.subjects import emoji_for
from routix.colors import color_name
from routix.core.errors import InvalidRequest
from routix.design.catalog import TemplateCatalog, display_name
from routix.design.overrides import mirror_text_layer
from routix.design.templates import LATIN_ONLY_ROLES
from routix.design.textlayer import TextLayer
from routix.edits.change import RecipeChange
from routix.edits.describe import describe_edit, describe_scene, join_parts
from routix.edits.intent import Intent, classify
from routix.edits.model_intent import ModelClassifier
from routix.edits.plan import plan_change
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.i18n import t
from routix.language import normalize, text_direction, words


class Versions(Protocol):
    """The part of ``VersionService`` (routix/chat/versions.py) a follow-up uses."""

    async def undo(self, *, owner_id: int, conversation_id: int) -> int | None: ...
    async def redo(self, *, owner_id: int, conversation_id: int) -> int | None: ...


@dataclass(kw_only=True, slots=True)
class FollowUpReply:
    """The assistant's answer (content in the message's language, meta for the page) and the new current version."""

    content: str
    meta: dict[str, Any]
    current: int | None = None  # a version this answer made (the conversation's last generation becomes it)
    intent: Intent | None = field(default=None, repr=False)


class FollowUps:
    """Classifies a follow-up and carries it out against the current version."""

    def __init__(
        self,
        *,
        generation: GenerationService,
        catalog: TemplateCatalog,
        versions: Versions,
        classifier: ModelClassifier | None = None,
    ) -> None:
        self.classifier = classifier  # a configured remote model reads the message first; the rules are the fallback
        self.generation = generation
        self.catalog = catalog
        self.versions = versions
        self._names = template_words(catalog)

    async def answer(
        self, *, owner_id: int, conversation_id: int, text: str, current_id: int, upload_ids: list[int]
    ) -> FollowUpReply | None:
        """The reply to ``text`` about version ``current_id``; None when it asks for a new design."""
        if self.classifier is not None:
            intent = await self.classifier.classify(text, has_upload=bool(upload_ids), template_names=self._names)
        else:
            intent = classify(text, has_upload=bool(upload_ids), template_names=self._names)
        lang = intent.language
        if intent.kind == 'new':
            return None
        if intent.kind in ('undo', 'redo'):
            move = self.versions.undo if intent.kind == 'undo' else self.versions.redo
            moved = await move(owner_id=owner_id, conversation_id=conversation_id)
            key = f'chat.{intent.kind}_{"done" if moved else "none"}'
            return FollowUpReply(
                content=t(key, lang), meta={'kind': intent.kind, 'generation_id': moved}, intent=intent
            )
        if intent.kind == 'question':
            return FollowUpReply(content=t('chat.edit_help', lang), meta={'kind': 'question'}, intent=intent)
        if intent.kind == 'unclear':
            key = 'chat.photo_missing' if intent.needs_photo else 'chat.clarify'
            choices = [{'label': c, 'text': c} for c in intent.choices()]
            return FollowUpReply(content=t(key, lang), meta={'kind': 'clarify', 'choices': choices}, intent=intent)
        return await self._edit(owner_id, intent, current_id, upload_ids)

    async def _edit(
        self, owner_id: int, intent: Intent, current_id: int, upload_ids: list[int]
    ) -> FollowUpReply | None:
        lang = intent.language
        parent = await self.generation.get(owner_id=owner_id, generation_id=current_id)
        if parent.status in ('failed', 'cancelled'):
            return None  # nothing to edit: the words are a request of their own
        if parent.status != 'completed' or not parent.template_slug:
            return FollowUpReply(content=t('error.generation.busy', lang), meta={'kind': 'question'}, intent=intent)
        spec = self.catalog.get(parent.template_slug)
        layer = TextLayer.from_dict(parent.text_layer)
        change = plan_change(
            text=intent.text,
            scene=intent.scene,
            layer=layer,
            match=parent.match,
            spec=spec,
            other_templates=self._others(parent, rtl=layer.direction == 'rtl'),
            upload_id=upload_ids[0] if upload_ids else None,
        )
        try:
            if change.is_empty():
                raise InvalidRequest('edit.no_change')
            view = await self.generation.revise(owner_id=owner_id, generation_id=current_id, change=change)
        except InvalidRequest as e:
            meta = {'kind': 'no_change', 'code': e.code, 'parent_id': current_id}
            return FollowUpReply(content=_why_unchanged(e, intent, lang), meta=meta, intent=intent)
        summary = {code: self._summary(intent, change, view, code) for code in ('en', 'fa')}
        meta = {'kind': 'edit', 'generation_id': view.id, 'parent_id': current_id, 'summary_fa': summary['fa']}
        return FollowUpReply(content=summary['en'], meta=meta, current=view.id, intent=intent)

    def _summary(self, intent: Intent, change: RecipeChange, view: GenerationView, lang: str) -> str:
        parts = [describe_edit(intent.text, lang)] if intent.text is not None else []
        if intent.scene is not None:
            spec = self.catalog.get(view.template_slug or '')
            name = change.subject or ''
            parts += describe_scene(
                intent.scene,
                lang,
                template_name=display_name(spec, lang),
                subject_name=f'{emoji_for(name)} {name}'.strip(),
            )
        return join_parts([p for p in parts if p], lang)

    def _others(self, parent: GenerationView, *, rtl: bool) -> list[str]:
        """Templates a 'try another layout' may switch to: the runners-up of the first match, then the category."""
        category = self.catalog.get(parent.template_slug or '').category
        slugs = [m.get('slug', '') for m in parent.match.get('runners_up') or []]
        slugs += [s.slug for s in self.catalog.by_slug.values() if s.category == category]
        slugs += list(self.catalog.by_slug)
        fits = [
            s for s in slugs if s in self.catalog.by_slug and (not rtl or 'arabic' in self.catalog.by_slug[s].scripts)
        ]
        return list(dict.fromkeys(fits))


def _why_unchanged(error: InvalidRequest, intent: Intent, lang: str) -> str:
    """What to say when an edit changed nothing: why, when the rules know (an unreadable colour, an edge reached)."""
    text = intent.text
    if error.code == 'edit.no_change' and text is not None and intent.scene is None:
        if text.color and text.aspect_count() == 1:
            return t('chat.colour_unreadable', lang, name=color_name(text.color, lang))
        if text.align and text.aspect_count() == 1:
            return t('chat.at_edge', lang)
    return t(f'error.{error.code}', lang, **error.params)


def template_words(catalog: TemplateCatalog) -> dict[str, str]:
    """Words that name exactly one template ('versus' → 'tech-versus-split'), from slugs and both names."""
    owners: dict[str, set[str]] = {}
    for spec in catalog.by_slug.values():
        for word in words(normalize(f'{spec.slug.replace("-", " ")} {spec.name} {spec.name_fa}')):
            if len(word.key) >= 4 and word.key != spec.category:
                owners.setdefault(word.key, set()).add(spec.slug)
    return {word: next(iter(slugs)) for word, slugs in owners.items() if len(slugs) == 1}


def other_language_change(parent: GenerationView, headline: str) -> RecipeChange:
    """The other-language version of ``parent``: the headline replaced, the direction from its script, and (when the
    direction flips) the text and the layout mirrored so a right-to-left headline starts on the right."""
    layer = TextLayer.from_dict(parent.text_layer)
    direction = text_direction(headline, fallback=layer.direction)
    role = 'display' if direction == 'rtl' and layer.font_role in LATIN_ONLY_ROLES else layer.font_role
    new = dataclasses.replace(layer, headline=headline, direction=direction, font_role=role)
    if direction == layer.direction:
        return RecipeChange(text_layer=new)
    return RecipeChange(text_layer=mirror_text_layer(new), mirrored=not bool(parent.match.get('mirrored')))
