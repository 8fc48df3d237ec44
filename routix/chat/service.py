"""Conversations: a creator's message becomes a proposal (analysis + templates), a generation, or an edit."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from nicegui import Event

from routix.accounts.credits import balance
from routix.analysis.model import Analysis, Analyzer
from routix.chat import uploads
from routix.chat.queries import list_conversations, list_generations, list_messages, owned_conversation
from routix.chat.regenerate import regenerate
from routix.chat.versions import VersionService
from routix.chat.views import (
    ChatSnapshot,
    ConversationView,
    MessageView,
    UploadOutcome,
    UploadView,
    conversation_view,
    message_view,
)
from routix.core import limits
from routix.core.db import Database
from routix.core.errors import InvalidRequest, NotFound, RoutixError
from routix.core.events import EventTables, local_tables
from routix.core.runtime import NiceGuiRuntime, Runtime
from routix.design.catalog import TemplateCatalog
from routix.edits.change import RecipeChange
from routix.edits.followup import FollowUps, other_language_change
from routix.edits.model_intent import ModelClassifier
from routix.generation.service import GenerationService
from routix.generation.views import GenerationView
from routix.i18n import t
from routix.models import Conversation, Message, utcnow
from routix.ops.sweep import delete_conversation_uploads
from routix.storage import ImageStore

MAX_UPLOADS_PER_MESSAGE = 4
# what a canvas gesture did, as the thread records it ('canvas.done.<gesture>', English and Persian)
CANVAS_GESTURES = frozenset(
    {'move_headline', 'resize_headline', 'retype_headline', 'move_picture', 'resize_picture', 'remove_badge'}
)


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
        storage_quota_bytes: int = 500 * 1024 * 1024,
        runtime: Runtime | None = None,
        versions: VersionService | None = None,
        intent_classifier: ModelClassifier | None = None,
        events: EventTables = local_tables,
    ) -> None:
        self.runtime: Runtime = runtime or NiceGuiRuntime()
        self.versions = versions or VersionService(db=db, events=events)
        self.follow_ups = FollowUps(
            generation=generation, catalog=catalog, versions=self.versions, classifier=intent_classifier
        )
        self.db = db
        self.store = store
        self.analyzer = analyzer
        self.catalog = catalog
        self.generation = generation
        self.max_upload_bytes = max_upload_bytes
        self.max_prompt_chars = max_prompt_chars
        self.storage_quota_bytes = storage_quota_bytes
        self._messages: defaultdict[int, Event[MessageView]] = events('chat.messages')
        self._conversations: defaultdict[int, Event[()]] = events('chat.conversations')
        self._uploads: defaultdict[int, Event[UploadOutcome]] = events('chat.uploads')
        self._upload_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self.on_deleted: list[Callable[[int, int], Awaitable[None]]] = []
        """run with (owner_id, conversation_id) after a conversation was deleted (its videos go: routix/video)"""

    async def aclose(self) -> None:
        """Close the remote intent model's client (when one is configured)."""
        if self.follow_ups.classifier is not None:
            await self.follow_ups.classifier.aclose()

    def messages_for(self, user_id: int) -> Event[MessageView]:
        """Fires for every message added to any of this user's conversations."""
        return self._messages[user_id]

    def conversations_for(self, user_id: int) -> Event[()]:
        """Fires when this user's conversation list changed (new, renamed, deleted, touched)."""
        return self._conversations[user_id]

    def uploads_for(self, user_id: int) -> Event[UploadOutcome]:
        """Fires when a file one of this user's tabs sent was stored or refused (``tab`` says which tab sent it)."""
        return self._uploads[user_id]

    # ---- reads ---------------------------------------------------------------------------------------------------

    async def snapshot(self, *, owner_id: int, conversation_id: int | None, template: str = '') -> ChatSnapshot:
        """Everything the chat page opens with, read in one session. A missing conversation or an unknown
        ``template`` is reported in the snapshot, not raised: the page then opens a new chat and says why."""
        snap = ChatSnapshot(conversation=None, templates=self.catalog.by_slug)  # shared, read-only: no copy per tab
        async with self.db.session() as session:
            if conversation_id is not None:
                try:
                    snap.conversation = conversation_view(
                        await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
                    )
                except NotFound:
                    snap.conversation_missing = True
            if snap.conversation is not None:
                snap.pinned_template = snap.conversation.pinned_template
            elif template:
                try:
                    snap.pinned_template = self.catalog.get(template).slug
                except RoutixError as e:
                    snap.template_problem = e
            snap.conversations = await list_conversations(session=session, owner_id=owner_id)
            if snap.conversation is not None:
                open_id = snap.conversation.id
                snap.messages = await list_messages(session=session, owner_id=owner_id, conversation_id=open_id)
                rows = await list_generations(session=session, owner_id=owner_id, conversation_id=open_id)
                snap.generations = await self.generation.views_of(rows)
            snap.balance = await balance(session=session, user_id=owner_id)
        return snap

    async def conversations(self, *, owner_id: int, limit: int = 100) -> list[ConversationView]:
        """Newest first."""
        async with self.db.session() as session:
            return await list_conversations(session=session, owner_id=owner_id, limit=limit)

    async def conversation(self, *, owner_id: int, conversation_id: int) -> ConversationView:
        """One conversation of this owner; NotFound for anyone else's or a deleted one."""
        async with self.db.session() as session:
            return conversation_view(
                await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            )

    async def messages(self, *, owner_id: int, conversation_id: int) -> list[MessageView]:
        """The whole thread, oldest first."""
        async with self.db.session() as session:
            return await list_messages(session=session, owner_id=owner_id, conversation_id=conversation_id)

    async def generations(self, *, owner_id: int, conversation_id: int) -> dict[int, GenerationView]:
        """The generations of one conversation by id (for rendering its cards)."""
        async with self.db.session() as session:
            rows = await list_generations(session=session, owner_id=owner_id, conversation_id=conversation_id)
        return {view.id: view for view in await self.generation.views_of(rows)}

    # ---- conversations -------------------------------------------------------------------------------------------

    async def create(self, *, owner_id: int, title: str = '', pinned_template: str | None = None) -> ConversationView:
        """A new, empty conversation (optionally with a template pinned)."""
        if pinned_template:
            self.catalog.get(pinned_template)
        async with self.db.transaction() as session:
            conv = Conversation(owner_id=owner_id, title=title.strip()[:200], pinned_template=pinned_template)
            session.add(conv)
        self._conversations[owner_id].emit()
        return conversation_view(conv)

    async def rename(self, *, owner_id: int, conversation_id: int, title: str) -> None:
        """Rename; an empty title is refused."""
        title = title.strip()
        if not title:
            raise InvalidRequest('chat.title_empty')
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            conv.title = title[:200]
            session.add(conv)
        self._conversations[owner_id].emit()

    async def delete(self, *, owner_id: int, conversation_id: int) -> None:
        """Soft-delete a conversation (its thumbnails stay in the history)."""
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            conv.deleted_at = utcnow()
            session.add(conv)
        self._conversations[owner_id].emit()
        await delete_conversation_uploads(
            db=self.db, store=self.store, owner_id=owner_id, conversation_id=conversation_id
        )
        for hook in self.on_deleted:
            await hook(owner_id, conversation_id)

    # ---- the three things a message can become -------------------------------------------------------------------

    async def send(
        self, *, owner_id: int, conversation_id: int, text: str, upload_ids: list[int] | None = None
    ) -> list[MessageView]:
        """Store the creator's message and answer it: an edit of the last thumbnail, or a new proposal."""
        text = text.strip()
        upload_ids = list(upload_ids or [])[:MAX_UPLOADS_PER_MESSAGE]
        if not text:
            raise InvalidRequest('chat.message_missing')
        if len(text) > self.max_prompt_chars:
            raise InvalidRequest('chat.message_too_long', limit=self.max_prompt_chars)
        await limits.check_message(db=self.db, settings=self.generation.settings, owner_id=owner_id)  # fair use
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            await uploads.check_owned(session=session, owner_id=owner_id, upload_ids=upload_ids)
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
        if last_id is not None:
            reply = await self.follow_ups.answer(
                owner_id=owner_id, conversation_id=conversation_id, text=text, current_id=last_id, upload_ids=upload_ids
            )
            if reply is not None:
                if reply.current is not None:
                    await self._set_last(owner_id, conversation_id, reply.current)
                added.append(await self._reply(owner_id, conversation_id, reply.content, reply.meta))
                return added
        images = await uploads.reference_bytes(db=self.db, store=self.store, owner_id=owner_id, upload_ids=upload_ids)
        analysis = await self.analyzer.analyze(text, images=images or None)
        if analysis.vague and not upload_ids:  # nothing to go on: ask, rather than propose an invented headline
            question = t('chat.ask_topic', 'fa' if analysis.language == 'fa' else 'en')
            added.append(await self._reply(owner_id, conversation_id, question, {'kind': 'question'}))
            return added
        pinned = await self._pinned(owner_id, conversation_id)
        matches = self.catalog.match(analysis, pinned=pinned, top_n=3)
        meta = {
            'kind': 'proposal',
            'prompt': text,
            'analysis': analysis.to_dict(),
            'matches': [asdict(m) for m in matches],
            'upload_ids': upload_ids,
        }
        added.append(await self._reply(owner_id, conversation_id, analysis.headline, meta))
        return added

    async def generate(
        self, *, owner_id: int, conversation_id: int, proposal_id: int, template_slug: str, tier: str
    ) -> GenerationView:
        """Start a generation from a proposal with the chosen template and tier."""
        async with self.db.session() as session:
            await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            proposal = await session.get(Message, proposal_id)
        if proposal is None or proposal.owner_id != owner_id or proposal.meta.get('kind') != 'proposal':
            raise NotFound('chat.proposal_not_found')
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

    async def other_language(
        self, *, owner_id: int, conversation_id: int, generation_id: int, headline: str
    ) -> GenerationView:
        """A new current version in the other language: ``headline`` replaces the text, mirrored if the script flips."""
        headline = headline.strip()
        if not headline:
            raise InvalidRequest('chat.message_missing')
        async with self.db.session() as session:
            await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
        parent = await self.generation.get(owner_id=owner_id, generation_id=generation_id)
        change = other_language_change(parent, headline[: self.max_prompt_chars])
        lang = 'fa' if change.text_layer is not None and change.text_layer.direction == 'rtl' else 'en'
        return await self._edit(owner_id, conversation_id, generation_id, change, f'chat.other_language_{lang}')

    async def canvas_edit(
        self, *, owner_id: int, conversation_id: int, generation_id: int, change: RecipeChange, gesture: str
    ) -> GenerationView:
        """A canvas gesture (CANVAS_GESTURES) on a version: a new current version, named in the thread like an edit."""
        if gesture not in CANVAS_GESTURES:
            raise InvalidRequest('request.invalid')
        async with self.db.session() as session:
            await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
        return await self._edit(owner_id, conversation_id, generation_id, change, f'canvas.done.{gesture}')

    async def _edit(
        self, owner_id: int, conversation_id: int, generation_id: int, change: RecipeChange, summary_key: str
    ) -> GenerationView:
        """Revise ``generation_id`` with ``change``, make the version current and say so in the thread."""
        view = await self.generation.revise(owner_id=owner_id, generation_id=generation_id, change=change)
        await self._set_last(owner_id, conversation_id, view.id)
        meta = {
            'kind': 'edit',
            'generation_id': view.id,
            'parent_id': generation_id,
            'summary_fa': t(summary_key, 'fa'),
        }
        await self._reply(owner_id, conversation_id, t(summary_key, 'en'), meta)
        return view

    regenerate = regenerate  # a new take on a finished thumbnail: new seed, maybe mirrored (routix/chat/regenerate.py)

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
        """Check, sanitise (off the event loop) and store a reference image; InvalidUpload says what is wrong
        (too big, not an image, already MAX_UPLOADS_PER_MESSAGE waiting for a message, storage quota reached)."""
        async with self._upload_locks[owner_id]:  # count, quota and insert without this creator's other uploads between
            return await uploads.save_upload(
                db=self.db,
                store=self.store,
                runtime=self.runtime,
                owner_id=owner_id,
                data=data,
                max_bytes=self.max_upload_bytes,
                max_waiting=MAX_UPLOADS_PER_MESSAGE,
                quota_bytes=self.storage_quota_bytes,
            )

    async def receive_upload(self, *, owner_id: int, tab: str, data: bytes) -> UploadView:
        """``save_upload`` for a file a tab sent over HTTP; the outcome also goes to the creator's tabs as an event."""
        try:
            view = await self.save_upload(owner_id=owner_id, data=data)
        except RoutixError as e:
            self.refuse_upload(owner_id=owner_id, tab=tab, error=e)
            raise
        self._uploads[owner_id].emit(UploadOutcome(tab=tab, upload=view))
        return view

    def refuse_upload(self, *, owner_id: int, tab: str, error: RoutixError) -> None:
        """Tell the tab that sent a file why it was refused before it was read (too big, say)."""
        self._uploads[owner_id].emit(UploadOutcome(tab=tab, error=error))

    async def discard_upload(self, *, owner_id: int, upload_id: int) -> None:
        """Delete a reference image that waits for a message (removed from the composer, or its tab closed)."""
        async with self._upload_locks[owner_id]:
            await uploads.discard_upload(db=self.db, store=self.store, owner_id=owner_id, upload_id=upload_id)

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
            urls = await uploads.upload_urls(session=session, owner_id=msg.owner_id, messages=[msg])
        view = message_view(msg, urls)
        self._messages[msg.owner_id].emit(view)
        return view

    async def _set_last(self, owner_id: int, conversation_id: int, generation_id: int) -> None:
        async with self.db.transaction() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            conv.last_generation_id = generation_id
            conv.updated_at = utcnow()
            session.add(conv)
        self._conversations[owner_id].emit()

    async def _pinned(self, owner_id: int, conversation_id: int) -> str | None:
        async with self.db.session() as session:
            conv = await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
            return conv.pinned_template
