"""What the chat page shows: finished view objects built from rows, and the snapshot a page opens with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from routix.core.errors import RoutixError
from routix.design.templates import TemplateSpec
from routix.generation.views import GenerationView
from routix.models import Conversation, Message


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


@dataclass(kw_only=True, slots=True)
class UploadOutcome:
    """What became of a file one tab sent: the stored ``upload``, or the ``error`` that refused it."""

    tab: str
    """the key of the tab that sent it (only that tab shows it)"""
    upload: UploadView | None = None
    error: RoutixError | None = None


@dataclass(kw_only=True, slots=True)
class ChatSnapshot:
    """Everything the chat page shows when it opens, read in one go."""

    conversation: ConversationView | None
    """the open conversation; None for a new chat (also when the asked-for one is missing)"""
    conversation_missing: bool = False
    """a conversation was asked for that does not exist (or is not this creator's)"""
    pinned_template: str | None = None
    """the open conversation's pinned template, or the one asked for by ``?template=``"""
    template_problem: RoutixError | None = None
    """why the asked-for template could not be pinned"""
    conversations: list[ConversationView] = field(default_factory=list)
    """the sidebar, newest first"""
    messages: list[MessageView] = field(default_factory=list)
    """the open conversation's thread, oldest first"""
    generations: list[GenerationView] = field(default_factory=list)
    """the open conversation's generations"""
    balance: int = 0
    """the creator's credits"""
    templates: Mapping[str, TemplateSpec] = field(default_factory=dict)
    """every template by slug, in catalog order (for proposals and the pinned chip); the catalog's own, read-only"""


def conversation_view(conv: Conversation) -> ConversationView:
    """The view of a conversation row."""
    assert conv.id is not None
    return ConversationView(
        id=conv.id, title=conv.title, pinned_template=conv.pinned_template, updated_at=conv.updated_at
    )


def message_view(msg: Message, uploads: dict[int, str]) -> MessageView:
    """The view of a message row; ``uploads`` maps upload ids to their urls (unknown ids are left out)."""
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
