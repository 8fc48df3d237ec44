"""Conversations: a creator's message becomes a proposal (analysis + templates), a generation, or an edit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from nicegui import Event
from sqlmodel import col, select

from routix.analysis.model import Analysis, Analyzer
from routix.core.db import Database
from routix.core.errors import InvalidRequest, InvalidUpload, NotFound
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.design.catalog import TemplateCatalog
from routix.design.textlayer import TextLayer
from routix.edits import apply_edit, parse_edit
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView, media_url
from routix.images import sanitize_image
from routix.models import Conversation, Generation, Message, Upload, utcnow
from routix.storage import ImageStore, new_key

MAX_UPLOADS_PER_MESSAGE = 4


@dataclass(kw_only=True, slots=True)
class ConversationView:
    """A conversation in the sidebar."""

    id: int
    title: str
    pinned_template: str | None
    updated_at: datetime


@dataclass(kw_only=True, slots=True)
class MessageView:
    """A message in the thread. ``kind``: text | proposal | generation | edit | error."""

    id: int
    conversation_id: int
    role: str
    content: str
    kind: str
    created_at: datetime
    meta: dict[str, Any] = field(default_factory=dict)
    upload_urls: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class UploadView:
    """A stored, sanitised reference image."""

    id: int
    url: str
    width: int
    height: int


class ChatService:
    """The one write path of the chat page; results arrive as events in every tab of the same creator."""

    def __init__(
        self,
        *,
        db: Database,
        store: ImageStore,
        analyzer: Analyzer,
        catalog: TemplateCatalog,
        generation: GenerationService,
        max_upload_bytes: int,
        max_prompt_chars: int,
        runtime: Runtime | None = None,
    ) -> None:
        self.runtime: Runtime = runtime or NiceGuiRuntime()
        self.db = db
        self.store = store
        self.analyzer = analyzer
        self.catalog = catalog
        self.generation = generation
        self.max_upload_bytes = max_upload_bytes
        self.max_prompt_chars = max_prompt_chars
        self._messages: defaultdict[int, Event[MessageView]] = defaultdict(Event)
        self._conversations: defaultdict[int, Event[()]] = defaultdict(Event)

    def messages_for(self, user_id: int) -> Event[MessageView]:
        """Fires for every message added to any of this user's conversations."""
        return self._messages[user_id]

    def conversations_for(self, user_id: int) -> Event[()]:
        """Fires when this user's conversation list changed (new, renamed, deleted, touched)."""
        return self._conversations[user_id]

    # ---- conversations -------------------------------------------------------------------------------------------

    async def conversations(self, *, owner_id: int, limit: int = 100) -> list[ConversationView]:
        """Newest first."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(Conversation)
                    .where(Conversation.owner_id == owner_id, col(Conversation.deleted_at).is_(None))
                    .order_by(col(Conversation.updated_at).desc(), col(Conversation.id).desc())
                    .limit(limit)
                )
            ).all()
        return [_conversation_view(c) for c in rows]

    async def conversation(self, *, owner_id: int, conversation_id: int) -> ConversationView:
        """One conversation of this owner; NotFound for anyone else's or a deleted one."""
        async with self.db.session() as session:
            return _conversation_view(await _owned_conversation(session, owner_id, conversation_id))

    async def create(self, *, owner_id: int, title: str = '', pinned_template: str | None = None) -> ConversationView:
        """A new, empty conversation (optionally with a template pinned)."""
        if pinned_template:
            self.catalog.get(pinned_template)
        async with self.db.transaction() as session:
            conv = Conversation(owner_id=owner_id, title=title.strip()[:200], pinned_template=pinned_template)
            session.add(conv)
        self._conversations[owner_id].emit()
        return _conversation_view(conv)

    async def rename(self, *, owner_id: int, conversation_id: int, title: str) -> None:
        """Rename; an empty title is refused."""
        title = title.strip()
        if not title:
            raise InvalidRequest('A title cannot be empty.')
        async with self.db.transaction() as session:
            conv = await _owned_conversation(session, owner_id, conversation_id)
            conv.title = title[:200]
            session.add(conv)
        self._conversations[owner_id].emit()

    async def delete(self, *, owner_id: int, conversation_id: int) -> None:
        """Soft-delete a conversation (its thumbnails stay in the history)."""
        async with self.db.transaction() as session:
            conv = await _owned_conversation(session, owner_id, conversation_id)
            conv.deleted_at = utcnow()
            session.add(conv)
        self._conversations[owner_id].emit()

    async def messages(self, *, owner_id: int, conversation_id: int) -> list[MessageView]:
        """The whole thread, oldest first."""
        async with self.db.session() as session:
            await _owned_conversation(session, owner_id, conversation_id)
            rows = (
                await session.exec(
                    select(Message)
                    .where(Message.conversation_id == conversation_id, Message.owner_id == owner_id)
                    .order_by(col(Message.id))
                )
            ).all()
            uploads = await self._upload_urls(session, owner_id, rows)
        return [_message_view(m, uploads) for m in rows]

    async def generations(self, *, owner_id: int, conversation_id: int) -> dict[int, GenerationView]:
        """The generations of one conversation by id (for rendering its cards)."""
        async with self.db.session() as session:
            rows = (
                await session.exec(
                    select(Generation).where(
                        Generation.owner_id == owner_id, Generation.conversation_id == conversation_id
                    )
                )
            ).all()
        return {
            g.id: GenerationView.of(g, queue_position=self.generation.queue_position(g.id))
            for g in rows
            if g.id is not None
        }

    # ---- the three things a message can become -------------------------------------------------------------------

    async def send(
        self, *, owner_id: int, conversation_id: int, text: str, upload_ids: list[int] | None = None
    ) -> list[MessageView]:
        """Store the creator's message and answer it: an edit of the last thumbnail, or a new proposal."""
        text = text.strip()
        upload_ids = list(upload_ids or [])[:MAX_UPLOADS_PER_MESSAGE]
        if not text:
            raise InvalidRequest('Write what you would like to see.')
        if len(text) > self.max_prompt_chars:
            raise InvalidRequest(f'The message is too long (at most {self.max_prompt_chars} characters).')
        async with self.db.transaction() as session:
            conv = await _owned_conversation(session, owner_id, conversation_id)
            for upload_id in upload_ids:
                upload = await session.get(Upload, upload_id)
                if upload is None or upload.owner_id != owner_id:
                    raise NotFound('That reference image does not exist.')
            if not conv.title:
                conv.title = text[:60]
            conv.updated_at = utcnow()
            session.add(conv)
            user_msg = Message(
                conversation_id=conversation_id,
                owner_id=owner_id,
                role='user',
                content=text,
                meta={'kind': 'text', 'upload_ids': upload_ids},
            )
            session.add(user_msg)
            last_id = conv.last_generation_id
        self._conversations[owner_id].emit()  # the title (first message) and the order (updated_at) changed
        added = [await self._publish(user_msg)]
        edit = parse_edit(text) if last_id and not upload_ids else None
        if edit is not None and last_id is not None:
            parent = await self.generation.get(owner_id=owner_id, generation_id=last_id)
            if parent.status == 'completed':
                layer = apply_edit(TextLayer.from_dict(parent.text_layer), edit)
                view = await self.generation.edit(owner_id=owner_id, generation_id=last_id, text_layer=layer)
                await self._set_last(owner_id, conversation_id, view.id)
                added.append(
                    await self._reply(
                        owner_id,
                        conversation_id,
                        edit.describe('en'),
                        {
                            'kind': 'edit',
                            'generation_id': view.id,
                            'parent_id': last_id,
                            'summary_fa': edit.describe('fa'),
                        },
                    )
                )
                return added
        images = await self._reference_bytes(owner_id, upload_ids)
        analysis = await self.analyzer.analyze(text, images=images or None)
        pinned = await self._pinned(owner_id, conversation_id)
        matches = self.catalog.match(analysis, pinned=pinned, top_n=3)
        added.append(
            await self._reply(
                owner_id,
                conversation_id,
                analysis.headline,
                {
                    'kind': 'proposal',
                    'prompt': text,
                    'analysis': analysis.to_dict(),
                    'matches': [asdict(m) for m in matches],
                    'upload_ids': upload_ids,
                },
            )
        )
        return added

    async def generate(
        self, *, owner_id: int, conversation_id: int, proposal_id: int, template_slug: str, tier: str
    ) -> GenerationView:
        """Start a generation from a proposal with the chosen template and tier."""
        async with self.db.session() as session:
            await _owned_conversation(session, owner_id, conversation_id)
            proposal = await session.get(Message, proposal_id)
        if proposal is None or proposal.owner_id != owner_id or proposal.meta.get('kind') != 'proposal':
            raise NotFound('That proposal does not exist.')
        upload_ids = proposal.meta.get('upload_ids') or []
        view = await self.generation.start(
            owner_id=owner_id,
            prompt=proposal.meta['prompt'],
            tier=tier,
            conversation_id=conversation_id,
            analysis=Analysis.from_dict(proposal.meta['analysis']),
            template_slug=template_slug,
            upload_id=upload_ids[0] if upload_ids else None,
        )
        await self._set_last(owner_id, conversation_id, view.id)
        await self._reply(
            owner_id, conversation_id, '', {'kind': 'generation', 'generation_id': view.id, 'proposal_id': proposal_id}
        )
        return view

    async def remix(self, *, owner_id: int, generation_id: int) -> ConversationView:
        """A new conversation whose first message is the recipe of an earlier generation."""
        source = await self.generation.get(owner_id=owner_id, generation_id=generation_id)
        conv = await self.create(
            owner_id=owner_id,
            title=f'Remix: {source.headline or source.prompt}'[:200],
            pinned_template=source.template_slug,
        )
        await self.send(owner_id=owner_id, conversation_id=conv.id, text=source.prompt)
        return conv

    async def save_upload(self, *, owner_id: int, data: bytes) -> UploadView:
        """Check, sanitise (off the event loop) and store a reference image; InvalidUpload says what is wrong."""
        if len(data) > self.max_upload_bytes:
            raise InvalidUpload(f'The image is larger than {self.max_upload_bytes // (1024 * 1024)} MB.')
        clean = await self.runtime.cpu(sanitize_image, data, max_bytes=self.max_upload_bytes)
        key = new_key(owner_id, 'png' if clean.png.startswith(b'\x89PNG') else 'jpg')
        await self.store.put(key, clean.png)
        async with self.db.transaction() as session:
            upload = Upload(
                owner_id=owner_id,
                storage_key=key,
                mime=clean.mime,
                width=clean.width,
                height=clean.height,
                size_bytes=len(clean.png),
                sha256=clean.sha256,
            )
            session.add(upload)
        assert upload.id is not None
        return UploadView(id=upload.id, url=media_url(key) or '', width=clean.width, height=clean.height)

    # ---- helpers -------------------------------------------------------------------------------------------------

    async def _reply(self, owner_id: int, conversation_id: int, content: str, meta: dict[str, Any]) -> MessageView:
        async with self.db.transaction() as session:
            msg = Message(
                conversation_id=conversation_id, owner_id=owner_id, role='assistant', content=content, meta=meta
            )
            session.add(msg)
        return await self._publish(msg)

    async def _publish(self, msg: Message) -> MessageView:
        async with self.db.session() as session:
            uploads = await self._upload_urls(session, msg.owner_id, [msg])
        view = _message_view(msg, uploads)
        self._messages[msg.owner_id].emit(view)
        return view

    async def _set_last(self, owner_id: int, conversation_id: int, generation_id: int) -> None:
        async with self.db.transaction() as session:
            conv = await _owned_conversation(session, owner_id, conversation_id)
            conv.last_generation_id = generation_id
            conv.updated_at = utcnow()
            session.add(conv)
        self._conversations[owner_id].emit()

    async def _pinned(self, owner_id: int, conversation_id: int) -> str | None:
        async with self.db.session() as session:
            return (await _owned_conversation(session, owner_id, conversation_id)).pinned_template

    async def _reference_bytes(self, owner_id: int, upload_ids: list[int]) -> list[bytes]:
        if not upload_ids:
            return []
        async with self.db.session() as session:
            rows = (
                await session.exec(select(Upload).where(col(Upload.id).in_(upload_ids), Upload.owner_id == owner_id))
            ).all()
        return [await self.store.get(u.storage_key) for u in rows]

    @staticmethod
    async def _upload_urls(session: Any, owner_id: int, messages: list[Message]) -> dict[int, str]:
        ids = {i for m in messages for i in (m.meta.get('upload_ids') or [])}
        if not ids:
            return {}
        rows = (await session.exec(select(Upload).where(col(Upload.id).in_(ids), Upload.owner_id == owner_id))).all()
        return {u.id: media_url(u.storage_key) or '' for u in rows}


async def _owned_conversation(session: Any, owner_id: int, conversation_id: int) -> Conversation:
    conv = await session.get(Conversation, conversation_id)
    if conv is None or conv.owner_id != owner_id or conv.deleted_at is not None:
        raise NotFound('That conversation does not exist.')
    return conv


def _conversation_view(conv: Conversation) -> ConversationView:
    assert conv.id is not None
    return ConversationView(
        id=conv.id, title=conv.title, pinned_template=conv.pinned_template, updated_at=conv.updated_at
    )


def _message_view(msg: Message, uploads: dict[int, str]) -> MessageView:
    assert msg.id is not None
    return MessageView(
        id=msg.id,
        conversation_id=msg.conversation_id,
        role=msg.role,
        content=msg.content,
        kind=msg.meta.get('kind', 'text'),
        created_at=msg.created_at,
        meta=dict(msg.meta),
        upload_urls=[uploads[i] for i in msg.meta.get('upload_ids') or [] if i in uploads],
    )
